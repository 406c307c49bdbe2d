package io.heapguard.it.normalload;

import java.nio.file.Path;
import java.util.Set;

import io.heapguard.it.overload.OptionValues;
import io.heapguard.it.overload.ServerOptions;

/**
 * Command-line options of {@link NormalLoadMain}, {@code --name=value}: the service's
 * ({@link ServerOptions}), and two clients (well within what two cores serve), 30 s per run, three
 * rounds by default.
 */
record NormalLoadOptions(ServerOptions server, Path outDir, int clients, int loadSeconds, int rounds, long seed) {

    private static final Set<String> KNOWN = ServerOptions.namesWith(Set.of("out-dir", "clients", "load-seconds",
            "rounds", "seed"));

    static NormalLoadOptions parse(String[] args) {
        OptionValues values = OptionValues.parse(args, KNOWN);
        return new NormalLoadOptions(
                ServerOptions.from(values),
                Path.of(values.get("out-dir", "target/normal-load")),
                values.positiveInt("clients", 2),
                values.positiveInt("load-seconds", 30),
                values.positiveInt("rounds", 3),
                Long.parseLong(values.get("seed", "42")));
    }
}
