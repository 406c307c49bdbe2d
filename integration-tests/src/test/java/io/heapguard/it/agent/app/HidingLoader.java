package io.heapguard.it.agent.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/**
 * Defines the classes of {@code app.hidden} itself (child first) and hides their class files, as a
 * loader of generated or optional classes does: the weaver cannot read them, so every type of that
 * package other than the class being woven is unknown to it. {@code Missing} is never defined.
 */
final class HidingLoader extends ClassLoader {

    private static final String HIDDEN_PACKAGE = "io.heapguard.it.agent.app.hidden.";
    private static final String HIDDEN_PATH = HIDDEN_PACKAGE.replace('.', '/');

    HidingLoader() {
        super("hiding", HidingLoader.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(HIDDEN_PACKAGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!name.startsWith(HIDDEN_PACKAGE) || name.endsWith(".Missing")) {
            throw new ClassNotFoundException(name);
        }
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(HIDDEN_PATH) ? null : super.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return name.startsWith(HIDDEN_PATH) ? null : super.getResourceAsStream(name);
    }

    HiddenCalls newOptionalDependency() throws ReflectiveOperationException {
        Class<?> type = loadClass(HIDDEN_PACKAGE + "OptionalDependency");
        return (HiddenCalls) type.getDeclaredConstructor().newInstance();
    }
}
