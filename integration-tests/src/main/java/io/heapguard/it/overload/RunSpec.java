package io.heapguard.it.overload;

import java.util.Objects;

/** One run: a protection, a workload shape, a request mix and a load plan against a forked service. */
public record RunSpec(String name, Protection protection, WorkloadShape shape, RequestMix mix, LoadPlan plan,
                      ServerSettings server) {

    public RunSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(server, "server");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run name '" + name + "' must match [A-Za-z0-9._-]+ (it names log files)");
        }
    }
}
