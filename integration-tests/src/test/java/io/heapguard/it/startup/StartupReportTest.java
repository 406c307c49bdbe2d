package io.heapguard.it.startup;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StartupReportTest {

    private static final long MS = 1_000_000L;
    private static final Variant HELLO = Variant.baseline("hello");
    private static final Variant HELLO_AGENT = Variant.comparedWith("hello+heapguard", HELLO);

    private static RunSample exit(Variant v, int round, boolean warmup, long millis) {
        return RunSample.of(v.name(), round, warmup, Measure.EXIT, millis * MS);
    }

    private static StartupReport helloReport() {
        return new StartupReport(List.of(HELLO, HELLO_AGENT), List.of(
                exit(HELLO, 0, true, 900), exit(HELLO_AGENT, 0, true, 900), // warm-up: must not count
                exit(HELLO, 1, false, 40), exit(HELLO_AGENT, 1, false, 300),
                exit(HELLO, 2, false, 50), exit(HELLO_AGENT, 2, false, 200),
                exit(HELLO, 3, false, 45), exit(HELLO_AGENT, 3, false, 250)));
    }

    @Test
    void rows_skipWarmupAndCompareMediansWithTheBaseline() {
        List<StartupReport.Row> rows = helloReport().rows();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).baseline()).isNull();
        assertThat(rows.get(0).summary()).isEqualTo(new Summary(3, 40, 45, 50));
        StartupReport.Row agent = rows.get(1);
        assertThat(agent.summary()).isEqualTo(new Summary(3, 200, 250, 300));
        assertThat(agent.deltaMillis()).isEqualTo(205.0);
        assertThat(agent.ratio()).isCloseTo(250.0 / 45.0, within(1e-9));
    }

    @Test
    void table_markdown_hasOneRowPerVariantAndMeasureWithDeltas() {
        String md = helloReport().table().toMarkdown();

        assertThat(md.lines().toList()).containsExactly(
                "| variant | measure | runs | min ms | median ms | max ms | delta ms | delta % | ratio |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|",
                "| hello | exit | 3 | 40.0 | 45.0 | 50.0 | baseline | - | - |",
                "| hello+heapguard | exit | 3 | 200.0 | 250.0 | 300.0 | +205.0 | +455.6% | 5.56 |");
    }

    @Test
    void table_text_alignsNumbersRight() {
        List<String> lines = helloReport().table().toText().lines().toList();

        assertThat(lines.get(0)).startsWith("variant          measure  runs  min ms");
        assertThat(lines.get(2)).startsWith("hello            exit        3    40.0");
        assertThat(lines.get(3)).startsWith("hello+heapguard  exit        3   200.0");
    }

    @Test
    void rows_demoRunsHaveListeningAndFirstQueryRows() {
        Variant demo = Variant.baseline("demo");
        Variant demoAgent = Variant.comparedWith("demo+heapguard", demo);
        StartupReport report = new StartupReport(List.of(demo, demoAgent), List.of(
                demoRun(demo, 0, 4_000, 4_300), demoRun(demoAgent, 0, 5_000, 5_600)));

        List<StartupReport.Row> rows = report.rows();

        assertThat(rows).extracting(r -> r.variant() + " " + r.measure()).containsExactly(
                "demo LISTENING", "demo FIRST_QUERY", "demo+heapguard LISTENING", "demo+heapguard FIRST_QUERY");
        assertThat(rows.get(3).deltaMillis()).isEqualTo(1_300.0);
    }

    @Test
    void csv_hasOneRowPerRunWithEmptyCellsForUnmeasuredPoints() {
        Variant demo = Variant.baseline("demo");
        StartupReport report = new StartupReport(List.of(HELLO, HELLO_AGENT, demo), List.of(
                exit(HELLO_AGENT, 0, true, 250), demoRun(demo, 1, 4_000, 4_300)));

        assertThat(report.csv().lines().toList()).containsExactly(
                "variant,baseline,round,warmup,exit_ms,listening_ms,first_query_ms",
                "hello+heapguard,hello,0,true,250.000,,",
                "demo,,1,false,,4000.000,4300.000");
    }

    private static RunSample demoRun(Variant v, int round, long listeningMillis, long firstQueryMillis) {
        EnumMap<Measure, Long> nanos = new EnumMap<>(Measure.class);
        nanos.put(Measure.LISTENING, listeningMillis * MS);
        nanos.put(Measure.FIRST_QUERY, firstQueryMillis * MS);
        return RunSample.of(v.name(), round, false, nanos);
    }
}
