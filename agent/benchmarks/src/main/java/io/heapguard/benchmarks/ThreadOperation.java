package io.heapguard.benchmarks;

import io.heapguard.core.OperationHandle;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/** An operation of the benchmark thread's own ({@code benchDistinct<threadIndex>}), resolved once. */
@State(Scope.Thread)
public class ThreadOperation {

    OperationHandle op;

    @Setup(Level.Trial)
    public void resolve(GuardFixture fixture, ThreadParams thread) {
        resolve(fixture, thread.getThreadIndex());
    }

    void resolve(GuardFixture fixture, int threadIndex) {
        op = fixture.guard.operation(GuardFixture.DISTINCT_OP_PREFIX + threadIndex);
    }
}
