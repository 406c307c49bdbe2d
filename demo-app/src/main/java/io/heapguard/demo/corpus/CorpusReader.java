package io.heapguard.demo.corpus;

import java.io.IOException;
import java.util.function.Consumer;

/** Reads one corpus from the class path. */
interface CorpusReader {

    void read(CorpusSlice slice, Consumer<CorpusDoc> sink) throws IOException;

    int approximateSize();
}
