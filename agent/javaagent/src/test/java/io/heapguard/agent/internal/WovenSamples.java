package io.heapguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/** For weaver tests: a sample class's file, and a loader that defines its woven copy. */
final class WovenSamples {

    private WovenSamples() {
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
