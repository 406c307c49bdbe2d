package io.heapguard.agent.internal;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Dense ids for things registered at transformation time (woven methods, hook sets), looked up on
 * the hot path by array index. Writers are rare and synchronised; readers only read a volatile array.
 */
final class IdRegistry<T> {

    private static final int INITIAL_CAPACITY = 64;

    private volatile Object[] entries = new Object[INITIAL_CAPACITY];
    private int size;

    /** Registers the entry built from its new id and returns that id. */
    synchronized int register(IntFunction<T> entryForId) {
        int id = size;
        T entry = entryForId.apply(id);
        Object[] current = entries;
        if (id == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = entry;
        size = id + 1;
        entries = current; // volatile write publishes the entry to readers of the id
        return id;
    }

    @SuppressWarnings("unchecked")
    T get(int id) {
        return (T) entries[id];
    }
}
