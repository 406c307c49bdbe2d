package io.heapguard.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.heapguard.agent.classfile.Utf8Constants;
import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.agent.targets.TargetIndex;
import io.heapguard.core.InternalLog;

/**
 * The agent's only {@link ClassFileTransformer}. For every class it walks the constant pool for the
 * annotation descriptors ({@link ClassFileScan}; with targets configured also a name lookup and the
 * method names, see {@link TargetIndex}) and hands the few matching classes to the {@link ClassWeaver},
 * which {@link WeaverWarmUp} has usually built already, Byte Buddy loaded, on its background thread. JDK classes (bootstrap and platform loaders) unless a
 * target names them, the agent's own classes and re-entrant calls (a class loaded while weaving) are passed through untouched.
 * A class that cannot be woven is reported once and loads unchanged: the application runs unguarded
 * there rather than failing.
 */
final class AnnotationGate implements ClassFileTransformer {

    /** heapguard-api and the dispatcher live on the bootstrap class path: never woven. */
    private static final String AGENT_PACKAGE = "io/heapguard/";

    private final Instrumentation instrumentation;
    private final ClassLoader agentLoader;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();
    private final Supplier<ClassWeaver> weaverFactory;
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();
    private final TargetIndex targets;
    /** For application classes: the annotation descriptors and the subtype targets' method names, one walk. */
    private final Utf8Constants applicationWords;
    private volatile ClassWeaver weaver;

    AnnotationGate(Instrumentation instrumentation, ClassLoader agentLoader, Supplier<ClassWeaver> weaverFactory) {
        this(instrumentation, agentLoader, weaverFactory, TargetIndex.empty());
    }

    AnnotationGate(Instrumentation instrumentation, ClassLoader agentLoader, Supplier<ClassWeaver> weaverFactory,
                   TargetIndex targets) {
        this.instrumentation = instrumentation;
        this.agentLoader = agentLoader;
        this.weaverFactory = weaverFactory;
        this.targets = targets;
        this.applicationWords = ClassFileScan.annotationsAnd(targets.subtypeMethodNames());
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader == agentLoader || className == null || classFile == null) {
            return null;
        }
        // JDK classes are woven only when a configured target names them; never the agent's bootstrap classes
        boolean jdk = loader == null || loader == platformLoader;
        // an application class: annotated, or a target may match it (TargetIndex.mayMatch), in one
        // constant-pool walk; a JDK class: only a target, never the agent's bootstrap classes
        boolean candidate = jdk
                ? targets.mayMatch(className, classFile) && !className.startsWith(AGENT_PACKAGE)
                : targets.namesInternal(className) || applicationWords.anyIn(classFile);
        if (!candidate) {
            return null;
        }
        if (weaving.get() != null) {
            return null;
        }
        weaving.set(Boolean.TRUE);
        try {
            byte[] woven = weaver().weave(loader, className, classFile, classBeingRedefined);
            if (woven != null) {
                letModuleReachAgent(module, className);
            }
            return woven;
        } catch (Throwable e) {
            InternalLog.shared().warnOnce("weave:" + className, "cannot weave " + className.replace('/', '.')
                    + "; its @MemoryAware methods run unguarded: " + e);
            return null;
        } finally {
            weaving.remove();
        }
    }

    /**
     * Builds the weaver now (the dispatcher, the method registry, the target matcher), so that the
     * thread that loads the first annotated class only weaves it: called by {@link WeaverWarmUp} on the
     * background thread, once Byte Buddy is loaded.
     */
    void assembleWeaver() {
        // as in transform: a class loaded while the weaver is built (a targeted JDK class) is not woven
        // here, else the nested call would build a second weaver inside this one
        weaving.set(Boolean.TRUE);
        try {
            weaver();
        } finally {
            weaving.remove();
        }
    }

    private ClassWeaver weaver() {
        ClassWeaver current = weaver;
        if (current == null) {
            synchronized (this) {
                current = weaver;
                if (current == null) {
                    current = weaverFactory.get();
                    weaver = current;
                }
            }
        }
        return current;
    }

    /**
     * Woven code in a named module calls the bootstrap dispatcher (in the boot loader's unnamed
     * module), and fallbacks and hooks are invoked reflectively from the agent's module: add the read
     * edge and open the class's package to the agent, as the JVM would refuse both otherwise.
     */
    private void letModuleReachAgent(Module module, String className) {
        if (module == null || !module.isNamed()) {
            return;
        }
        Module dispatcher = WovenCalls.class.getModule();
        Module agent = AnnotationGate.class.getModule();
        int slash = className.lastIndexOf('/');
        String packageName = slash < 0 ? "" : className.substring(0, slash).replace('/', '.');
        Map<String, Set<Module>> opens = packageName.isEmpty() || module.isOpen(packageName, agent)
                ? Map.of() : Map.of(packageName, Set.of(agent));
        if (!module.canRead(dispatcher) || !opens.isEmpty()) {
            instrumentation.redefineModule(module, Set.of(dispatcher), Map.of(), opens, Set.of(), Map.of());
        }
    }
}
