package io.heapguard.it.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The floor the issue accepts for a weaving agent: {@link ScanOnlyAgent}'s transformer plus Byte
 * Buddy {@code Advice}'s first use, the way heapguard uses it (an ASM visitor over the class file,
 * Byte Buddy loaded on a background thread from {@code premain} by weaving a sample class), and a
 * no-op advice woven into the classes that carry the annotation descriptor or are named in the
 * agent's options ({@code -javaagent:advice-floor-agent.jar=com.example.A,com.example.B}). No guard,
 * no configuration, no estimate: what heapguard costs beyond this row is heapguard's own.
 */
public final class AdviceFloorAgent {

    static final String CLASS_NAME = "AdviceFloorAgent";
    static final String BYTE_BUDDY_JAR = "advice-floor-byte-buddy.jar";

    private static final String SOURCE = """
            import java.lang.instrument.ClassFileTransformer;
            import java.lang.instrument.Instrumentation;
            import java.nio.charset.StandardCharsets;
            import java.security.ProtectionDomain;
            import java.util.Arrays;
            import java.util.HashSet;
            import java.util.Set;
            import net.bytebuddy.asm.Advice;
            import net.bytebuddy.asm.AsmVisitorWrapper;
            import net.bytebuddy.description.type.TypeDescription;
            import net.bytebuddy.dynamic.ClassFileLocator;
            import net.bytebuddy.dynamic.scaffold.TypeInitializer;
            import net.bytebuddy.implementation.Implementation;
            import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
            import net.bytebuddy.ClassFileVersion;
            import net.bytebuddy.jar.asm.ClassReader;
            import net.bytebuddy.jar.asm.ClassVisitor;
            import net.bytebuddy.jar.asm.ClassWriter;
            import net.bytebuddy.matcher.ElementMatchers;
            import net.bytebuddy.pool.TypePool;

            public class AdviceFloorAgent implements ClassFileTransformer {
              private static final Set<String> NAMED = new HashSet<>();
              public static volatile int woven;

              public static void premain(String args, Instrumentation instrumentation) {
                if (args != null && !args.isEmpty()) {
                  NAMED.addAll(Arrays.asList(args.replace('.', '/').split(",")));
                }
                instrumentation.addTransformer(new AdviceFloorAgent(), true);
                Thread warmUp = new Thread(new WarmUp(), "advice-floor-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
              }

              @Override
              public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                      byte[] classFile) {
                if (loader == null || classFile == null || !(NAMED.contains(name) || contains(classFile))) {
                  return null;
                }
                try {
                  byte[] result = weave(name.replace('/', '.'), classFile, loader);
                  woven++;
                  return result;
                } catch (Throwable e) {
                  e.printStackTrace();
                  return null;
                }
              }

              static byte[] weave(String className, byte[] classFile, ClassLoader loader) {
                TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
                    new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                        ClassFileLocator.ForClassLoader.of(loader)), TypePool.Default.ReaderMode.FAST);
                TypeDescription type = pool.describe(className).resolve();
                AsmVisitorWrapper wrapper = Advice.to(NoOp.class).on(ElementMatchers.isMethod()
                    .and(ElementMatchers.not(ElementMatchers.isAbstract()))
                    .and(ElementMatchers.not(ElementMatchers.isNative())));
                int writerFlags = wrapper.mergeWriter(0);
                int readerFlags = wrapper.mergeReader(0);
                ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
                ClassReader reader = new ClassReader(classFile);
                ClassWriter writer = new ClassWriter(reader, writerFlags);
                Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                    new AuxiliaryType.NamingStrategy.Suffixing("floor"), TypeInitializer.None.INSTANCE, version, version,
                    Implementation.Context.FrameGeneration.DISABLED);
                ClassVisitor visitor = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(),
                    type.getDeclaredMethods(), writerFlags, readerFlags);
                reader.accept(visitor, readerFlags);
                return writer.toByteArray();
              }

            %s
              public static class NoOp {
                @Advice.OnMethodEnter
                static long enter() {
                  return System.nanoTime();
                }

                @Advice.OnMethodExit(onThrowable = Throwable.class)
                static void exit(@Advice.Enter long started) {
                }
              }

              /** A sample class to weave on the background thread: loads Byte Buddy before the first real weave. */
              public static class Sample {
                public int twice(int n) {
                  return 2 * n;
                }
              }

              static final class WarmUp implements Runnable {
                @Override
                public void run() {
                  try (java.io.InputStream in = AdviceFloorAgent.class.getResourceAsStream("/AdviceFloorAgent$Sample.class")) {
                    weave("AdviceFloorAgent$Sample", in.readAllBytes(), AdviceFloorAgent.class.getClassLoader());
                  } catch (Throwable e) {
                    e.printStackTrace();
                  }
                }
              }
            }
            """.formatted(ScanOnlyAgent.SCAN_SOURCE);

    private AdviceFloorAgent() {
    }

    /**
     * Builds the jar into the given directory, beside a copy of the given Byte Buddy jar (its
     * manifest's {@code Class-Path}), and prints its path.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AdviceFloorAgent <directory for advice-floor-agent.jar> <byte-buddy.jar>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        System.out.println(build(dir, Path.of(args[1])));
    }

    /** Compiles the agent against Byte Buddy and packs it as {@code dir/advice-floor-agent.jar}. */
    static Path build(Path dir, Path byteBuddyJar) throws IOException {
        Path classes = dir.resolve("advice-floor-agent-classes");
        JavaSources.compile(Map.of(CLASS_NAME, SOURCE), byteBuddyJar.toString(), classes);
        Files.copy(byteBuddyJar, dir.resolve(BYTE_BUDDY_JAR), StandardCopyOption.REPLACE_EXISTING);
        return AgentJars.pack(classes, dir.resolve("advice-floor-agent.jar"), CLASS_NAME, BYTE_BUDDY_JAR);
    }
}
