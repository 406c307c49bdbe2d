package io.heapguard.agent.internal.samples;

/** No heapguard annotations: the gate must leave it alone. */
public class Plain {
    public int value() {
        return 1;
    }
}
