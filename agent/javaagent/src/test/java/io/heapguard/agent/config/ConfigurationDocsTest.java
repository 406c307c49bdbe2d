package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/configuration.md must describe every key the agent accepts (stale docs are bugs). */
class ConfigurationDocsTest {

    /** From the module directory, where surefire runs. */
    private static final Path DOCS = Path.of("../../docs/configuration.md");

    @Test
    void configurationDoc_tableHasARowForEveryKey() throws Exception {
        String doc = Files.readString(DOCS);

        for (String key : SettingKeys.topLevel()) {
            assertThat(doc).as("row for key %s in %s", key, DOCS.toAbsolutePath().normalize())
                    .contains("\n| `" + key + "` |");
        }
        for (String limit : new String[] {"maxPerCall", "maxInFlight", "maxConcurrent", "defaultEstimate"}) {
            assertThat(doc).contains("\n| `operations.<op>." + limit + "` |");
        }
    }
}
