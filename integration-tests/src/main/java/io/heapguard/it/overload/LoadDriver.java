package io.heapguard.it.overload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drives the demo service with concurrent clients that ramp up per a {@link LoadPlan}, each drawing
 * requests from a {@link RequestMix} and consuming answers per the {@link WorkloadShape}.
 *
 * <p>Once the window ends (or the server dies) no client starts another request; requests in
 * progress get the plan's drain time to finish, so with a long drain every request the clients
 * counted has a definite outcome the server also counted. Requests still running after it are cut
 * off and counted as such, not as errors.
 *
 * <p>A client that gets a 429 or an I/O error waits {@link #REJECTED_BACKOFF_MILLIS} before its
 * next request, as real clients back off; without it, a protection that rejects fast (or a dead
 * service refusing connections) would be flooded by retries that steal the CPU the service and
 * the other clients share.
 */
public final class LoadDriver {

    /** Slow readers need many seconds for a multi-megabyte answer, and a loaded server can stall in GC. */
    public static final int READ_TIMEOUT_MILLIS = 120_000;
    static final long REJECTED_BACKOFF_MILLIS = 100;
    /** Grace for clients to notice they were aborted. */
    private static final long ABORT_GRACE_MILLIS = 10_000;
    /** How often the ramp and the server's liveness are checked. */
    private static final long TICK_MILLIS = 50;
    private static final int MAX_SAMPLE_ERRORS = 5;

    private final int port;
    private final WorkloadShape shape;
    private final RequestMix mix;
    private final LoadPlan plan;
    private final Map<OverloadKind, KindTally> tallies = new EnumMap<>(OverloadKind.class);
    private final List<String> sampleErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    private volatile boolean cuttingOff;

    public LoadDriver(int port, WorkloadShape shape, RequestMix mix, LoadPlan plan) {
        this.port = port;
        this.shape = shape;
        this.mix = mix;
        this.plan = plan;
        for (OverloadKind kind : OverloadKind.values()) {
            tallies.put(kind, new KindTally());
        }
    }

    /** Runs the plan; returns when every client has finished. */
    public LoadResult run(BooleanSupplier serverAlive) throws InterruptedException {
        long start = System.nanoTime();
        List<Client> clients = new ArrayList<>();
        long diedMillis = -1;
        while (true) {
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!serverAlive.getAsBoolean()) {
                diedMillis = elapsedMillis;
                break;
            }
            if (elapsedMillis >= plan.durationMillis()) {
                break;
            }
            long steps = elapsedMillis / plan.stepMillis();
            long wanted = Math.min(plan.maxClients(), plan.startClients() + steps * plan.stepClients());
            while (clients.size() < wanted) {
                Client client = new Client(clients.size());
                clients.add(client);
                client.thread.start();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        }
        stopped = true;
        if (diedMillis >= 0) {
            clients.forEach(c -> c.http.abort()); // nothing will answer them any more
        }
        awaitDrained(clients, plan.drainMillis());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<OverloadKind, KindCounts> perKind = new EnumMap<>(OverloadKind.class);
        tallies.forEach((kind, tally) -> perKind.put(kind, tally.snapshot(kind)));
        return new LoadResult(Map.copyOf(perKind), plan.durationMillis(), elapsedMillis, diedMillis, clients.size(),
                List.copyOf(sampleErrors));
    }

    private void awaitDrained(List<Client> clients, long drainMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        for (Client client : clients) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis > 0) {
                client.thread.join(leftMillis);
            }
        }
        cuttingOff = true;
        for (Client client : clients) {
            if (client.thread.isAlive()) {
                client.http.abort();
                client.thread.join(ABORT_GRACE_MILLIS);
            }
        }
    }

    /** One client: a thread sending one request at a time, each on a new connection. */
    private final class Client implements Runnable {
        final RawHttpClient http = new RawHttpClient("127.0.0.1", port, shape, READ_TIMEOUT_MILLIS, false);
        final Random random;
        final Thread thread;

        Client(int index) {
            // the same seed gives every client the same request sequence, run after run
            this.random = new Random(plan.seed() * 1_000_003L + index);
            this.thread = new Thread(this, "load-client-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopped) {
                HttpRequestSpec request = mix.next(random);
                KindTally tally = tallies.get(request.kind());
                tally.recordSent();
                HttpOutcome outcome = http.exchange(request);
                if (cuttingOff && outcome.error() != null) {
                    tally.recordCutOff(outcome.status() == 200);
                    return;
                }
                tally.record(outcome);
                if (outcome.error() != null && sampleErrors.size() < MAX_SAMPLE_ERRORS) {
                    sampleErrors.add(request.kind().label() + " " + outcome.status() + " " + outcome.error());
                }
                if ((outcome.status() == 429 || outcome.error() != null) && !stopped) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(REJECTED_BACKOFF_MILLIS));
                }
            }
        }
    }
}
