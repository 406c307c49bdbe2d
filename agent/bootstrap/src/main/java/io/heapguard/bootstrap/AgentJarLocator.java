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

/**
 * Finds the packaged heapguard-agent.jar. Usually it is the jar this class was loaded from; but when
 * the application's class path also holds a plain (unpackaged) heapguard-agent jar, the system
 * loader finds this class there first, because {@code -javaagent} jars are appended at the end. The
 * packaged jar is recognised by its hidden installer entry.
 */
final class AgentJarLocator {

    /** An entry only the packaged agent jar has. */
    static final String PACKAGED_MARKER = AgentClassLoader.HIDDEN_PREFIX
            + "io/heapguard/agent/internal/AgentInstaller" + AgentClassLoader.CLASS_SUFFIX;
    private static final String THIS_CLASS_FILE = HeapGuardAgent.class.getName().replace('.', '/') + ".class";

    private AgentJarLocator() {
    }

    static File locate() {
        List<String> seen = new ArrayList<>();
        File own = codeSourceJar();
        if (own != null && isPackagedAgent(own)) {
            return own;
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
                if (isPackagedAgent(jar)) {
                    return jar;
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

    private static File codeSourceJar() {
        try {
            return new File(HeapGuardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isPackagedAgent(File file) {
        if (!file.isFile()) {
            return false;
        }
        try (JarFile jar = new JarFile(file)) {
            return jar.getEntry(PACKAGED_MARKER) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
