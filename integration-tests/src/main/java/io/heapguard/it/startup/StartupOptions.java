package io.heapguard.it.startup;

import io.heapguard.it.overload.ServerSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of {@link StartupMain}, as {@code --name value} or {@code --name=value}.
 * Default paths are relative to the repository root, where the run script starts it.
 *
 * @param otelJar optional OpenTelemetry agent for a reference row, or null
 * @param apiJar  the heapguard-api jar to compile {@code HelloAnnotated} against, or null to find it
 */
record StartupOptions(Path agentJar, Path javaExecutable, int runs, int warmup, Path outDir, Only only, Path otelJar,
                      Path demoJar, Path indexDir, Path apiJar) {

    /** Which half of the benchmark to run. */
    enum Only { HELLO, DEMO, ALL }

    static final int DEFAULT_RUNS = 7;
    static final int DEFAULT_WARMUP = 1;
    static final String DEFAULT_AGENT = "agent/javaagent/target/heapguard-agent.jar";
    static final String DEFAULT_DEMO = "demo-app/target/heapguard-demo.jar";
    static final String DEFAULT_OUT = "integration-tests/target/startup";
    /** The overload comparison's 10k-document index: built once, shared by both harnesses. */
    static final String DEFAULT_INDEX = "integration-tests/target/compare-work/index-10000";

    static final String USAGE = """
            usage: StartupMain [options]   (run from the repository root)
              --agent <jar>   heapguard agent (default %s)
              --java <java>   java launcher to measure (default: the one running this)
              --runs <n>      measured runs per variant (default %d)
              --warmup <n>    warm-up runs per variant, not counted (default %d)
              --out <dir>     where startup.md, startup.csv and logs go (default %s)
              --only <which>  hello | demo | all (default all)
              --otel <jar>    OpenTelemetry Java agent for a reference row (optional)
              --demo <jar>    demo service (default %s)
              --index <dir>   demo index of the first 10,000 WordNet documents, built if missing (default %s)
              --api <jar>     heapguard-api jar for HelloAnnotated (default agent/api/target/heapguard-api-*.jar)
            """.formatted(DEFAULT_AGENT, DEFAULT_RUNS, DEFAULT_WARMUP, DEFAULT_OUT, DEFAULT_DEMO, DEFAULT_INDEX);

    private static final List<String> KNOWN = List.of("agent", "java", "runs", "warmup", "out", "only", "otel", "demo",
            "index", "api");

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static StartupOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("argument '" + arg + "' is not an option; options: --" + String.join(", --", KNOWN));
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; allowed: --" + String.join(", --", KNOWN));
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        return new StartupOptions(
                Path.of(values.getOrDefault("agent", DEFAULT_AGENT)),
                values.containsKey("java") ? Path.of(values.get("java")) : ServerSettings.currentJava(),
                count(values, "runs", DEFAULT_RUNS, 1),
                count(values, "warmup", DEFAULT_WARMUP, 0),
                Path.of(values.getOrDefault("out", DEFAULT_OUT)),
                only(values.getOrDefault("only", "all")),
                values.containsKey("otel") ? Path.of(values.get("otel")) : null,
                Path.of(values.getOrDefault("demo", DEFAULT_DEMO)),
                Path.of(values.getOrDefault("index", DEFAULT_INDEX)),
                values.containsKey("api") ? Path.of(values.get("api")) : null);
    }

    boolean runsHello() {
        return only != Only.DEMO;
    }

    boolean runsDemo() {
        return only != Only.HELLO;
    }

    private static int count(Map<String, String> values, String name, int fallback, int min) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("--" + name + " " + raw + " is not allowed: a whole number >= " + min + " is");
    }

    private static Only only(String raw) {
        try {
            return Only.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--only " + raw + " is not allowed: hello, demo or all is");
        }
    }
}
