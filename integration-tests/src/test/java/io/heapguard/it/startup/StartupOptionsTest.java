package io.heapguard.it.startup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupOptionsTest {

    @Test
    void parse_noArguments_usesTheDocumentedDefaults() {
        StartupOptions o = StartupOptions.parse(new String[0]);

        assertThat(o.agentJar()).isEqualTo(Path.of(StartupOptions.DEFAULT_AGENT));
        assertThat(o.runs()).isEqualTo(7);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.only()).isEqualTo(StartupOptions.Only.ALL);
        assertThat(o.otelJar()).isNull();
        assertThat(o.runsHello()).isTrue();
        assertThat(o.runsDemo()).isTrue();
    }

    @Test
    void parse_spaceAndEqualsForms_bothWork() {
        StartupOptions o = StartupOptions.parse(new String[]{"--runs", "3", "--warmup=0", "--only", "hello",
                "--otel=/tmp/otel.jar"});

        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.warmup()).isZero();
        assertThat(o.runsDemo()).isFalse();
        assertThat(o.otelJar()).isEqualTo(Path.of("/tmp/otel.jar"));
    }

    @Test
    void parse_badValues_areRejectedNamingTheOptionAndTheRule() {
        assertThatThrownBy(() -> StartupOptions.parse(new String[]{"--runs", "0"}))
                .hasMessageContaining("--runs 0").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> StartupOptions.parse(new String[]{"--only", "both"}))
                .hasMessageContaining("hello, demo or all");
        assertThatThrownBy(() -> StartupOptions.parse(new String[]{"--rnus", "3"}))
                .hasMessageContaining("unknown option --rnus");
        assertThatThrownBy(() -> StartupOptions.parse(new String[]{"--out"}))
                .hasMessageContaining("--out needs a value");
    }
}
