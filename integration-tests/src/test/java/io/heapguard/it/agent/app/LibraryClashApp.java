package io.heapguard.it.agent.app;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;

import io.heapguard.MemoryGuard;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import oshi.SystemInfo;

/**
 * An application with its own (older) Byte Buddy, Jackson, OSHI and JNA on the class path. With the
 * agent present each library must still be the application's version and work, and guarded calls
 * must still be guarded.
 */
public final class LibraryClashApp {

    private LibraryClashApp() {
    }

    public static void main(String[] args) throws Exception {
        Object generated = new ByteBuddy().subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("generated-by-app-bytebuddy"))
                .make().load(LibraryClashApp.class.getClassLoader()).getLoaded()
                .getDeclaredConstructor().newInstance();
        Scenario.print("bytebuddy", "jar=" + jarOf(ByteBuddy.class) + " works=" + generated);

        String json = new ObjectMapper().writeValueAsString(java.util.Map.of("k", 1));
        Scenario.print("jackson", "version=" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
                + " jar=" + jarOf(ObjectMapper.class) + " works=" + json.replace(' ', '_'));

        long totalMemory = new SystemInfo().getHardware().getMemory().getTotal();
        Scenario.print("oshi", "jar=" + jarOf(SystemInfo.class) + " works=" + (totalMemory > 0));
        Scenario.print("jna", "version=" + Native.VERSION + " jar=" + jarOf(Native.class));

        Scenario.run("guarded.small", () -> Shapes.staticMethod(1024));
        Scenario.run("guarded.large", () -> Shapes.staticMethod(1L << 40));
        Scenario.print("stats", "jsonStartsWith=" + MemoryGuard.stats().json().strip().substring(0, 1)
                + " " + Scenario.totals());
        System.out.println("DONE");
    }

    private static String jarOf(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
    }
}
