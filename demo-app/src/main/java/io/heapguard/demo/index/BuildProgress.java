package io.heapguard.demo.index;

/**
 * Told, on the build thread, after each chunk of documents is embedded and added. It may throw to
 * stop the build (the server closing); a slow one slows the build, which tests use to hold a build
 * at a known point.
 */
@FunctionalInterface
public interface BuildProgress {

    BuildProgress NONE = (done, total) -> { };

    void indexed(long done, long total);

    default BuildProgress andThen(BuildProgress next) {
        return (done, total) -> {
            indexed(done, total);
            next.indexed(done, total);
        };
    }
}
