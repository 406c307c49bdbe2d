package io.heapguard.agent.internal;

import java.util.ArrayList;
import java.util.List;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import io.heapguard.core.InternalLog;

/**
 * Applies advice to the methods of one class file, isolating each method: a method that cannot be
 * woven is left as it was and reported once with its signature, and the class is woven again
 * without it, so every other method keeps its guard.
 *
 * <p>Why weave, fail, and weave again rather than predict: the failures come from inside Byte Buddy
 * and ASM (the advice pushing a method past the JVM's 64 KB code limit, which only the class writer
 * measures; a type the advice needs and cannot describe). Weaving is deterministic, so dropping the
 * method that failed and repeating converges: at most one more pass per failing method, and
 * classes that weave cleanly pay nothing. The method is identified from ASM's
 * {@link MethodTooLargeException}, or else as the method being visited when the error struck; an
 * error outside any method fails the whole class (the caller reports it and loads it unchanged).
 */
final class PerMethodWeave {

    /** Advice for the methods {@link #matcher} selects; {@code descriptor == null} means every constructor. */
    record MethodAdvice(String name, String descriptor, String displayName, Advice advice) {

        static MethodAdvice forMethod(MethodDescription method, String displayName, Advice advice) {
            return new MethodAdvice(method.getName(), method.getDescriptor(), displayName, advice);
        }

        static MethodAdvice forConstructors(String displayName, Advice advice) {
            return new MethodAdvice(MethodDescription.CONSTRUCTOR_INTERNAL_NAME, null, displayName, advice);
        }

        ElementMatcher<MethodDescription> matcher() {
            if (descriptor == null) {
                return ElementMatchers.isConstructor();
            }
            return ElementMatchers.named(name).and(ElementMatchers.hasDescriptor(descriptor));
        }

        boolean covers(String methodName, String methodDescriptor) {
            return name.equals(methodName) && (descriptor == null || descriptor.equals(methodDescriptor));
        }
    }

    private PerMethodWeave() {
    }

    /**
     * The woven class file; null when every method was dropped (the class loads unchanged).
     *
     * @throws RuntimeException when weaving fails outside any advised method
     */
    static byte[] apply(TypeDescription type, TypePool pool, byte[] classFile, List<MethodAdvice> advice) {
        List<MethodAdvice> remaining = new ArrayList<>(advice);
        while (!remaining.isEmpty()) {
            VisitedMethod visited = new VisitedMethod();
            MethodAdvice failed;
            String reason;
            try {
                return weave(type, pool, classFile, remaining, visited);
            } catch (MethodTooLargeException tooLarge) {
                failed = find(remaining, tooLarge.getMethodName(), tooLarge.getDescriptor());
                reason = "with the guard added its code would be " + tooLarge.getCodeSize()
                        + " bytes, over the JVM's limit of 65535 bytes per method";
                if (failed == null) {
                    throw tooLarge;
                }
            } catch (RuntimeException | LinkageError error) {
                failed = visited.name == null ? null : find(remaining, visited.name, visited.descriptor);
                if (failed == null) {
                    throw error;
                }
                reason = error.toString();
            }
            remaining.remove(failed);
            reportUnguarded(type, failed, reason);
        }
        return null;
    }

    private static void reportUnguarded(TypeDescription type, MethodAdvice failed, String reason) {
        String what = failed.descriptor() == null ? failed.displayName()
                : failed.displayName() + " [" + failed.name() + failed.descriptor() + "]";
        InternalLog.shared().warnOnce("weave-method:" + type.getName() + "#" + failed.name() + failed.descriptor(),
                "cannot weave " + what + ": " + reason + "; it runs unguarded, the other methods of "
                        + type.getName() + " keep their guards");
    }

    private static MethodAdvice find(List<MethodAdvice> advice, String name, String descriptor) {
        for (MethodAdvice candidate : advice) {
            if (candidate.covers(name, descriptor)) {
                return candidate;
            }
        }
        return null;
    }

    /** Reads the class, lets the advice rewrite the matched methods, writes it; nothing else changes. */
    private static byte[] weave(TypeDescription type, TypePool pool, byte[] classFile, List<MethodAdvice> advice,
                                VisitedMethod visited) {
        AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
        for (MethodAdvice each : advice) {
            wrapper = wrapper.invokable(each.matcher(), each.advice());
        }
        int writerFlags = wrapper.mergeWriter(0);
        int readerFlags = wrapper.mergeReader(0);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        // Advice reads only the class file version from the context; it defines no helper types
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("heapguard"), TypeInitializer.None.INSTANCE, version, version,
                Implementation.Context.FrameGeneration.DISABLED);
        ClassVisitor woven = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags);
        reader.accept(new MethodTracker(woven, visited), readerFlags);
        return writer.toByteArray();
    }

    /** The method the class reader is in, so an error thrown while weaving it can be pinned on it. */
    private static final class VisitedMethod {
        String name;
        String descriptor;
    }

    private static final class MethodTracker extends ClassVisitor {
        private final VisitedMethod visited;

        MethodTracker(ClassVisitor delegate, VisitedMethod visited) {
            super(OpenedClassReader.ASM_API, delegate);
            this.visited = visited;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            visited.name = name;
            visited.descriptor = descriptor;
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            visited.name = null; // an error from here on belongs to the class, not to its last method
            visited.descriptor = null;
            super.visitEnd();
        }
    }
}
