package io.heapguard.it.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Byte Buddy floor agent the start-up scripts compare heapguard with must really weave what it
 * is told to and leave the program working: a floor that wove nothing would flatter heapguard.
 */
class AdviceFloorAgentIT {

    private static final String APP = """
            public class FloorApp {
              public static void main(String[] args) throws Exception {
                int result = new Target().twice(21);
                Class<?> agent = Class.forName("AdviceFloorAgent", false, ClassLoader.getSystemClassLoader());
                System.out.println("result=" + result + " woven=" + agent.getField("woven").get(null));
              }
            }
            class Target {
              int twice(int n) { return 2 * n; }
            }
            """;

    @Test
    void weavesTheNamedClass_andTheProgramStillComputesTheSame(@TempDir Path dir) throws Exception {
        Path byteBuddy = byteBuddyJar();
        Path agent = AdviceFloorAgent.build(dir.resolve("agent"), byteBuddy);
        Path app = dir.resolve("app");
        JavaSources.compile(Map.of("FloorApp", APP), "", app);

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=Target", "-cp", app.toString(), "FloorApp")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ended").isTrue();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("result=42 woven=1");
    }

    /** Any Byte Buddy serves the floor's purpose; the build copies one for LibraryClashIT. */
    private static Path byteBuddyJar() throws IOException {
        Path libs = Path.of(System.getProperty("heapguard.it.clashLibs", "target/clash-libs"));
        try (var jars = Files.list(libs)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith("byte-buddy-")).toList();
            assertThat(found).as("Byte Buddy copied by the clash-libs execution into " + libs).hasSize(1);
            return found.get(0);
        }
    }
}
