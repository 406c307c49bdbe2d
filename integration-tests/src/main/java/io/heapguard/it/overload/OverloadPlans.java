package io.heapguard.it.overload;

import java.util.concurrent.TimeUnit;

/**
 * The load ramps of the comparison. Both ramp past what a 256 MiB heap can hold: fast clients by
 * running many heavy queries at once; slow readers by holding many answers at once.
 */
public final class OverloadPlans {

    static final int CPU_START_CLIENTS = 8;
    static final int CPU_MAX_CLIENTS = 64;
    static final int CPU_STEP_CLIENTS = 8;
    static final int SLOW_START_CLIENTS = 8;
    static final int SLOW_MAX_CLIENTS = 128;
    static final int SLOW_STEP_CLIENTS = 16;
    /** Ramp steps: the peak is reached about half-way through the window. */
    static final int RAMP_STEPS_TO_PEAK = 8;

    private OverloadPlans() {
    }

    /**
     * @param drainMillis how long requests in progress may finish after the window (see {@link LoadPlan})
     */
    public static LoadPlan forShape(WorkloadShape shape, long loadSeconds, long drainMillis, long seed) {
        long durationMillis = TimeUnit.SECONDS.toMillis(loadSeconds);
        long stepMillis = Math.max(1, durationMillis / (2 * RAMP_STEPS_TO_PEAK));
        return shape.paced()
                ? new LoadPlan(SLOW_START_CLIENTS, SLOW_MAX_CLIENTS, SLOW_STEP_CLIENTS, stepMillis, durationMillis, drainMillis, seed)
                : new LoadPlan(CPU_START_CLIENTS, CPU_MAX_CLIENTS, CPU_STEP_CLIENTS, stepMillis, durationMillis, drainMillis, seed);
    }
}
