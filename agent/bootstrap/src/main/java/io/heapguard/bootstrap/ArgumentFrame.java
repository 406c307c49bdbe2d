package io.heapguard.bootstrap;

import java.util.Arrays;

/**
 * A woven call's arguments, stored by the woven code itself, one parameter at a time, without an
 * argument array and without boxing: primitives as raw bits in a {@code long} slot, references in an
 * object slot, at the parameter's index. The code woven at each method is specialised to its
 * parameter types when the class is transformed (the agent's {@code ArgumentFrameMapping}).
 *
 * <p>One frame per thread (the agent's per-thread call record extends this class): the woven code
 * fills it right before {@link WovenCalls#acquire(int, ArgumentFrame)}, which reads it and clears its
 * references before returning. Nothing else runs on the thread in between; guarded methods called by
 * an estimate get {@link #DISCARD} instead, so they cannot overwrite the arguments being read.
 *
 * <p>Confined to its thread: plain fields.
 */
public class ArgumentFrame {

    /** Slots allocated with a thread's frame; a method with more parameters grows them once. */
    private static final int INITIAL_SLOTS = 8;

    /** Accepts the arguments and keeps none: for calls that are not admitted (no agent, suspended guards). */
    public static final ArgumentFrame DISCARD = new ArgumentFrame(0) {
        @Override
        public void putInt(int index, int value) {
        }

        @Override
        public void putLong(int index, long value) {
        }

        @Override
        public void putFloat(int index, float value) {
        }

        @Override
        public void putDouble(int index, double value) {
        }

        @Override
        public void putObject(int index, Object value) {
        }
    };

    private long[] primitives;
    private Object[] references;

    protected ArgumentFrame() {
        this(INITIAL_SLOTS);
    }

    private ArgumentFrame(int slots) {
        primitives = new long[slots];
        references = new Object[slots];
    }

    /** Also {@code boolean}, {@code byte}, {@code char} and {@code short}: the JVM passes them as ints. */
    public void putInt(int index, int value) {
        ensure(index);
        primitives[index] = value;
    }

    public void putLong(int index, long value) {
        ensure(index);
        primitives[index] = value;
    }

    public void putFloat(int index, float value) {
        ensure(index);
        primitives[index] = Float.floatToRawIntBits(value);
    }

    public void putDouble(int index, double value) {
        ensure(index);
        primitives[index] = Double.doubleToRawLongBits(value);
    }

    public void putObject(int index, Object value) {
        ensure(index);
        references[index] = value;
    }

    /** The raw bits a {@code put} of a primitive stored (widened to long; floats and doubles as raw bits). */
    protected final long primitiveBits(int index) {
        return primitives[index];
    }

    protected final Object reference(int index) {
        return references[index];
    }

    /** Drops the references of the first {@code count} slots: a frame must not keep arguments alive. */
    protected final void clearReferences(int count) {
        Object[] slots = references;
        for (int i = Math.min(count, slots.length) - 1; i >= 0; i--) {
            slots[i] = null;
        }
    }

    private void ensure(int index) {
        if (index >= primitives.length) {
            grow(index);
        }
    }

    private void grow(int index) {
        int slots = Math.max(index + 1, primitives.length * 2);
        primitives = Arrays.copyOf(primitives, slots);
        references = Arrays.copyOf(references, slots);
    }
}
