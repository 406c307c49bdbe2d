package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A response body reaches the client whole, without the server copying it into a buffer of twice its size. */
class ResponderTest {

    private static final int BODY_BYTES = 2 * 1024 * 1024;
    private static final int WARMUP_EXCHANGES = 2;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void send_largeBody_arrivesWholeAndAllocatesLittle() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream(BODY_BYTES);
        for (int i = 0; i < BODY_BYTES; i++) {
            body.write('a' + i % 26);
        }
        AtomicLong allocatedBySend = new AtomicLong(-1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/big", exchange -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            new Responder(exchange).send(200, body);
            allocatedBySend.set(THREADS.getCurrentThreadAllocatedBytes() - before);
        });
        server.start();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big")).build();
        HttpResponse<byte[]> response = null;
        // the first exchanges load and link the server's classes: measure a later one, on a new
        // connection (a client each), since the server keeps a connection's grown buffer
        for (int i = 0; i < WARMUP_EXCHANGES + 1; i++) {
            allocatedBySend.set(-1);
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            // the client may have every byte before the handler thread records its count
            await().until(() -> allocatedBySend.get() >= 0);
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(response.body(), body.toByteArray())).as("body arrived unchanged").isTrue();
        // written at once, the JDK server would copy the body into a new buffer of twice its size
        assertThat(allocatedBySend.get()).isLessThan(BODY_BYTES / 8);
    }

    @Test
    void slicedWrites_passLargeWritesOnInSlices() throws IOException {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream recorder = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
                received.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(length);
                received.write(bytes, offset, length);
            }
        };
        byte[] data = new byte[3 * SlicedWrites.SLICE_BYTES + 5];
        Arrays.fill(data, (byte) 7);
        data[data.length - 1] = 9;

        new SlicedWrites(recorder).write(data, 0, data.length);

        assertThat(writes).containsExactly(SlicedWrites.SLICE_BYTES, SlicedWrites.SLICE_BYTES, SlicedWrites.SLICE_BYTES, 5);
        assertThat(received.toByteArray()).isEqualTo(data);
    }
}
