/**
 * The guard core: configuration ({@link io.heapguard.core.GuardConfig}), atomic admission against
 * per-call, per-operation and overall limits ({@link io.heapguard.core.HeapGuard}), the memory
 * signal (live heap after GC plus reservations), pressure levels, cleanup hooks, leak tracking and
 * statistics. Plain Java; see {@link io.heapguard.core.HeapGuard} for the invariants.
 *
 * <p>Public: {@code GuardConfig}, {@code ConfigException}, {@code HeapGuard},
 * {@code OperationHandle}, {@code Pressure}, {@code CleanupHook} and the stats model in
 * {@code io.heapguard.core.stats}. Everything else is package-private.
 */
package io.heapguard.core;
