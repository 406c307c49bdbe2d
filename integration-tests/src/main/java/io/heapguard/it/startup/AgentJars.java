package io.heapguard.it.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs the reference agents the start-up benchmarks compile ({@link ScanOnlyAgent}, {@link AdviceFloorAgent}). */
final class AgentJars {

    private AgentJars() {
    }

    /**
     * Writes {@code jar}: every class file directly in {@code classes}, under a manifest naming
     * {@code premainClass}, able to retransform, with {@code classPath} as its {@code Class-Path}
     * when not null.
     */
    static Path pack(Path classes, Path jar, String premainClass, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", premainClass);
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        if (classPath != null) {
            manifest.getMainAttributes().putValue("Class-Path", classPath);
        }
        List<Path> classFiles;
        try (var listing = Files.list(classes)) {
            classFiles = listing.filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(classFile.getFileName().toString()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }
}
