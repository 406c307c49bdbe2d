package io.heapguard.bootstrap;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Finds the packaged heapguard-agent.jar. Usually it is the jar this class was loaded from; but when
 * the application's class path also holds a plain (unpackaged) heapguard-agent jar, the system
 * loader finds this class there first, because {@code -javaagent} jars are appended at the end. The
 * packaged jar is recognised by its hidden installer entry.
 *
 * <p>{@link #open()} is the start path: it opens the jar once, the way {@link AgentClassLoader} reads
 * it (multi-release, for the running Java version), and that one {@link JarFile} serves the check for
 * the marker, the bootstrap class path and the agent's class loader.
 */
final class AgentJarLocator {

    /** An entry only the packaged agent jar has. */
    static final String PACKAGED_MARKER = AgentClassLoader.HIDDEN_PREFIX
            + "io/heapguard/agent/internal/AgentInstaller" + AgentClassLoader.CLASS_SUFFIX;
    private static final String THIS_CLASS_FILE = HeapGuardAgent.class.getName().replace('.', '/') + ".class";

    private AgentJarLocator() {
    }

    /** The packaged agent jar (the attach command passes its path to the target JVM). */
    static File locate() {
        JarFile jar = open();
        closeQuietly(jar);
        return new File(jar.getName());
    }

    /** The packaged agent jar, opened as {@link AgentClassLoader} reads it; the caller owns it. */
    static JarFile open() {
        List<String> seen = new ArrayList<>();
        File own = codeSourceJar();
        JarFile opened = own == null ? null : openIfPackaged(own);
        if (opened != null) {
            return opened;
        }
        seen.add(String.valueOf(own));
        try {
            Enumeration<URL> copies = ClassLoader.getSystemClassLoader().getResources(THIS_CLASS_FILE);
            while (copies.hasMoreElements()) {
                URL copy = copies.nextElement();
                if (!"jar".equals(copy.getProtocol())) {
                    seen.add(copy.toString());
                    continue;
                }
                File jar = new File(((JarURLConnection) copy.openConnection()).getJarFileURL().toURI());
                opened = openIfPackaged(jar);
                if (opened != null) {
                    return opened;
                }
                seen.add(jar.toString());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            seen.add("(search failed: " + e + ")");
        }
        throw new IllegalStateException("cannot find the packaged heapguard-agent.jar (with " + PACKAGED_MARKER
                + "); looked at " + seen + ". Pass the jar built by agent/javaagent (target/heapguard-agent.jar)"
                + " to -javaagent, not the plain Maven artifact");
    }

    /** The jar HeapGuardAgent came from; null when the boot loader defined it (no code source). */
    private static File codeSourceJar() {
        try {
            return new File(HeapGuardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** {@code file} opened when it is the packaged agent jar, else null (and nothing left open). */
    private static JarFile openIfPackaged(File file) {
        if (!file.isFile()) {
            return null;
        }
        JarFile jar = null;
        try {
            jar = new JarFile(file, false, ZipFile.OPEN_READ, Runtime.version());
            if (jar.getEntry(PACKAGED_MARKER) != null) {
                return jar;
            }
            jar.close();
            return null;
        } catch (IOException e) {
            closeQuietly(jar);
            return null;
        }
    }

    private static void closeQuietly(JarFile jar) {
        if (jar == null) {
            return;
        }
        try {
            jar.close();
        } catch (IOException ignored) {
            // only looked at it: nothing to lose
        }
    }
}
