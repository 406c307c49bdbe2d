package io.heapguard.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heapguard.GuardStats;
import io.heapguard.Reservation;
import io.heapguard.agent.config.AgentSettings;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;
import sun.misc.Signal;
import sun.misc.SignalHandler;

class StatsPublisherTest {

    private static final long JVM_MAX_HEAP_BYTES = 1L << 30;
    private static final Duration SIGNAL_DUMP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HeapGuard guard;
    private StatsPublisher publisher;

    @BeforeEach
    void startGuard() {
        guard = HeapGuard.start(GuardConfig.builder(JVM_MAX_HEAP_BYTES).build());
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
        guard.close();
        // the invariant after every test: nothing stays reserved
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    private Path statsFile() {
        return dir.resolve("stats.json");
    }

    private StatsPublisher start(String signal, boolean jmx) {
        publisher = StatsPublisher.start(guard, statsFile(), signal, jmx, System.err);
        return publisher;
    }

    @Test
    void start_fromSettings_usesConfiguredFileSignalAndJmx() throws Exception {
        AgentSettings settings = AgentSettings.load("statsFile=" + statsFile() + ",statsSignal=WINCH,jmx=false",
                Map.of("user.dir", dir.toString(), "java.io.tmpdir", dir.toString()), Map.of(), JVM_MAX_HEAP_BYTES);

        publisher = StatsPublisher.start(guard, settings);

        assertThat(publisher.signalInstalled()).isTrue();
        assertThat(publisher.mxBeanRegistered()).isFalse();
        assertThat(publisher.dumpNow()).isEqualTo(statsFile());
    }

    @Test
    void dumpNow_writesCompleteJsonOwnerOnlyAndNoTempFiles() throws Exception {
        try (Reservation ignored = guard.reserve("search", 1L << 20, 0, 0)) {
            Path written = start(null, false).dumpNow();

            assertThat(written).isEqualTo(statsFile());
            JsonNode stats = JSON.readTree(Files.readAllBytes(written));
            assertThat(stats.path("schema").asInt()).isEqualTo(1);
            assertThat(stats.path("totals").path("inFlight").asLong()).isEqualTo(1);
            assertThat(stats.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(Files.getPosixFilePermissions(written)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(statsFile());
        }
    }

    @Test
    void appendMember_dumpCarriesItAsATopLevelMember_nullAddsNothing() throws Exception {
        StatsPublisher started = start(null, false)
                .appendMember(() -> "\"targets\":{\"t\":{\"matchedMethods\":0}}")
                .appendMember(() -> null);

        JsonNode stats = JSON.readTree(Files.readAllBytes(started.dumpNow()));

        assertThat(stats.path("targets").path("t").path("matchedMethods").isInt()).as(stats.toString()).isTrue();
        assertThat(stats.path("totals").isObject()).isTrue();
    }

    @Test
    void dumpNow_replacesForeignReadableFileWithOwnerOnlyOne() throws Exception {
        Files.writeString(statsFile(), "old");
        Files.setPosixFilePermissions(statsFile(), PosixFilePermissions.fromString("rw-r--r--"));

        start(null, false).dumpNow();

        assertThat(Files.getPosixFilePermissions(statsFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(statsFile())).startsWith("{");
    }

    @Test
    void dumpNow_whileReaderPolls_readerNeverSeesPartialFile() throws Exception {
        StatsPublisher started = start(null, false);
        started.dumpNow();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger completeReads = new AtomicInteger();
        AtomicInteger partialReads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    JSON.readTree(Files.readAllBytes(statsFile()));
                    completeReads.incrementAndGet();
                } catch (NoSuchFileException e) {
                    partialReads.incrementAndGet(); // the target must never disappear either
                } catch (IOException e) {
                    partialReads.incrementAndGet();
                }
            }
        });
        reader.start();

        for (int i = 0; i < 300; i++) {
            started.dumpNow();
        }
        await().atMost(SIGNAL_DUMP_TIMEOUT).until(() -> completeReads.get() > 0);
        writing.set(false);
        reader.join();

        assertThat(partialReads).hasValue(0);
    }

    @Test
    void dumpNow_toStandardError_writesOneJsonLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        publisher = StatsPublisher.start(guard, null, null, false, new PrintStream(captured, true, StandardCharsets.UTF_8));

        assertThat(publisher.dumpNow()).isNull();

        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").hasLineCount(1);
        assertThat(JSON.readTree(text).path("schema").asInt()).isEqualTo(1);
    }

    @Test
    void signal_raisedInProcess_writesStatsFile() {
        assertThat(start("WINCH", false).signalInstalled()).isTrue();

        Signal.raise(new Signal("WINCH"));

        // the handler writes on its own thread: until it has, there is no file (and Awaitility does not
        // retry on exceptions other than assertion failures unless told to)
        await().atMost(SIGNAL_DUMP_TIMEOUT).ignoreException(NoSuchFileException.class).untilAsserted(() ->
                assertThat(JSON.readTree(Files.readAllBytes(statsFile())).path("schema").asInt()).isEqualTo(1));
    }

    @Test
    void signal_usr1_writesStatsFile() {
        // raise only once our handler is in place: SIGUSR1's default action would end the test JVM
        assertThat(start("USR1", false).signalInstalled()).isTrue();

        Signal.raise(new Signal("USR1"));

        await().atMost(SIGNAL_DUMP_TIMEOUT).until(() -> Files.exists(statsFile()));
    }

    @Test
    void signal_applicationHandlerBefore_isChainedAndRestoredOnClose() {
        Signal winch = new Signal("WINCH");
        AtomicInteger applicationCalls = new AtomicInteger();
        SignalHandler application = signal -> applicationCalls.incrementAndGet();
        SignalHandler original = Signal.handle(winch, application);
        try {
            start("WINCH", false);
            Signal.raise(winch);
            await().atMost(SIGNAL_DUMP_TIMEOUT).until(() -> Files.exists(statsFile()) && applicationCalls.get() == 1);

            publisher.close();
            publisher = null;

            assertThat(Signal.handle(winch, original)).isSameAs(application);
        } finally {
            Signal.handle(winch, original);
        }
    }

    @Test
    void signal_refusedByJvm_countedNotThrown() {
        long errorsBefore = guard.stats().internalErrors();

        StatsPublisher started = start("QUIT", false);

        assertThat(started.signalInstalled()).isFalse();
        assertThat(guard.stats().internalErrors()).isEqualTo(errorsBefore + 1);
    }

    @Test
    void signal_dumpFails_countedAsInternalError() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        publisher = StatsPublisher.start(guard, gone.resolve("stats.json"), "WINCH", false, System.err);
        Files.delete(gone);
        long errorsBefore = guard.stats().internalErrors();

        Signal.raise(new Signal("WINCH"));

        await().atMost(SIGNAL_DUMP_TIMEOUT).until(() -> guard.stats().internalErrors() == errorsBefore + 1);
    }

    @Test
    void mxBean_attributesEqualCoreStats() throws Exception {
        start(null, true);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(StatsPublisher.OBJECT_NAME);

        try (Reservation first = guard.reserve("search", 2L << 20, 0, 0);
             Reservation second = guard.reserve("export", 3L << 20, 0, 0)) {
            GuardStats stats = guard.stats();

            assertThat(server.getAttribute(name, "Admitted")).isEqualTo(stats.admitted()).isEqualTo(2L);
            assertThat(server.getAttribute(name, "InFlight")).isEqualTo(stats.inFlight()).isEqualTo(2L);
            assertThat(server.getAttribute(name, "ReservedBytes")).isEqualTo(stats.reservedBytes()).isEqualTo(5L << 20);
            assertThat(server.getAttribute(name, "Rejected")).isEqualTo(stats.rejected());
            assertThat(server.getAttribute(name, "Leaks")).isEqualTo(stats.leaks());
            assertThat(server.getAttribute(name, "InternalErrors")).isEqualTo(stats.internalErrors());
            assertThat(server.getAttribute(name, "Pressure")).isEqualTo(stats.pressure());
            assertThat(server.getAttribute(name, "Budget")).isEqualTo(guard.config().maxHeapBytes());
            assertThat(server.getAttribute(name, "LiveHeapAfterGc")).isEqualTo(guard.snapshot().memory().liveAfterGc());
            JsonNode json = JSON.readTree((String) server.getAttribute(name, "StatsJson"));
            assertThat(json.path("totals").path("reservedBytes").asLong()).isEqualTo(5L << 20);
        }
    }

    @Test
    void mxBean_dumpStatsOperation_writesFileAndReturnsPath() throws Exception {
        start(null, true);

        Object path = ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName(StatsPublisher.OBJECT_NAME), "dumpStats", new Object[0], new String[0]);

        assertThat(path).isEqualTo(statsFile().toString());
        assertThat(JSON.readTree(Files.readAllBytes(statsFile())).path("schema").asInt()).isEqualTo(1);
    }

    @Test
    void mxBean_nameTaken_countedNotThrown_andFirstKeepsWorking() throws Exception {
        start(null, true);
        long errorsBefore = guard.stats().internalErrors();

        try (StatsPublisher second = StatsPublisher.start(guard, statsFile(), null, true, System.err)) {
            assertThat(second.mxBeanRegistered()).isFalse();
            assertThat(guard.stats().internalErrors()).isEqualTo(errorsBefore + 1);
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(StatsPublisher.OBJECT_NAME)))
                .isTrue();
    }

    @Test
    void close_unregistersMxBean() throws Exception {
        start(null, true).close();
        publisher = null;

        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(StatsPublisher.OBJECT_NAME)))
                .isFalse();
    }

    @Test
    void jmxDelay_registersLaterOnItsOwnThread_andStartsTheGuardOnlyThen() throws Exception {
        AtomicInteger guardRequests = new AtomicInteger();
        publisher = StatsPublisher.start(() -> {
            guardRequests.incrementAndGet();
            return guard;
        }, statsFile(), "WINCH", true, Duration.ofMillis(300), System.err);

        // the handler is installed and nothing has asked for the guard yet
        assertThat(publisher.signalInstalled()).isTrue();
        assertThat(guardRequests.get()).isZero();
        await().atMost(SIGNAL_DUMP_TIMEOUT).until(publisher::mxBeanRegistered);
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(StatsPublisher.OBJECT_NAME)))
                .isTrue();
        assertThat(guardRequests.get()).isEqualTo(1);
    }

    @Test
    void close_beforeJmxDelay_neverRegisters() throws Exception {
        StatsPublisher started = StatsPublisher.start(() -> guard, statsFile(), null, true, Duration.ofMillis(200),
                System.err);
        started.close();

        Thread.sleep(600);
        assertThat(started.mxBeanRegistered()).isFalse();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(StatsPublisher.OBJECT_NAME)))
                .isFalse();
    }
}
