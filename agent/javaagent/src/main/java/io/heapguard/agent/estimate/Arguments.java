package io.heapguard.agent.estimate;

/**
 * One call's arguments as an estimate reads them, by parameter index. The woven code's per-thread
 * frame implements it without boxing; {@link #of(Object[])} wraps an array (tests, tools).
 */
public interface Arguments {

    /** The argument at {@code index}; a primitive argument comes boxed (off the hot path only). */
    Object object(int index);

    /**
     * A primitive numeric argument as a double: only asked for parameters declared {@code byte},
     * {@code short}, {@code int}, {@code long}, {@code float} or {@code double}.
     */
    double primitive(int index);

    /**
     * Every argument in an array, primitives boxed, for a {@link io.heapguard.MemoryEstimator}. The
     * woven call's frame reuses one array per thread and parameter count: valid until the next call.
     */
    Object[] boxed();

    /** The arguments of an array, primitives boxed. */
    static Arguments of(Object[] values) {
        return new Arguments() {
            @Override
            public Object object(int index) {
                return values[index];
            }

            @Override
            public double primitive(int index) {
                return ((Number) values[index]).doubleValue();
            }

            @Override
            public Object[] boxed() {
                return values;
            }
        };
    }
}
