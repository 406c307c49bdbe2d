package io.heapguard.it.agent.targetapp;

import java.io.IOException;
import java.io.InputStream;

/** Defines the LateSearcher class itself (child loader), delegating everything else to its parent. */
final class ChildFirstLoader extends ClassLoader {

    ChildFirstLoader(ClassLoader parent) {
        super("late-searcher", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(TargetApp.LATE_SEARCHER)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
