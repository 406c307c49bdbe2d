package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.heapguard.agent.internal.samples.GuardedSamples;

class AnnotationGateTest {

    /** The warm-up builds the weaver; a class that loads meanwhile on that thread must not build a second one. */
    @Test
    void assembleWeaver_classToWeaveLoadsWhileBuilding_factoryRunsOnce() throws IOException {
        byte[] annotated = classFile(GuardedSamples.class);
        AtomicInteger builds = new AtomicInteger();
        AnnotationGate[] gate = new AnnotationGate[1];
        Supplier<ClassWeaver> factory = () -> {
            builds.incrementAndGet();
            byte[] nested = gate[0].transform(null, getClass().getClassLoader(), "io/heapguard/agent/internal/samples/GuardedSamples",
                    null, null, annotated);
            assertThat(nested).as("not woven while the weaver is built").isNull();
            return null;
        };
        gate[0] = new AnnotationGate(null, new ClassLoader() { }, factory); // the agent loader: not the test's

        gate[0].assembleWeaver();

        assertThat(builds).hasValue(1);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
