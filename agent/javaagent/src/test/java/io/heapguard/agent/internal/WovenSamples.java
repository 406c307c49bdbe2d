package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.core.HeapGuard;

/** For weaver tests: a sample class's file, and a loader that defines its woven copy. */
final class WovenSamples {

    private WovenSamples() {
    }

    /** Installs a call handler over the real guard core and returns a weaver that registers into it. */
    static ClassWeaver installWeaver(HeapGuard guard) {
        IdRegistry<GuardedMethod> methods = new IdRegistry<>();
        PressureHooks hooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, hooks));
        return new ClassWeaver(new GuardedMethodFactory(guard, methods, false, ForeignApiCopies.none()), hooks);
    }

    /** Undoes {@link #installWeaver} and checks the invariant after every test: nothing stays reserved. */
    static void uninstallAndCheckNothingHeld(HeapGuard guard) {
        WovenCalls.uninstall();
        guard.close();
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + internalName(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the woven copy of a sample; everything else comes from the test class path. */
    static final class ChildFirstLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        ChildFirstLoader(ClassLoader parent) {
            super("woven-samples", parent);
        }

        void add(String name, byte[] classFile) {
            classes.put(name, classFile);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
