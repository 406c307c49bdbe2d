package io.heapguard.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;

/**
 * The MXBean goes into the platform MBean server only: reachable by local attach (jconsole on the
 * same host, as the same user), never from the network. Registering it must open no listening
 * socket and set none of the {@code com.sun.management.jmxremote} properties that would.
 */
@EnabledOnOs(OS.LINUX)
class JmxLocalOnlyTest {

    private static final String TCP_LISTEN = "0A";

    @TempDir
    Path dir;

    @Test
    void registerMXBean_opensNoListeningSocketAndNoRemoteConnector() throws Exception {
        ManagementFactory.getPlatformMBeanServer(); // the platform server itself, before the baseline
        Set<Long> listeningBefore = listeningSocketsOfThisProcess();
        try (HeapGuard guard = HeapGuard.start(GuardConfig.builder(1L << 30).build());
             StatsPublisher publisher = StatsPublisher.start(guard, dir.resolve("stats.json"), null, true, System.err)) {
            assertThat(publisher.mxBeanRegistered()).isTrue();
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(StatsPublisher.OBJECT_NAME)))
                    .isTrue();

            assertThat(listeningSocketsOfThisProcess()).isEqualTo(listeningBefore);
            assertThat(System.getProperties().stringPropertyNames())
                    .noneMatch(name -> name.startsWith("com.sun.management.jmxremote"));
            assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("*:type=JMXConnectorServer,*"), null))
                    .isEmpty();
        }
    }

    /** Socket inodes this process holds that are in LISTEN state (TCP over IPv4 or IPv6). */
    private static Set<Long> listeningSocketsOfThisProcess() throws IOException {
        Set<Long> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path); // once: sockets come and go between two reads
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(TCP_LISTEN)) {
                    listening.add(Long.parseLong(fields[9]));
                }
            }
        }
        Set<Long> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        long inode = Long.parseLong(link.substring(8, link.length() - 1));
                        if (listening.contains(inode)) {
                            ours.add(inode);
                        }
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed between the listing and the read
                }
            }
        }
        return ours;
    }
}
