package io.heapguard.it.agent.app;

import io.heapguard.MemoryAware;

/**
 * Run with the agent jar both on {@code -Xbootclasspath/a} and as {@code -javaagent}: prints where the
 * heapguard-api and the dispatcher were defined, and whether guarded calls are guarded.
 */
public final class BootClassPathApp {

    private BootClassPathApp() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        Class<?> dispatcher = Class.forName("io.heapguard.bootstrap.WovenCalls", false, system);
        Scenario.print("api", "bootLoaded=" + (MemoryAware.class.getClassLoader() == null)
                + " sameAsBoot=" + (Class.forName(MemoryAware.class.getName(), false, null) == MemoryAware.class)
                + " dispatcherBootLoaded=" + (dispatcher.getClassLoader() == null));
        Scenario.run("guarded.small", () -> Shapes.staticMethod(1024));
        Scenario.run("guarded.large", () -> Shapes.staticMethod(1L << 40));
        System.out.println("DONE");
    }
}
