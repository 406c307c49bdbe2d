package io.heapguard.bootstrap;

/**
 * What an estimate's arithmetic comes to in whole bytes, and the null-safe lengths estimates read:
 * one home for both the estimate evaluator and the estimate code compiled into woven methods (which
 * calls these from any class loader, hence the bootstrap class path).
 *
 * <p>Arithmetic is done in {@code double} (exact for whole byte counts up to 8 PiB); the result is
 * rounded up to whole bytes and saturated to [0, {@link Long#MAX_VALUE}]: negative results and NaN
 * are 0, huge ones {@code Long.MAX_VALUE}, and nothing ever wraps around.
 */
public final class EstimatedBytes {

    /** Floating-point noise below this is rounded away before rounding up (0.1 * 30 is 3, not 4). */
    private static final double ROUNDING_NOISE_BYTES = 1e-6;
    /** The smallest double that no longer fits a long. */
    private static final double TWO_TO_THE_63 = 0x1p63;

    private EstimatedBytes() {
    }

    /** Rounds up to whole bytes within [0, Long.MAX_VALUE]; NaN counts as 0. */
    public static long of(double bytes) {
        if (!(bytes > 0)) {
            return 0;
        }
        if (bytes >= TWO_TO_THE_63) {
            return Long.MAX_VALUE;
        }
        double nearest = Math.rint(bytes);
        double rounded = Math.abs(bytes - nearest) <= ROUNDING_NOISE_BYTES ? nearest : Math.ceil(bytes);
        return (long) rounded;
    }

    // len() of an array parameter, as compiled code reads it: a null array has length 0

    public static int length(Object[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(boolean[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(byte[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(char[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(short[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(int[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(long[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(float[] array) {
        return array == null ? 0 : array.length;
    }

    public static int length(double[] array) {
        return array == null ? 0 : array.length;
    }
}
