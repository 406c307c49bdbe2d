package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's fat-jar check reads only the manifest of the one jar {@code -jar} put on the class path. */
class NestedJarLauncherTest {

    @TempDir
    Path dir;

    @Test
    void springBootExecutableJar_nestsLibraries() throws IOException {
        Path jar = jar("app.jar", "Spring-Boot-Lib", "BOOT-INF/lib/");

        assertThat(NestedJarLauncher.nestsLibraries(jar.toString())).isTrue();
    }

    @Test
    void plainJar_classPathOfSeveralEntries_orNoJar_doNot() throws IOException {
        Path plain = jar("plain.jar", "Main-Class", "a.B");

        assertThat(NestedJarLauncher.nestsLibraries(plain.toString())).isFalse();
        assertThat(NestedJarLauncher.nestsLibraries(jar("boot.jar", "Spring-Boot-Lib", "BOOT-INF/lib/")
                + File.pathSeparator + plain)).isFalse();
        assertThat(NestedJarLauncher.nestsLibraries(dir.toString())).isFalse();
        assertThat(NestedJarLauncher.nestsLibraries(dir.resolve("missing.jar").toString())).isFalse();
        assertThat(NestedJarLauncher.nestsLibraries("")).isFalse();
    }

    private Path jar(String name, String attribute, String value) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(attribute, value);
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
