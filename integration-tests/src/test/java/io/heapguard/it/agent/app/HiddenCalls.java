package io.heapguard.it.agent.app;

import java.util.concurrent.CompletableFuture;

/** What {@link WeavingEdgesApp} calls on the classes of {@code app.hidden}, which it cannot name. */
public interface HiddenCalls {

    /** Declared to return a type that is absent at run time; returns null. */
    Object optional();

    /** A sibling of {@link #optional()} in the same class, with an estimate over any per-call limit. */
    String sibling();

    /** Declared to return a {@code CompletableFuture} subclass the weaver cannot find (its class file is hidden). */
    CompletableFuture<String> start();
}
