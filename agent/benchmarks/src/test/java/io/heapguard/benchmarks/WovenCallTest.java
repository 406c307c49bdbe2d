package io.heapguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapguard.benchmarks.woven.WovenCall;
import org.junit.jupiter.api.Test;

/** The woven-call benchmark refuses to measure methods the agent did not weave (this JVM has no agent). */
class WovenCallTest {

    @Test
    void checkAgent_withoutAgent_failsTheTrialWithHowToRunIt() {
        assertThatThrownBy(() -> new WovenCall().checkAgent())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the agent did not guard the call")
                .hasMessageContaining("-javaagent");
    }
}
