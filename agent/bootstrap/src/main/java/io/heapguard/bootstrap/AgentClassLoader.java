package io.heapguard.bootstrap;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * The agent's isolated class loader: reads classes ({@code inst/<name>.classdata}) and resources
 * ({@code inst/<name>}) from heapguard-agent.jar. Its parent is the platform loader, so it sees the
 * JDK and the bootstrap-appended heapguard-api and dispatcher classes, but never the application's
 * class path: our Byte Buddy, Jackson, OSHI and JNA cannot clash with the application's versions.
 *
 * <p>Resources come back as {@code jar:} URLs into the agent jar, which is what JNA needs to extract
 * its native library and what ServiceLoader needs for {@code META-INF/services}. Multi-release
 * entries ({@code META-INF/versions/N/inst/...}) are chosen by the JarFile for the running Java version.
 */
public final class AgentClassLoader extends ClassLoader implements Closeable {

    static {
        registerAsParallelCapable();
    }

    /** Prefix of every entry this loader serves. */
    static final String HIDDEN_PREFIX = "inst/";
    /** Suffix classes carry in the jar, so no other class loader can load them by accident. */
    static final String CLASS_SUFFIX = ".classdata";

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain protectionDomain;

    public AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        this(new JarFile(agentJar, false, ZipFile.OPEN_READ, Runtime.version()), parent);
    }

    /**
     * Over an already opened jar, which this loader then owns: {@code premain} opens the agent jar once
     * ({@link AgentJarLocator#open()}). Open it multi-release for {@link Runtime#version()}, as the
     * other constructor does, or the versioned entries are ignored.
     */
    AgentClassLoader(JarFile agentJar, ClassLoader parent) throws IOException {
        super("heapguard-agent", parent);
        this.jar = agentJar;
        URL location = new File(agentJar.getName()).toURI().toURL();
        this.jarUrl = "jar:" + location + "!/";
        this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(HIDDEN_PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read " + entry.getName() + " from " + jar.getName(), e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String packageName = className.substring(0, dot);
        if (getDefinedPackage(packageName) == null) {
            try {
                definePackage(packageName, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException definedConcurrently) {
                // another thread defined it between the check and here: fine
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        String entryName = name.endsWith(".class")
                ? HIDDEN_PREFIX + name.substring(0, name.length() - ".class".length()) + CLASS_SUFFIX
                : HIDDEN_PREFIX + name;
        JarEntry entry = jar.getJarEntry(entryName);
        if (entry == null) {
            return null;
        }
        try {
            // the real name points at the multi-release variant when one was chosen
            return new URL(jarUrl + entry.getRealName());
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    /** Closes the jar (tests); the agent's own loader lives as long as the JVM. */
    @Override
    public void close() throws IOException {
        jar.close();
    }
}
