package io.heapguard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.heapguard.bootstrap.BootstrapLog;
import io.heapguard.core.InternalLog;

/** Both tiers print heapguard's lines in one format, though neither logger can see the other at run time. */
class LogFormatTest {

    @Test
    void bootstrapAndAgentLoaderLoggers_useOnePrefix() {
        assertThat(BootstrapLog.PREFIX).isEqualTo(InternalLog.PREFIX).isEqualTo("[heapguard] ");
    }
}
