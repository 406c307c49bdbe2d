package io.heapguard.agent.internal;

import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether the JVM was started with {@code java -jar app.jar} on a jar that nests its libraries and
 * loads them with its own class loader (Spring Boot's executable jar and war). Read from the jar's
 * manifest, which {@code -jar} requires anyway; no nested jar is opened.
 */
final class NestedJarLauncher {

    /** Spring Boot writes these into every executable jar or war it repackages. */
    private static final String[] NESTED_LIBRARY_ATTRIBUTES = {"Spring-Boot-Lib", "Spring-Boot-Classes"};

    private NestedJarLauncher() {
    }

    static boolean isRunning() {
        return nestsLibraries(System.getProperty("java.class.path", ""));
    }

    /** @param classPath {@code java.class.path}: with {@code -jar}, exactly that jar */
    static boolean nestsLibraries(String classPath) {
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")
                && !classPath.endsWith(".war")) {
            return false; // -jar puts exactly that one jar on the class path
        }
        try (JarFile jar = new JarFile(classPath, false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return false;
            }
            Attributes main = manifest.getMainAttributes();
            for (String attribute : NESTED_LIBRARY_ATTRIBUTES) {
                if (main.getValue(attribute) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException unreadable) {
            return false;
        }
    }
}
