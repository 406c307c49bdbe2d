package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scenario is real: without protection, the overload kills the service with an OutOfMemoryError. */
class UnguardedOverloadIT {

    /** Cut the drain short: the service is expected to be dead, nothing to account for. */
    private static final long DRAIN_MILLIS = 5_000;

    @Test
    void noProtection_slowReadersOverload_diesOfOutOfMemory() throws Exception {
        RunSpec spec = OverloadFixture.spec("it-unguarded-slow", Protection.none(), WorkloadShape.SLOW_READERS,
                DRAIN_MILLIS, 1);

        try (OverloadRun run = OverloadRun.start(spec)) {
            run.driveLoad();
            RunResult result = run.finish();

            assertThat(result.outOfMemory())
                    .as("unguarded service under slow-reader overload should die of OutOfMemoryError; heap after GC peaked at %s MiB\n%s",
                            ComparisonReport.mib(result.maxHeapAfterGc()), OverloadFixture.logsOf(run))
                    .isTrue();
            assertThat(result.exitCode()).isEqualTo(DemoProcess.EXIT_CODE_ON_OUT_OF_MEMORY);
        }
    }
}
