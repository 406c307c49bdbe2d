package io.heapguard.it.normalload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.heapguard.it.overload.OverloadKind;
import io.heapguard.it.overload.RequestMix;

import io.heapguard.it.normalload.NormalLoadMain.Round;
import io.heapguard.it.normalload.NormalLoadMain.RunMeasure;

class NormalLoadReportTest {

    private static RunMeasure run(String label, double okPerSecond, long p99Micros, long notOk) {
        return run(label, okPerSecond, p99Micros, notOk, 1.0);
    }

    private static RunMeasure run(String label, double okPerSecond, long p99Micros, long notOk, double cpuMillisPerAnswer) {
        return new RunMeasure(label, okPerSecond, p99Micros / 2, p99Micros, 100, notOk, 0, false, cpuMillisPerAnswer,
                0.001, label.equals("heapguard") ? 1.0 : Double.NaN, 1.0, 1.5);
    }

    private static RunMeasure withAgentThreads(String label, double share, double callsPerAnswer) {
        return new RunMeasure(label, 100, 5_000, 10_000, 100, 0, 0, false, 1.0, share, callsPerAnswer, 1.0, 1.5);
    }

    @Test
    void agentShare_isTheMedianOfEachProtectionsOwnReadings() {
        List<Round> rounds = List.of(
                new Round(withAgentThreads("none", 0.0001, Double.NaN), withAgentThreads("heapguard", 0.004, 1.0), false),
                new Round(withAgentThreads("none", 0.0003, Double.NaN), withAgentThreads("heapguard", 0.002, 1.0), true),
                new Round(withAgentThreads("none", 0.0002, Double.NaN), withAgentThreads("heapguard", 0.009, 2.0), false));

        assertThat(NormalLoadReport.agentShare(rounds)).contains("median 0.400 % of the service's CPU with the agent,"
                + " 0.020 % without it; 1.00 guarded calls per answer");
    }

    @Test
    void ratiosArePerRound_andTheMedianIsOverRounds() {
        List<Round> rounds = List.of(
                new Round(run("none", 100, 10_000, 0), run("heapguard", 99, 10_500, 0), false),
                new Round(run("none", 100, 10_000, 0), run("heapguard", 90, 12_000, 0), true),
                new Round(run("none", 100, 10_000, 0), run("heapguard", 101, 9_000, 0), false));

        assertThat(NormalLoadReport.median(rounds, Round::throughputRatio)).isEqualTo(0.99);
        assertThat(NormalLoadReport.median(rounds, Round::p99Ratio)).isEqualTo(1.05);
        assertThat(NormalLoadReport.median(rounds.subList(0, 2), Round::throughputRatio)).isEqualTo((0.99 + 0.90) / 2);
    }

    @Test
    void cpuPerAnswer_isComparedPerRound_andReported() {
        NormalLoadOptions options = NormalLoadOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar"});
        List<Round> rounds = List.of(
                new Round(run("none", 100, 10_000, 0, 1.000), run("heapguard", 80, 10_000, 0, 1.010), false),
                new Round(run("none", 100, 10_000, 0, 1.200), run("heapguard", 120, 10_000, 0, 1.188), true));

        assertThat(NormalLoadReport.median(rounds, Round::cpuPerAnswerRatio)).isCloseTo((1.010 + 0.990) / 2,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NormalLoadReport.markdown(options, rounds)).contains("server CPU ms per answer")
                .contains("| 1.010 |").contains("| 0.990 |")
                .contains("heapguard first in 1 rounds, throughput ratio median 1.200, CPU per answer 0.990")
                .contains("heapguard second in 1 rounds, 0.800 and 1.010");
    }

    @Test
    void aRunWithRefusedRequests_isFlagged_notCompared() {
        NormalLoadOptions options = NormalLoadOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar"});
        Round refused = new Round(run("none", 100, 10_000, 0), run("heapguard", 99, 10_000, 3), false);

        assertThat(refused.valid()).isFalse();
        assertThat(NormalLoadReport.markdown(options, List.of(refused))).contains("not answered 200");
    }

    @Test
    void options_nameTheBadValue_andWhatIsAllowed() {
        assertThatThrownBy(() -> NormalLoadOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar", "--clients=0"}))
                .hasMessageContaining("--clients=0").hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> NormalLoadOptions.parse(new String[] {"--demo-jar=d.jar", "--agent-jar=a.jar", "--speed=3"}))
                .hasMessageContaining("--speed").hasMessageContaining("allowed");
        assertThatThrownBy(() -> NormalLoadOptions.parse(new String[] {"--agent-jar=a.jar"}))
                .hasMessageContaining("--demo-jar");
    }

    @Test
    void everydayMix_sendsOnlyNormalQueries_eachTextNew() {
        RequestMix everyday = RequestMix.everyday();
        Random random = new Random(7);
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            var request = everyday.next(random);
            assertThat(request.kind()).isIn(OverloadKind.KEYWORD, OverloadKind.VECTOR);
            targets.add(request.pathAndQuery());
        }
        assertThat(targets).as("no cache can answer a repeated text").hasSize(500);
    }
}
