package io.heapguard.it.agent.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/** Class loaders the agent must reach: a child URLClassLoader and a Spring-Boot-style nested-jar loader. */
final class IsolatedLoaders {

    private static final String CLASS_NAME = IsolatedShapes.class.getName();

    private IsolatedLoaders() {
    }

    static String runInChildUrlClassLoader() throws Exception {
        URL classes = IsolatedShapes.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader child = new URLClassLoader("child-url", new URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            return invokeRun(child.loadClass(CLASS_NAME));
        }
    }

    static String runInNestedJarLoader() throws Exception {
        byte[] outerJar = outerJarWithNestedLib(classFile(CLASS_NAME));
        NestedJarClassLoader loader = new NestedJarClassLoader(outerJar);
        return invokeRun(loader.loadClass(CLASS_NAME));
    }

    private static String invokeRun(Class<?> type) throws Exception {
        if (type.getClassLoader() == IsolatedLoaders.class.getClassLoader()) {
            throw new IllegalStateException("test bug: " + type + " came from the application loader");
        }
        return (String) type.getMethod("run").invoke(null);
    }

    private static byte[] classFile(String className) throws IOException {
        try (InputStream in = IsolatedLoaders.class.getResourceAsStream("/" + className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** BOOT-INF/lib/inner.jar inside an outer jar, like a Spring Boot executable jar. */
    private static byte[] outerJarWithNestedLib(byte[] classFile) throws IOException {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(inner)) {
            jar.putNextEntry(new JarEntry(CLASS_NAME.replace('.', '/') + ".class"));
            jar.write(classFile);
        }
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(outer)) {
            jar.putNextEntry(new JarEntry("BOOT-INF/lib/inner.jar"));
            jar.write(inner.toByteArray());
        }
        return outer.toByteArray();
    }

    /** Defines classes from the jars nested in an outer jar, read into memory. */
    static final class NestedJarClassLoader extends ClassLoader {
        private final Map<String, byte[]> classFiles = new HashMap<>();

        NestedJarClassLoader(byte[] outerJar) throws IOException {
            super("nested-jar", ClassLoader.getPlatformClassLoader());
            try (JarInputStream outer = new JarInputStream(new ByteArrayInputStream(outerJar))) {
                for (JarEntry entry; (entry = outer.getNextJarEntry()) != null; ) {
                    if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                        readNested(outer.readAllBytes());
                    }
                }
            }
        }

        private void readNested(byte[] nestedJar) throws IOException {
            try (JarInputStream nested = new JarInputStream(new ByteArrayInputStream(nestedJar))) {
                for (JarEntry entry; (entry = nested.getNextJarEntry()) != null; ) {
                    if (entry.getName().endsWith(".class")) {
                        String name = entry.getName().substring(0, entry.getName().length() - 6).replace('/', '.');
                        classFiles.put(name, nested.readAllBytes());
                    }
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classFiles.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
