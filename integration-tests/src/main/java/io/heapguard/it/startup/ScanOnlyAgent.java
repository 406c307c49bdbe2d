package io.heapguard.it.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The floor any annotation-driven agent starts from: a {@code -javaagent} whose only work is a
 * retransform-capable transformer that byte-scans every class file for the annotation descriptor
 * and changes nothing. heapguard's start-up is best read against this row as well as against no
 * agent at all: the difference is what heapguard itself costs.
 */
public final class ScanOnlyAgent {

    static final String CLASS_NAME = "ScanOnlyAgent";

    private static final String SOURCE = """
            import java.lang.instrument.ClassFileTransformer;
            import java.lang.instrument.Instrumentation;
            import java.nio.charset.StandardCharsets;
            import java.security.ProtectionDomain;

            public class ScanOnlyAgent implements ClassFileTransformer {
              private static final byte[] NEEDLE = "Lio/heapguard/MemoryAware;".getBytes(StandardCharsets.US_ASCII);
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
            }
            """;

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
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", CLASS_NAME);
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = dir.resolve("scan-only-agent.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(CLASS_NAME + ".class"));
            out.write(Files.readAllBytes(classes.resolve(CLASS_NAME + ".class")));
            out.closeEntry();
        }
        return jar;
    }
}
