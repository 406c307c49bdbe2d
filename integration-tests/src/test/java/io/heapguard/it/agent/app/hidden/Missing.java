package io.heapguard.it.agent.app.hidden;

/** Compiled, then never defined: {@link io.heapguard.it.agent.app.HidingLoader} refuses it (an absent optional dependency). */
public final class Missing {
}
