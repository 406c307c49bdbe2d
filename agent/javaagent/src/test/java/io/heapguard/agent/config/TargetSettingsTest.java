package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heapguard.agent.targets.Target;
import io.heapguard.core.ConfigException;

/** The {@code targets} configuration: the JSON form, both compact forms, and errors that name everything. */
class TargetSettingsTest {

    private static final long JVM_MAX_HEAP_BYTES = 1L << 32;

    @TempDir
    Path dir;

    private Map<String, String> properties() {
        return TestProperties.in(dir);
    }

    private List<Target> fromFile(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("heapguard.json"), json);
        return AgentSettings.load("config=" + file, properties(), Map.of(), JVM_MAX_HEAP_BYTES).targets();
    }

    private List<Target> fromArgs(String args) {
        return AgentSettings.load(args, properties(), Map.of(), JVM_MAX_HEAP_BYTES).targets();
    }

    private String errorFromFile(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("heapguard.json"), json);
        return errorOf(() -> AgentSettings.load("config=" + file, properties(), Map.of(), JVM_MAX_HEAP_BYTES));
    }

    private static String errorOf(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void jsonForm_theIssueExample_buildsBothTargets() throws Exception {
        List<Target> targets = fromFile("""
                {
                  "targets": {
                    "b64-decode": {
                      "class": "java.util.Base64$Decoder",
                      "method": "decode",
                      "parameters": "java.lang.String",
                      "estimate": "len($0) * 2"
                    },
                    "any-searcher": {
                      "class": "com.acme.Searcher",
                      "subtypes": true,
                      "method": "search",
                      "operation": "search",
                      "bytes": 1048576,
                      "onReject": "THROW"
                    }
                  }
                }
                """);

        assertThat(targets).extracting(Target::name).containsExactly("any-searcher", "b64-decode");
        Target searcher = targets.get(0);
        assertThat(searcher.subtypes()).isTrue();
        assertThat(searcher.parameterTypes()).as("absent = every overload").isNull();
        assertThat(searcher.operation()).isEqualTo("search");
        assertThat(searcher.estimate()).isEqualTo(new Target.FixedBytes(1048576));
        Target decode = targets.get(1);
        assertThat(decode.className()).isEqualTo("java.util.Base64$Decoder");
        assertThat(decode.parameterTypes()).containsExactly("java.lang.String");
        assertThat(decode.operation()).as("default: the name").isEqualTo("b64-decode");
        assertThat(decode.estimate()).isEqualTo(new Target.Expression("len($0) * 2"));
        assertThat(decode.onReject()).isEqualTo(Target.OnReject.THROW);
    }

    @Test
    void compactList_inAgentArguments_commasInsideParenthesesNeedNoEscape() {
        List<Target> targets = fromArgs("maxHeap=1g,targets=q=org.apache.lucene.search.IndexSearcher#search(Query, int)"
                + "|estimate=min($1, 10000) * 1KB|onReject=WAIT|maxWaitMillis=200|priority=-1;"
                + "json=com.fasterxml.jackson.databind.ObjectMapper#readTree(String)|estimator=com.acme.JsonEstimate");

        assertThat(targets).extracting(Target::name).containsExactly("json", "q");
        Target query = targets.get(1);
        assertThat(query.parameterTypes()).containsExactly("Query", "int");
        assertThat(query.estimate()).isEqualTo(new Target.Expression("min($1, 10000) * 1KB"));
        assertThat(query.onReject()).isEqualTo(Target.OnReject.WAIT);
        assertThat(query.maxWaitMillis()).isEqualTo(200);
        assertThat(query.priority()).isEqualTo(-1);
        assertThat(targets.get(0).estimate()).isEqualTo(new Target.EstimatorClass("com.acme.JsonEstimate"));
    }

    @Test
    void compactOne_systemPropertyPerTarget_andEnvironmentList() {
        Map<String, String> properties = properties();
        properties.put("heapguard.targets.b64", "java.util.Base64$Decoder#decode(java.lang.String)|bytes=64k");
        Map<String, String> environment = Map.of("HEAPGUARD_TARGETS", "scan=a.b.C#scan()|bytes=1m",
                "HEAPGUARD_TARGET_CHECK_DELAY", "5s");

        AgentSettings settings = AgentSettings.load(null, properties, environment, JVM_MAX_HEAP_BYTES);

        assertThat(settings.targets()).extracting(Target::name).containsExactly("b64", "scan");
        assertThat(settings.targets().get(0).estimate()).isEqualTo(new Target.FixedBytes(64 * 1024));
        assertThat(settings.targets().get(1).parameterTypes()).as("() = no parameters").isEmpty();
        assertThat(settings.targetCheckDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fieldsAsSystemProperties_likeTheJsonForm() {
        Map<String, String> properties = properties();
        properties.put("heapguard.targets.scan.class", "a.b.C");
        properties.put("heapguard.targets.scan.method", "scan");
        properties.put("heapguard.targets.scan.parameters", "int[], float...");
        properties.put("heapguard.targets.scan.estimate", "len($0) * 4");

        Target scan = AgentSettings.load(null, properties, Map.of(), JVM_MAX_HEAP_BYTES).targets().get(0);

        assertThat(scan.parameterTypes()).containsExactly("int[]", "float[]");
    }

    @Test
    void fallback_isAConfigurationErrorThatSaysWhy() throws Exception {
        String message = errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1,"
                + " \"onReject\": \"FALLBACK\"}}}");

        assertThat(message).contains("'targets.t.onReject'").contains("'FALLBACK'").contains("target 't'")
                .contains("THROW or WAIT").contains("fallback method");
    }

    @Test
    void estimateForms_exactlyOne() throws Exception {
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\"}}}"))
                .contains("target 't'").contains("exactly one of estimate").contains("none is given");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1,"
                + " \"estimate\": \"$0\"}}}"))
                .contains("exactly one of estimate").contains("given: [estimate, bytes]");
    }

    @Test
    void malformedFields_nameTargetFieldValueAndWhatIsAllowed() throws Exception {
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B#m\", \"method\": \"m\", \"bytes\": 1}}}"))
                .contains("'targets.t.class'").contains("'a.B#m'").contains("binary class name");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": \"lots\"}}}"))
                .contains("'targets.t.bytes'").contains("'lots'").contains("a size in bytes");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1,"
                + " \"parameters\": \"int,,long\"}}}"))
                .contains("'targets.t.parameters'").contains("parameter types");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1,"
                + " \"maxWaitMillis\": 10}}}"))
                .contains("'targets.t.maxWaitMillis'").contains("onReject=WAIT");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1,"
                + " \"subtype\": true}}}"))
                .contains("'targets.t.subtype'").contains("did you mean 'subtypes'");
        assertThat(errorFromFile("{\"targets\": {\"t\": {\"class\": \"a.B\", \"bytes\": 1}}}"))
                .contains("'targets.t.method'").contains("needs 'method'");
        assertThat(errorFromFile("{\"targets\": {\"a.b\": {\"class\": \"a.B\", \"method\": \"m\", \"bytes\": 1}}}"))
                .contains("target name");
    }

    @Test
    void compactForm_malformed_explainsTheSyntax() {
        assertThat(errorOf(() -> fromArgs("targets=q=org.acme.Search|bytes=1m")))
                .contains("method reference").contains("a.b.Class#method(type,type)");
        assertThat(errorOf(() -> fromArgs("targets=org.acme.Search#q|bytes=1m")))
                .contains("each target starts with its name");
        assertThat(errorOf(() -> fromArgs("targets=q=a.B#m|bytes")))
                .contains("'bytes' is not field=value");
    }

    @Test
    void sameTargetTwice_isAnErrorNamingBothPlaces() {
        Map<String, String> properties = properties();
        properties.put("heapguard.targets.q", "a.B#m|bytes=1");
        assertThatThrownBy(() -> AgentSettings.load("targets=q=a.B#n|bytes=2", properties, Map.of(), JVM_MAX_HEAP_BYTES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("target 'q' is defined twice");
    }
}
