package io.heapguard.agent.internal.samples;

import java.util.concurrent.atomic.AtomicInteger;

import io.heapguard.MemoryAware;

/** Classes no one annotated (mostly), for configured targets. Public: woven copies live in another loader. */
public final class TargetSamples {

    public static final AtomicInteger BODY_RUNS = new AtomicInteger();

    private TargetSamples() {
    }

    /** A generic interface: an implementation gets a compiler bridge {@code Object load(Object)}. */
    public interface Loader<T> {
        T load(T value);
    }

    public static class StringLoader implements Loader<String> {
        @Override
        public String load(String value) {
            BODY_RUNS.incrementAndGet();
            return value;
        }
    }

    /** Named like a CGLIB subclass: a framework proxy in front of StringLoader. */
    public static class StringLoader$$SpringCGLIB$$0 extends StringLoader {
        @Override
        public String load(String value) {
            return super.load(value);
        }
    }

    public static class Annotated {
        @MemoryAware(operation = "annotated", bytes = 16)
        public long work(long bytes) {
            BODY_RUNS.incrementAndGet();
            return bytes;
        }
    }

    public static class Overloads {
        public long size(long bytes) {
            BODY_RUNS.incrementAndGet();
            return bytes;
        }

        public long size(String text) {
            BODY_RUNS.incrementAndGet();
            return text.length();
        }
    }
}
