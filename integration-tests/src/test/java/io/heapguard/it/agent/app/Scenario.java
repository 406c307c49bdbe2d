package io.heapguard.it.agent.app;

import java.util.concurrent.Callable;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;

/**
 * Runs one call and prints one machine-readable line the integration test parses:
 * {@code RESULT <name> outcome=admitted|rejected|failed [reason=..] bodyRan=true|false [value=..]}.
 */
final class Scenario {

    private Scenario() {
    }

    static void run(String name, Callable<?> call) {
        int before = BodyRuns.count();
        String outcome;
        try {
            Object value = call.call();
            outcome = "outcome=admitted value=" + String.valueOf(value).replace(' ', '_');
        } catch (MemoryGuardException e) {
            outcome = "outcome=rejected reason=" + e.reason() + " operation=" + e.operation();
        } catch (Exception e) {
            outcome = "outcome=failed error=" + e.getClass().getName();
        }
        print(name, outcome + " bodyRan=" + (BodyRuns.count() > before));
    }

    static void print(String name, String fields) {
        System.out.println("RESULT " + name + " " + fields);
    }

    /** Current totals, as {@code admitted=.. rejected=.. inFlight=.. reservedBytes=.. internalErrors=..}. */
    static String totals() {
        GuardStats stats = MemoryGuard.stats();
        return "active=" + stats.active() + " admitted=" + stats.admitted() + " rejected=" + stats.rejected()
                + " inFlight=" + stats.inFlight() + " reservedBytes=" + stats.reservedBytes()
                + " internalErrors=" + stats.internalErrors();
    }
}
