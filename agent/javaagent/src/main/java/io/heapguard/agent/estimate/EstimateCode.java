package io.heapguard.agent.estimate;

/**
 * Receives an estimate as stack-machine steps (operands first, then the operator, every value a
 * {@code double}), for the weaver to compile into the woven method itself: the call then passes its
 * estimate in bytes and stores no argument (see {@link CallEstimator#compiles()}). The weaver turns
 * the final value into bytes with {@link io.heapguard.bootstrap.EstimatedBytes#of(double)}, as the
 * evaluator does.
 */
public interface EstimateCode {

    void constant(double value);

    /** A parameter declared as a numeric primitive, widened to double. */
    void parameter(int index);

    /** {@code len()} of a parameter declared as an array, as a double; a null array has length 0. */
    void arrayLength(int index);

    void add();

    void subtract();

    void multiply();

    /** Division by a constant other than 0 (only those compile: any other divisor can be 0 at run time). */
    void divide();

    void negate();

    void min();

    void max();
}
