package io.heapguard.it.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor any annotation-driven agent starts from: a {@code -javaagent} whose only work is a
 * retransform-capable transformer that byte-scans every class file for the annotation descriptor
 * and changes nothing. heapguard's start-up is best read against this row as well as against no
 * agent at all: the difference is what heapguard itself costs.
 */
public final class ScanOnlyAgent {

    static final String CLASS_NAME = "ScanOnlyAgent";

    /**
     * The scan of every class file, shared by the floor agents (the source of a {@code NEEDLE} field
     * and a {@code contains(byte[])} method; the class must import {@code StandardCharsets}): both
     * floors must pay exactly the same for it.
     */
    static final String SCAN_SOURCE = """
              private static final byte[] NEEDLE = "Lio/heapguard/MemoryAware;".getBytes(StandardCharsets.US_ASCII);

              private static boolean contains(byte[] haystack) {
                outer:
                for (int i = 0; i + NEEDLE.length <= haystack.length; i++) {
                  for (int j = 0; j < NEEDLE.length; j++) {
                    if (haystack[i + j] != NEEDLE[j]) {
                      continue outer;
                    }
                  }
                  return true;
                }
                return false;
              }
            """;

    private static final String SOURCE = """
            import java.lang.instrument.ClassFileTransformer;
            import java.lang.instrument.Instrumentation;
            import java.nio.charset.StandardCharsets;
            import java.security.ProtectionDomain;

            public class ScanOnlyAgent implements ClassFileTransformer {
              public static volatile int matches;

              public static void premain(String args, Instrumentation instrumentation) {
                instrumentation.addTransformer(new ScanOnlyAgent(), true);
              }

              @Override
              public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                      byte[] classFile) {
                if (loader != null && classFile != null && contains(classFile)) {
                  matches++;
                }
                return null;
              }

            %s
            }
            """.formatted(SCAN_SOURCE);

    private ScanOnlyAgent() {
    }

    /**
     * Builds the jar into the given directory and prints its path: the one build of this agent,
     * for the start-up harness and for {@code agent/benchmarks/scripts/run-spring-startup.sh}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScanOnlyAgent <directory for scan-only-agent.jar>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        System.out.println(build(dir));
    }

    /** Compiles the agent and packs it as {@code dir/scan-only-agent.jar}. */
    static Path build(Path dir) throws IOException {
        Path classes = dir.resolve("scan-only-agent-classes");
        JavaSources.compile(Map.of(CLASS_NAME, SOURCE), "", classes);
        return AgentJars.pack(classes, dir.resolve("scan-only-agent.jar"), CLASS_NAME, null);
    }
}
