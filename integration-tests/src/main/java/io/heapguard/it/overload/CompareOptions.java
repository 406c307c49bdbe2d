package io.heapguard.it.overload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link CompareMain}, {@code --name=value}: the service's
 * ({@link ServerOptions}), and by default the comparison the README promises: both workload shapes,
 * bulkhead swept over 2, 4, 8, 16.
 */
record CompareOptions(ServerOptions server, Path outDir, List<Integer> bulkheads, List<WorkloadShape> shapes,
                      long loadSeconds, long seed, java.util.EnumSet<Protection.Kind> kinds) {

    static final long DEFAULT_LOAD_SECONDS = 10;
    static final long DEFAULT_SEED = 42;
    static final String DEFAULT_BULKHEADS = "2,4,8,16";

    private static final Set<String> KNOWN = ServerOptions.namesWith(Set.of("out-dir", "bulkheads", "shapes",
            "load-seconds", "seed", "protections"));

    static CompareOptions parse(String[] args) {
        OptionValues values = OptionValues.parse(args, KNOWN);
        return new CompareOptions(
                ServerOptions.from(values),
                Path.of(values.get("out-dir", "target/compare")),
                bulkheads(values.get("bulkheads", DEFAULT_BULKHEADS)),
                shapes(values.get("shapes", "cpu-bound,slow-readers")),
                values.positiveInt("load-seconds", (int) DEFAULT_LOAD_SECONDS),
                Long.parseLong(values.get("seed", Long.toString(DEFAULT_SEED))),
                kinds(values.get("protections", "none,bulkhead,heapguard")));
    }

    private static List<Integer> bulkheads(String raw) {
        List<Integer> limits = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n > 0) {
                    limits.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--bulkheads=" + raw + " is not allowed: a comma-separated list of positive "
                    + "whole numbers (e.g. 2,4,8,16) is");
        }
        return List.copyOf(limits);
    }

    private static java.util.EnumSet<Protection.Kind> kinds(String raw) {
        java.util.EnumSet<Protection.Kind> kinds = java.util.EnumSet.noneOf(Protection.Kind.class);
        for (String part : raw.split(",")) {
            try {
                kinds.add(Protection.Kind.valueOf(part.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--protections=" + raw + " is not allowed: '" + part
                        + "' is unknown; allowed: none, bulkhead, heapguard (comma-separated)");
            }
        }
        return kinds;
    }

    private static List<WorkloadShape> shapes(String raw) {
        List<WorkloadShape> shapes = new ArrayList<>();
        for (String part : raw.split(",")) {
            shapes.add(switch (part.trim()) {
                case "cpu-bound" -> WorkloadShape.CPU_BOUND;
                case "slow-readers" -> WorkloadShape.SLOW_READERS;
                default -> throw new IllegalArgumentException("--shapes=" + raw + " is not allowed: shape '" + part
                        + "' is unknown; allowed: " + Arrays.asList("cpu-bound", "slow-readers"));
            });
        }
        return List.copyOf(shapes);
    }
}
