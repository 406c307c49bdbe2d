package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heapguard.core.ConfigException;
import io.heapguard.core.GuardConfig;

class AgentSettingsTest {

    private static final long GIB = 1L << 30;
    private static final long JVM_MAX_HEAP_BYTES = 4 * GIB;

    @TempDir
    Path dir;

    private Map<String, String> properties() {
        return TestProperties.in(dir);
    }

    private AgentSettings load(String args, Map<String, String> properties, Map<String, String> environment) {
        return AgentSettings.load(args, properties, environment, JVM_MAX_HEAP_BYTES);
    }

    @Test
    void load_nothingGiven_usesDefaults() {
        AgentSettings settings = load(null, properties(), Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.strict()).isFalse();
        assertThat(settings.jmxEnabled()).isTrue();
        assertThat(settings.jmxDelay()).isEqualTo(Duration.ofSeconds(5))
                .isEqualTo(GuardConfig.parseDuration("jmxDelay", AgentKey.JMX_DELAY.defaultValue()));
        assertThat(settings.targetCheckDelay())
                .isEqualTo(GuardConfig.parseDuration("targetCheckDelay", AgentKey.TARGET_CHECK_DELAY.defaultValue()));
        assertThat(settings.statsSignal()).isEqualTo("USR1");
        assertThat(settings.statsFile()).isEqualTo(dir.resolve("heapguard-" + ProcessHandle.current().pid() + ".json"));
        assertThat(settings.guardConfig().maxHeapBytes()).isEqualTo((long) (JVM_MAX_HEAP_BYTES * 0.9));
        assertThat(settings.effectiveSettings().get("enabled").source()).isEqualTo(Setting.Source.DEFAULT);
        assertThat(settings.effectiveSettings()).doesNotContainKey("maxHeap");
    }

    @Test
    void load_sameKeyInAllFourSources_highestSourceWins() throws Exception {
        Path file = Files.writeString(dir.resolve("heapguard.json"), "{\"maxHeap\": \"1g\", \"leakAge\": \"1m\"}");
        Map<String, String> environment = Map.of("HEAPGUARD_MAXHEAP", "2g", "HEAPGUARD_CONFIG", file.toString(),
                "HEAPGUARD_MODE", "monitor");
        Map<String, String> properties = properties();
        properties.put("heapguard.maxHeap", "3g");
        properties.put("heapguard.failOpen", "false");

        AgentSettings all = load("maxHeap=3500m", properties, environment);
        assertThat(all.guardConfig().maxHeapBytes()).isEqualTo(3500L << 20);
        assertThat(all.effectiveSettings().get("maxHeap"))
                .isEqualTo(new Setting("maxHeap", "3500m", Setting.Source.AGENT_ARGUMENT, "agent argument maxHeap"));

        AgentSettings noArgs = load(null, properties, environment);
        assertThat(noArgs.guardConfig().maxHeapBytes()).isEqualTo(3 * GIB);
        assertThat(noArgs.effectiveSettings().get("maxHeap").origin()).isEqualTo("system property heapguard.maxHeap");

        properties.remove("heapguard.maxHeap");
        AgentSettings envAndFile = load(null, properties, environment);
        assertThat(envAndFile.guardConfig().maxHeapBytes()).isEqualTo(2 * GIB);
        assertThat(envAndFile.effectiveSettings().get("maxHeap").origin()).isEqualTo("environment variable HEAPGUARD_MAXHEAP");

        AgentSettings fileOnly = load(null, properties, Map.of("HEAPGUARD_CONFIG", file.toString()));
        assertThat(fileOnly.guardConfig().maxHeapBytes()).isEqualTo(GIB);
        assertThat(fileOnly.effectiveSettings().get("maxHeap").origin())
                .isEqualTo("config file " + file + ", key maxHeap");

        // keys given only once are merged from every source
        assertThat(all.guardConfig().mode()).isEqualTo(GuardConfig.Mode.MONITOR);
        assertThat(all.guardConfig().failOpen()).isFalse();
        assertThat(all.guardConfig().leakAge()).hasMinutes(1);
    }

    @Test
    void load_javaUtilProperties_acceptedAsSystemProperties() {
        Properties properties = new Properties();
        properties.putAll(properties());
        properties.setProperty("heapguard.statsSignal", "HUP");
        properties.put("not.a.string", 42);

        assertThat(AgentSettings.load(null, properties, Map.of(), JVM_MAX_HEAP_BYTES).statsSignal()).isEqualTo("HUP");
    }

    @Test
    void booleans_acceptTrueAndFalseInAnyCase() {
        AgentSettings settings = load("enabled=FALSE,strict=True,jmx=false", properties(), Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.strict()).isTrue();
        assertThat(settings.jmxEnabled()).isFalse();
    }

    @Test
    void booleans_otherValues_rejectedWithSource() {
        for (String key : new String[] {"enabled", "strict", "jmx"}) {
            Map<String, String> properties = properties();
            properties.put("heapguard." + key, "yes");

            assertThatThrownBy(() -> load(null, properties, Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalid value 'yes' for '" + key + "' (from system property heapguard."
                            + key + "): expected true or false");
        }
    }

    @Test
    void enabledFalse_turnsAgentOffEvenWhenOtherValuesAreBroken() {
        Map<String, String> properties = properties();
        properties.put("heapguard.maxHeap", "lots");
        properties.put("heapguard.strict", "true");

        AgentSettings fromEnvironment = load("maxHeep=1g", properties, Map.of("HEAPGUARD_ENABLED", "false",
                "HEAPGUARD_CONFIG", dir.resolve("missing.json").toString()));
        AgentSettings fromArguments = load("enabled=false,statsSignal=USR2", properties, Map.of());

        assertThat(fromEnvironment.enabled()).isFalse();
        assertThat(fromEnvironment.effectiveSettings().get("enabled").origin()).isEqualTo("environment variable HEAPGUARD_ENABLED");
        assertThat(fromArguments.enabled()).isFalse();
        assertThat(fromArguments.strict()).isFalse();
    }

    @Test
    void enabledTrueInHigherSource_brokenValueStillReported() {
        Map<String, String> properties = properties();
        properties.put("heapguard.maxHeap", "lots");

        assertThatThrownBy(() -> load("enabled=true", properties, Map.of("HEAPGUARD_ENABLED", "false")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'lots' for 'maxHeap'");
    }

    private InvalidSettingsException failure(String args, Map<String, String> properties,
                                             Map<String, String> environment) {
        try {
            load(args, properties, environment);
        } catch (InvalidSettingsException e) {
            return e;
        }
        throw new AssertionError("expected invalid settings for " + args);
    }

    @Test
    void strict_prefixedAndAnotherKeyBroken_failureSaysStrict() {
        InvalidSettingsException e = failure("heapguard.strict=true,maxHeap=lots", properties(), Map.of());

        assertThat(e.strict()).isTrue();
        assertThat(e).hasMessage("invalid value 'lots' for 'maxHeap' (from agent argument maxHeap):"
                + " expected a size (512m, 2g) or a percentage of the max heap (70%)");
    }

    @Test
    void strict_readAsEverySettingIs_doubledCommaParenthesesAndSkippedBrokenEntries() {
        assertThat(failure("statsFile=a,,b,strict=true,maxHeap=lots", properties(), Map.of()).strict()).isTrue();
        assertThat(failure("targets=q=a.B#m(int,strict=false)|bytes=1m,strict=true,maxHeap=lots", properties(),
                Map.of()).strict()).isTrue();
        assertThat(failure("strict=true,notKeyValue", properties(), Map.of()).strict()).isTrue();
        assertThat(failure("strict=true,maxHeep=1g", properties(), Map.of()).strict()).isTrue();
        assertThat(failure("maxHeap=lots", properties(), Map.of("HEAPGUARD_STRICT", "TRUE",
                "HEAPGUARD_NOSUCHKEY", "1")).strict()).isTrue();
    }

    @Test
    void strict_givenInSeveralSources_highestSourceWinsAsForEveryKey() {
        Map<String, String> properties = properties();
        properties.put("heapguard.strict", "true");

        assertThat(failure("strict=false,maxHeap=lots", properties, Map.of()).strict()).isFalse();
        assertThat(failure("maxHeap=lots", properties, Map.of("HEAPGUARD_STRICT", "false")).strict()).isTrue();
        assertThat(failure("maxHeap=lots", properties(), Map.of("HEAPGUARD_STRICT", "false")).strict()).isFalse();
        assertThat(failure("maxHeap=lots", properties(), Map.of()).strict()).isFalse();
    }

    @Test
    void strict_twiceInOneSource_lastCountsOnceTheDuplicateIsReported() {
        InvalidSettingsException e = failure("strict=false,strict=true", properties(), Map.of());

        assertThat(e.strict()).isTrue();
        assertThat(e).hasMessageContaining("'strict' is given twice");
    }

    @Test
    void strict_inConfigFile_readWhenAnotherSourceIsBroken() throws Exception {
        Files.writeString(dir.resolve("c.json"), "{\"strict\": true, \"leakAge\": \"1m\"}");

        assertThat(failure("config=c.json,maxHeap=lots", properties(), Map.of()).strict()).isTrue();
        assertThat(failure("config=missing.json,strict=true", properties(), Map.of()).strict()).isTrue();
    }

    @Test
    void enabledFalse_prefixedOrInConfigFile_turnsAgentOffDespiteBrokenValue() throws Exception {
        Files.writeString(dir.resolve("off.json"), "{\"enabled\": false}");

        assertThat(load("heapguard.enabled=false,maxHeap=lots", properties(), Map.of()).enabled()).isFalse();
        assertThat(load("config=off.json,maxHeap=lots", properties(), Map.of()).enabled()).isFalse();
    }

    @Test
    void statsFile_dash_meansStandardError() {
        assertThat(load("statsFile=-", properties(), Map.of()).statsFile()).isNull();
    }

    @Test
    void statsFile_relativeWithPid_resolvedAgainstWorkingDirectory() {
        AgentSettings settings = load("statsFile=stats-{pid}.json", properties(), Map.of());

        assertThat(settings.statsFile()).isEqualTo(dir.resolve("stats-" + ProcessHandle.current().pid() + ".json"));
        assertThat(settings.effectiveSettings().get("statsFile").value()).isEqualTo("stats-{pid}.json");
    }

    @Test
    void statsFile_pidInDirectory_checkedWithRealPid() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());

        assertThatThrownBy(() -> load("statsFile=run-{pid}/s.json", properties(), Map.of()))
                .hasMessageContaining(dir.resolve("run-" + pid) + " is not a directory");

        Files.createDirectory(dir.resolve("run-" + pid));
        assertThat(load("statsFile=run-{pid}/s.json", properties(), Map.of()).statsFile())
                .isEqualTo(dir.resolve("run-" + pid).resolve("s.json"));
    }

    @Test
    void configFile_trailingContent_rejected() throws Exception {
        Path file = Files.writeString(dir.resolve("t.json"), "{\"maxHeap\": \"1g\"} {}");

        assertThatThrownBy(() -> load("config=" + file, properties(), Map.of()))
                .hasMessageContaining("unexpected { after the top-level object at line 1, column 19");
    }

    @Test
    void statsFile_missingDirectory_rejectedNamingIt() {
        assertThatThrownBy(() -> load("statsFile=nowhere/stats.json", properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value 'nowhere/stats.json' for 'statsFile' (from agent argument statsFile)")
                .hasMessageContaining(dir.resolve("nowhere") + " is not a directory");
    }

    @Test
    void statsFile_aDirectory_rejected() {
        assertThatThrownBy(() -> load("statsFile=" + dir, properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir + " is a directory");
    }

    @Test
    void statsSignal_safeNamesInAnySpelling_accepted() {
        assertThat(load("statsSignal=sigusr1", properties(), Map.of()).statsSignal()).isEqualTo("USR1");
        assertThat(load("statsSignal=SIGHUP", properties(), Map.of()).statsSignal()).isEqualTo("HUP");
        assertThat(load("statsSignal=winch", properties(), Map.of()).statsSignal()).isEqualTo("WINCH");
        assertThat(load("statsSignal=none", properties(), Map.of()).statsSignal()).isNull();
    }

    @Test
    void statsSignal_usr2_refusedBecauseHotSpotUsesIt() {
        assertThatThrownBy(() -> load("statsSignal=USR2", properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'USR2' for 'statsSignal' (from agent argument statsSignal):"
                        + " HotSpot uses SIGUSR2 to suspend and resume threads (JFR sampling stops if it is taken);"
                        + " expected one of USR1, HUP, WINCH or none");
    }

    @Test
    void statsSignal_jvmSignals_refusedWithReason() {
        assertThatThrownBy(() -> load("statsSignal=INT", properties(), Map.of())).hasMessageContaining("shutdown hooks");
        assertThatThrownBy(() -> load("statsSignal=SIGTERM", properties(), Map.of())).hasMessageContaining("shutdown hooks");
        assertThatThrownBy(() -> load("statsSignal=KILL", properties(), Map.of())).hasMessageContaining("cannot be caught");
        assertThatThrownBy(() -> load("statsSignal=QUIT", properties(), Map.of())).hasMessageContaining("thread dump");
        assertThatThrownBy(() -> load("statsSignal=PIPE", properties(), Map.of()))
                .hasMessageEndingWith("'statsSignal' (from agent argument statsSignal): expected one of USR1, HUP, WINCH or none");
    }

    @Test
    void unknownKey_inEachSource_namedWithClosestKey() {
        assertThatThrownBy(() -> load("maxHeep=70%", properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'maxHeep' (from agent argument maxHeep): did you mean 'maxHeap'?")
                .hasMessageContaining("known keys: cleanupInterval");

        Map<String, String> properties = properties();
        properties.put("heapguard.statsfile", "-");
        assertThatThrownBy(() -> load(null, properties, Map.of()))
                .hasMessageStartingWith("unknown key 'statsfile' (from system property heapguard.statsfile):"
                        + " did you mean 'statsFile'?");

        assertThatThrownBy(() -> load(null, properties(), Map.of("HEAPGUARD_STATS_SIGNL", "HUP")))
                .hasMessageStartingWith("unknown key 'HEAPGUARD_STATS_SIGNL' (from environment variable"
                        + " HEAPGUARD_STATS_SIGNL): did you mean HEAPGUARD_STATSSIGNAL?");
    }

    @Test
    void unknownKey_farFromAnyKnown_listsKnownKeysWithoutGuess() {
        assertThatThrownBy(() -> load("colour=blue", properties(), Map.of()))
                .hasMessageStartingWith("unknown key 'colour' (from agent argument colour): known keys: ");
    }

    @Test
    void guardValueInvalid_messageNamesKeyValueSourceAndAllowed() {
        Map<String, String> properties = properties();
        properties.put("heapguard.maxHeap", "lots");

        assertThatThrownBy(() -> load(null, properties, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("maxHeap");
                    assertThat(e.value()).isEqualTo("lots");
                })
                .hasMessage("invalid value 'lots' for 'maxHeap' (from system property heapguard.maxHeap):"
                        + " expected a size (512m, 2g) or a percentage of the max heap (70%)");
    }

    @Test
    void guardConflict_messageNamesBothSources() {
        assertThatThrownBy(() -> load("warningThreshold=0.9", properties(), Map.of("HEAPGUARD_CRITICALTHRESHOLD", "0.8")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(from agent argument warningThreshold; environment variable HEAPGUARD_CRITICALTHRESHOLD)");
    }

    @Test
    void operationKeys_fromArgumentsAndProperties_reachGuardConfig() {
        Map<String, String> properties = properties();
        properties.put("heapguard.operations.SearchService#search.maxConcurrent", "8");

        AgentSettings settings = load("operations.search.maxInFlight=64m", properties, Map.of());

        assertThat(settings.guardConfig().operation("search").maxInFlightBytes()).isEqualTo(64L << 20);
        assertThat(settings.guardConfig().operation("SearchService#search").maxConcurrent()).isEqualTo(8);
    }

    @Test
    void environment_underscoresAndCaseIgnored_topLevelKeysOnly() {
        AgentSettings settings = load(null, properties(), Map.of("HEAPGUARD_MAX_HEAP", "1g",
                "HEAPGUARD_STATS_SIGNAL", "hup", "HEAPGUARD_FAULT_REJECTPROBABILITY", "0.5", "OTHER_MAXHEAP", "x"));

        assertThat(settings.guardConfig().maxHeapBytes()).isEqualTo(GIB);
        assertThat(settings.statsSignal()).isEqualTo("HUP");
        assertThat(settings.guardConfig().faultRejectProbability()).isEqualTo(0.5);
    }

    @Test
    void environment_operationKey_refusedWithAlternatives() {
        assertThatThrownBy(() -> load(null, properties(), Map.of("HEAPGUARD_OPERATIONS_SEARCH_MAXINFLIGHT", "64m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("per-operation limits cannot be set from the environment")
                .hasMessageContaining("HEAPGUARD_CONFIG")
                .hasMessageContaining("-Dheapguard.operations.<operation>.<limit>=<value>");
    }

    @Test
    void environment_sameKeyTwoSpellings_rejected() {
        Map<String, String> environment = Map.of("HEAPGUARD_MAXHEAP", "1g", "HEAPGUARD_MAX_HEAP", "2g");

        assertThatThrownBy(() -> load(null, properties(), environment))
                .hasMessageContaining("'maxHeap' is set twice in the environment, by HEAPGUARD_MAXHEAP and HEAPGUARD_MAX_HEAP");
    }

    @Test
    void agentArguments_doubledCommaIsLiteralAndPrefixOptional() throws Exception {
        Path odd = Files.createDirectory(dir.resolve("a,b"));

        AgentSettings settings = load(" heapguard.statsFile = " + odd.toString().replace(",", ",,") + "/s.json ,jmx=false,",
                properties(), Map.of());

        assertThat(settings.statsFile()).isEqualTo(odd.resolve("s.json"));
        assertThat(settings.jmxEnabled()).isFalse();
    }

    @Test
    void agentArguments_entryWithoutEquals_rejected() {
        assertThatThrownBy(() -> load("maxHeap=1g,strict", properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("agent argument 'strict' is not key=value")
                .hasMessageEndingWith("(from agent arguments 'maxHeap=1g,strict')");
    }

    @Test
    void agentArguments_sameKeyTwice_rejected() {
        assertThatThrownBy(() -> load("maxHeap=1g,maxHeap=2g", properties(), Map.of()))
                .hasMessageContaining("'maxHeap' is given twice: '1g' (agent argument maxHeap) and '2g'");
    }

    @Test
    void configFile_nestedAndDottedKeysWithComments_flattened() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), """
                {
                  // operators may comment their limits
                  "maxHeap": "70%",
                  "criticalThreshold": 0.8,
                  "failOpen": false,
                  "operations": {"search": {"maxInFlight": "64m"}, "com.acme.Index#add": {"maxConcurrent": 2}},
                  "operations.export.maxPerCall": "10m",
                  "heapguard": {"statsSignal": "HUP"}
                }
                """);

        AgentSettings settings = load("config=c.json", properties(), Map.of());

        GuardConfig config = settings.guardConfig();
        assertThat(config.maxHeapBytes()).isEqualTo((long) (JVM_MAX_HEAP_BYTES * 0.7));
        assertThat(config.criticalThreshold()).isEqualTo(0.8);
        assertThat(config.failOpen()).isFalse();
        assertThat(config.operation("search").maxInFlightBytes()).isEqualTo(64L << 20);
        assertThat(config.operation("com.acme.Index#add").maxConcurrent()).isEqualTo(2);
        assertThat(config.operation("export").maxPerCallBytes()).isEqualTo(10L << 20);
        assertThat(settings.statsSignal()).isEqualTo("HUP");
        assertThat(settings.effectiveSettings().get("operations.search.maxInFlight").origin())
                .isEqualTo("config file " + file + ", key operations.search.maxInFlight");
    }

    @Test
    void configFile_missing_messageNamesFileAndSource() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> load(null, properties(), Map.of("HEAPGUARD_CONFIG", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot use config file " + missing + ": the file does not exist"
                        + " (from environment variable HEAPGUARD_CONFIG)");
    }

    @Test
    void configFile_badJson_messageNamesFileLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"maxHeap\": \"70%\"\n  \"leakAge\": \"1m\"\n}\n");

        assertThatThrownBy(() -> load("config=" + file, properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot use config file " + file + ": invalid JSON at line 3, column 3: ")
                .hasMessageEndingWith("(from agent argument config)");
    }

    @Test
    void configFile_structuralMistakes_explained() throws Exception {
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        Path nullValue = Files.writeString(dir.resolve("null.json"), "{\"maxHeap\": null}");
        Path listValue = Files.writeString(dir.resolve("list.json"), "{\"operations\": {\"a\": {\"maxConcurrent\": [1]}}}");
        Path duplicate = Files.writeString(dir.resolve("dup.json"), "{\"maxHeap\": \"1g\", \"maxHeap\": \"2g\"}");
        Path nested = Files.writeString(dir.resolve("nested.json"), "{\"config\": \"other.json\"}");
        Path empty = Files.writeString(dir.resolve("empty.json"), "  ");
        Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"maxHepa\": \"1g\"}");
        Path flatOperations = Files.writeString(dir.resolve("ops.json"), "{\"operations\": 1}");

        assertThatThrownBy(() -> load("config=" + array, properties(), Map.of()))
                .hasMessageContaining("expected a JSON object at the top ({\"maxHeap\": \"70%\", ...}), found [ at line 1, column 1");
        assertThatThrownBy(() -> load("config=" + nullValue, properties(), Map.of()))
                .hasMessageContaining("key 'maxHeap' is null; expected a string, number or boolean");
        assertThatThrownBy(() -> load("config=" + listValue, properties(), Map.of()))
                .hasMessageContaining("key 'operations.a.maxConcurrent' is an array");
        assertThatThrownBy(() -> load("config=" + duplicate, properties(), Map.of()))
                .hasMessageContaining("invalid JSON at line 1").hasMessageContaining("Duplicate field 'maxHeap'");
        assertThatThrownBy(() -> load("config=" + nested, properties(), Map.of()))
                .hasMessageContaining("a config file cannot name another config file");
        assertThatThrownBy(() -> load("config=" + empty, properties(), Map.of()))
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> load("config=" + unknown, properties(), Map.of()))
                .hasMessageContaining("unknown key 'maxHepa' (from config file " + unknown + ", key maxHepa): did you mean 'maxHeap'?");
        assertThatThrownBy(() -> load("config=" + flatOperations, properties(), Map.of()))
                .hasMessageContaining("unknown key 'operations'");
    }

    @Test
    void configFile_aDirectory_explained() {
        assertThatThrownBy(() -> load("config=" + dir, properties(), Map.of()))
                .hasMessageContaining("cannot use config file " + dir + ": it is a directory");
    }

    @Test
    void toString_listsEverySettingWithOrigin() {
        assertThat(load("maxHeap=1g", properties(), Map.of()).toString())
                .contains("maxHeap=1g (agent argument maxHeap)")
                .contains("jmx=true (default)");
    }

    @Test
    void load_jmxDelay_parsedAsDuration_andBadValueNamesKeySourceAndUnits() {
        assertThat(load("jmxDelay=0s", properties(), Map.of()).jmxDelay()).isZero();
        assertThat(load("jmxDelay=750ms", properties(), Map.of()).jmxDelay()).isEqualTo(Duration.ofMillis(750));

        assertThatThrownBy(() -> load("jmxDelay=soon", properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'soon' for 'jmxDelay' (from agent argument jmxDelay):"
                        + " expected a duration with a unit: ms, s, m or h (200ms, 5s, 5m, 1h)");
    }
}
