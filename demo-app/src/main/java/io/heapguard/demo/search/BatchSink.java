package io.heapguard.demo.search;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Where a batch's answer goes. A batch admitted whole is delivered at once, inside its guarded
 * call; a batch served in chunks is streamed, each chunk written inside its own guarded call, so
 * no chunk's pages or JSON outlive the reservation that covered them.
 */
public interface BatchSink {

    /** The whole batch, from one guarded call: serialise and deliver it. */
    void accept(List<SearchResult> results) throws IOException;

    /** Opens a 200 answer streamed in chunks; called once, when the first chunk is admitted. */
    OutputStream openStream() throws IOException;
}
