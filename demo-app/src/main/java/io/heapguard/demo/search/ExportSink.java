package io.heapguard.demo.search;

import java.io.IOException;
import java.io.OutputStream;

/** Where an export streams its JSON lines; opened once, inside the guarded call. */
@FunctionalInterface
public interface ExportSink {

    OutputStream open() throws IOException;
}
