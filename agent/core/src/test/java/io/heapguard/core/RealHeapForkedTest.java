package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real heap, real GC: {@link RealHeapWorkload} runs in a forked JVM with {@code -Xmx96m}. A cache
 * that only grows must drive the guard to CLEANUP, where the hook drops it and the live heap after
 * GC falls; the same allocation rate as pure garbage must never leave NORMAL nor be rejected.
 */
class RealHeapForkedTest {

    private static final String CHILD_HEAP = "-Xmx96m";
    /** A safety net for a hung child, not a timing assertion. */
    private static final long CHILD_TIMEOUT_SECONDS = 180;

    @TempDir
    Path work;

    @Test
    void retainingWorkload_reachesCleanup_hookRuns_andLiveHeapDrops() throws Exception {
        Map<String, String> result = runChild("retain");

        long maxLive = Long.parseLong(result.get("maxLiveAfterGc"));
        long liveAfter = Long.parseLong(result.get("liveAfterGcAfterCleanup"));
        long maxHeap = Long.parseLong(result.get("maxHeap"));
        assertThat(result.get("maxPressure")).isEqualTo("CLEANUP");
        assertThat(Long.parseLong(result.get("hookRuns"))).isGreaterThanOrEqualTo(1);
        assertThat(maxLive).as("the cache really filled the heap").isGreaterThan(maxHeap / 2);
        assertThat(liveAfter).as("live heap after GC once the hook dropped the cache").isLessThan(maxLive / 2);
        assertThat(Long.parseLong(result.get("liveHeapDrop"))).isPositive();
    }

    @Test
    void garbageOnlyWorkload_staysNormal_andIsNeverRejected() throws Exception {
        Map<String, String> result = runChild("garbage");

        assertThat(result.get("maxPressure")).isEqualTo("NORMAL");
        assertThat(result.get("rejected")).isEqualTo("0");
        assertThat(result.get("admitted")).isEqualTo("6000");
        assertThat(result.get("cleanupRuns")).isEqualTo("0");
    }

    private Map<String, String> runChild(String mode) throws IOException, InterruptedException {
        Path out = work.resolve(mode + ".out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), CHILD_HEAP, "-cp", System.getProperty("java.class.path"),
                RealHeapWorkload.class.getName(), mode)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited).as("child finished; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError");
        List<String> results = output.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertThat(results).as("output:%n%s", output).hasSize(1);
        Map<String, String> values = new HashMap<>();
        for (String pair : results.get(0).substring("RESULT ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        System.out.println(mode + ": " + output);
        // the child's guard, like every guard in these tests, ends back at zero
        assertThat(values).as("output:%n%s", output).containsEntry("reservedBytes", "0").containsEntry("inFlight", "0");
        return values;
    }
}
