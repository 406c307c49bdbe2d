package io.heapguard.agent.internal;

import java.io.IOException;

import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The heapguard-api types ({@code io.heapguard.MemoryAware}, {@code OnReject}, ...) from the system
 * class loader, for a woven class whose own loader hides them. Nothing else: an application type its
 * loader cannot find is missing (see {@link StandInTypes}), never a look-alike from another loader.
 */
final class ApiClassFiles implements ClassFileLocator {

    private static final String API_PACKAGE = "io.heapguard.";

    private final ClassFileLocator systemLoader = ClassFileLocator.ForClassLoader.ofSystemLoader();

    @Override
    public Resolution locate(String name) throws IOException {
        boolean apiType = name.startsWith(API_PACKAGE) && name.indexOf('.', API_PACKAGE.length()) < 0;
        return apiType ? systemLoader.locate(name) : new Resolution.Illegal(name);
    }

    @Override
    public void close() throws IOException {
        systemLoader.close();
    }
}
