package io.heapguard.demo.search;

import java.io.IOException;

/** Receives a result inside the guarded call and delivers it (serialises and writes it to the client). */
@FunctionalInterface
public interface ResultSink<T> {

    void accept(T result) throws IOException;
}
