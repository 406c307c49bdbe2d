package io.heapguard.demo;

import io.heapguard.MemoryGuardException;
import io.heapguard.demo.cli.IndexCommand;
import io.heapguard.demo.cli.LoadCommand;
import io.heapguard.demo.cli.SearchCommand;
import io.heapguard.demo.cli.ServeCommand;
import io.heapguard.demo.search.BadRequestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar heapguard-demo.jar index|search|serve|load ...} */
@Command(name = "heapguard-demo", mixinStandardHelpOptions = true, version = "heapguard-demo 0.1.0",
        description = "A Lucene search service (keyword, fuzzy, vector, hybrid) guarded by @MemoryAware.",
        subcommands = {IndexCommand.class, SearchCommand.class, ServeCommand.class, LoadCommand.class})
public final class DemoMain implements Runnable {

    /** Exit code for input the demo refuses (bad query, bad option value). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when the guard rejects the call. */
    public static final int EXIT_REJECTED = 3;
    /** Exit code for failures (I/O, a broken index that cannot be rebuilt). */
    public static final int EXIT_FAILURE = 1;

    /** Held so the level set on it sticks (java.util.logging keeps loggers weakly). */
    private static final Logger LUCENE_STORE_LOG = Logger.getLogger("org.apache.lucene.store");

    public static void main(String[] args) {
        // Lucene announces its MMap implementation at INFO on JDK 21+: noise on a CLI's stderr
        LUCENE_STORE_LOG.setLevel(Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line error reporting; never prints a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DemoMain());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadRequestException bad) {
                cmd.getErr().println("error: " + bad.field() + ": " + bad.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof MemoryGuardException rejected) {
                cmd.getErr().println("rejected: " + rejected.getMessage());
                return EXIT_REJECTED;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println("error: " + e);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
