package io.heapguard.it.agent.app.hidden;

import java.util.concurrent.CompletableFuture;

/**
 * A stage whose class file the weaver cannot read (its loader hides it, like a generated class) but
 * which exists at run time: the guard must still hold the reservation until it completes.
 */
public final class LateStage extends CompletableFuture<String> {
}
