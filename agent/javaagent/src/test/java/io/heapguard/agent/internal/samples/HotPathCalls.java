package io.heapguard.agent.internal.samples;

import java.util.concurrent.CompletableFuture;

/** What {@code WovenAllocationTest} calls on the woven copy of {@link HotPathSamples}, without reflection. */
public interface HotPathCalls {
    long fixed(int n, int[] data, long k);

    long onePrimitive(int n, int[] data, long k);

    long threeTerms(int n, int[] data, long k);

    long allKinds(boolean flag, byte b, char c, short s, int i, long l, float f, double d, Object o);

    String allKindsFallback(boolean flag, byte b, char c, short s, int i, long l, float f, double d, Object o);

    long property(HotPathSamples.Query query);

    long withFallback(int n, int[] data, long k);

    long withWait(int n, int[] data, long k);

    long estimator(String text, Object other);

    CompletableFuture<Long> completed(int n);
}
