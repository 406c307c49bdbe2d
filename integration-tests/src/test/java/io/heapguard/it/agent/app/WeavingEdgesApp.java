package io.heapguard.it.agent.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;

/**
 * The weaving edge cases of issue 10, one RESULT line each: bridges counted once, a return type the
 * loader cannot find, a method too large to weave beside guarded siblings, an estimate that reads a
 * guarded accessor, and shapes that already worked. Each line carries what the call changed in the
 * totals ({@code admittedDelta}, {@code internalErrorsDelta}).
 */
public final class WeavingEdgesApp {

    /** Small per-operation limits make double counting visible as a rejection. */
    public static final String AGENT_OPTIONS = "maxHeap=512m,maxPerCall=64m"
            + ",operations.edgeBridge.maxInFlight=6k,operations.edgeCovariant.maxInFlight=6k"
            + ",operations.edgeEstimate.maxPerCall=4m";
    public static final String HEAP = "1g";
    /** Set by the test to the folder holding the generated {@code generated.BigEdge}; absent: scenario skipped. */
    public static final String BIG_EDGE_PROPERTY = "edges.bigEdge";
    public static final String BIG_EDGE_CLASS = "generated.BigEdge";

    static final long CALL_BYTES = 4096;
    static final long TOO_LARGE = 1L << 40;
    private static final long MIB = 1024 * 1024;
    private static final long STATE_TIMEOUT_MILLIS = 60_000;

    private WeavingEdgesApp() {
    }

    public static void main(String[] args) throws Exception {
        bridges();
        accessorEstimate();
        missingTypes();
        bigMethod();
        alreadyWorking();
        Scenario.print("end", Scenario.totals());
        System.out.println("DONE");
    }

    private static void bridges() {
        EdgeShapes.Fn<String> fn = new EdgeShapes.Upper();
        counted("bridge.generic", () -> fn.apply("a", CALL_BYTES));
        EdgeShapes.Base base = new EdgeShapes.Derived();
        counted("bridge.covariant", () -> base.make(CALL_BYTES));
    }

    private static void accessorEstimate() {
        counted("estimate.accessorAdmitted", () -> EdgeShapes.weigh(new EdgeShapes.Sized(MIB), 1024));
        counted("estimate.accessorRejected", () -> EdgeShapes.weigh(new EdgeShapes.Sized(8 * MIB), 0));
        counted("estimate.accessorDirect", () -> new EdgeShapes.Sized(7).weight());
    }

    private static void missingTypes() throws Exception {
        HiddenCalls hidden = new HidingLoader().newOptionalDependency();
        counted("missing.optional", hidden::optional);
        counted("missing.sibling", hidden::sibling);
        CompletableFuture<String>[] started = new CompletableFuture[1];
        counted("missing.lateStage", () -> {
            started[0] = hidden.start();
            return started[0].getClass().getSimpleName();
        });
        Scenario.print("missing.lateStagePending", Scenario.totals());
        started[0].complete("done");
        awaitState(() -> MemoryGuard.stats().inFlight() == 0);
        Scenario.print("missing.lateStageCompleted", Scenario.totals());
    }

    private static void bigMethod() throws Exception {
        if (System.getProperty(BIG_EDGE_PROPERTY) == null) {
            Scenario.print("big.skipped", "reason=no_" + BIG_EDGE_PROPERTY);
            return;
        }
        Class<?> big = Class.forName(BIG_EDGE_CLASS);
        Method edge = big.getMethod("edge", long.class, int.class);
        Method small = big.getMethod("small", long.class);
        Method fixed = big.getMethod("fixed");
        counted("big.edge", () -> invoke(edge, TOO_LARGE, 2));
        counted("big.smallAdmitted", () -> invoke(small, CALL_BYTES));
        counted("big.smallRejected", () -> invoke(small, TOO_LARGE));
        counted("big.fixedRejected", () -> invoke(fixed));
    }

    private static void alreadyWorking() {
        counted("working.synchronized.small", () -> new EdgeShapes.Locked().locked(CALL_BYTES));
        counted("working.synchronized.large", () -> new EdgeShapes.Locked().locked(TOO_LARGE));
        counted("working.enum.small", () -> EdgeShapes.Mode.ONLY.run(CALL_BYTES));
        counted("working.enum.large", () -> EdgeShapes.Mode.ONLY.run(TOO_LARGE));
        counted("working.interfaceStatic.small", () -> EdgeShapes.Api.viaInterface(CALL_BYTES));
        counted("working.interfaceStatic.large", () -> EdgeShapes.Api.viaInterface(TOO_LARGE));
        counted("working.tryFinally.small", () -> (long) EdgeShapes.tryFinally(CALL_BYTES));
        counted("working.tryFinally.large", () -> (long) EdgeShapes.tryFinally(TOO_LARGE));
        counted("working.lambda.small", () -> EdgeShapes.withLambda(List.of("a"), CALL_BYTES));
        counted("working.lambda.large", () -> EdgeShapes.withLambda(List.of("a", "b"), TOO_LARGE));
    }

    private static Object invoke(Method method, Object... args) throws Exception {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Runs one call and prints its outcome with what it changed in the totals:
     * {@code outcome=.. [reason=.. requested=..] value=.. admittedDelta=.. internalErrorsDelta=..}.
     */
    static void counted(String name, Callable<?> call) {
        GuardStats before = MemoryGuard.stats();
        String outcome;
        try {
            outcome = "outcome=admitted value=" + String.valueOf(call.call()).replace(' ', '_');
        } catch (MemoryGuardException e) {
            outcome = "outcome=rejected reason=" + e.reason() + " operation=" + e.operation()
                    + " requested=" + e.requestedBytes();
        } catch (Exception e) {
            outcome = "outcome=failed error=" + e.getClass().getName();
        }
        GuardStats after = MemoryGuard.stats();
        Scenario.print(name, outcome + " admittedDelta=" + (after.admitted() - before.admitted())
                + " internalErrorsDelta=" + (after.internalErrors() - before.internalErrors())
                + " inFlightAfter=" + after.inFlight() + " reservedAfter=" + after.reservedBytes());
    }

    private static void awaitState(BooleanSupplier state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATE_TIMEOUT_MILLIS);
        while (!state.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
