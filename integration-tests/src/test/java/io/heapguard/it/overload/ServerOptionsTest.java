package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void compareOptions_readTheServiceOptions_withTheirDefaults() {
        CompareOptions options = CompareOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar",
                "--heap-mb=128", "--shapes=cpu-bound"});

        ServerOptions server = options.server();
        assertThat(server.demoJar()).isEqualTo(Path.of("d.jar"));
        assertThat(server.heapMegabytes()).isEqualTo(128);
        assertThat(server.serverThreads()).isEqualTo(64);
        assertThat(server.docLimit()).isEqualTo(10_000);
        assertThat(server.settings().indexDir()).isEqualTo(Path.of("target/compare-work/index-10000").toAbsolutePath());
        assertThat(options.shapes()).containsExactly(WorkloadShape.CPU_BOUND);
    }

    @Test
    void unknownOption_namesItAndEveryAllowedName() {
        assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar", "--clients=2"}))
                .hasMessageContaining("--clients").hasMessageContaining("heap-mb").hasMessageContaining("bulkheads");
        assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar", "--threads=0"}))
                .hasMessageContaining("--threads=0");
    }
}
