package io.heapguard.agent.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code statsFile} setting: validated at start-up (the directory must exist), with
 * {@link AgentSettings#PID_PLACEHOLDER} replaced only when the path is first needed, because the
 * first {@code ProcessHandle.current()} costs tens of milliseconds that start-up should not pay.
 */
final class StatsFileLocation {

    /** Absolute, normalised, placeholder still in it; null for standard error. */
    private final Path template;
    private volatile Path resolved;

    private StatsFileLocation(Path template) {
        this.template = template;
    }

    static StatsFileLocation standardError() {
        return new StatsFileLocation(null);
    }

    static StatsFileLocation parse(Setting setting, Path workingDirectory) {
        String value = setting.value();
        if (value.equals(AgentSettings.STATS_TO_STDERR)) {
            return standardError();
        }
        if (value.isEmpty()) {
            throw SourcedConfigException.invalidValue(setting.key(), value,
                    "expected a file path or - for standard error", setting.origin());
        }
        Path template;
        try {
            template = workingDirectory.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SourcedConfigException.invalidValue(setting.key(), value,
                    "expected a file path or - for standard error: " + e.getReason(), setting.origin());
        }
        Path directory = template.getParent();
        if (directory != null && directory.toString().contains(AgentSettings.PID_PLACEHOLDER)) {
            directory = withPid(directory); // rare: pay for the pid now to check the real directory
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw SourcedConfigException.invalidValue(setting.key(), value,
                    "expected a file in an existing directory, but " + directory + " is not a directory",
                    setting.origin());
        }
        if (!Files.isWritable(directory)) {
            // said now, once, rather than as a failed dump when an operator first asks for the stats
            throw SourcedConfigException.invalidValue(setting.key(), value,
                    "expected a file in a directory this process can write, but " + directory + " is not writable",
                    setting.origin());
        }
        if (Files.isDirectory(template)) {
            throw SourcedConfigException.invalidValue(setting.key(), value,
                    "expected a file path, but " + template + " is a directory", setting.origin());
        }
        return new StatsFileLocation(template);
    }

    /** The file, or null for standard error. */
    Path path() {
        if (template == null) {
            return null;
        }
        Path path = resolved;
        if (path == null) {
            path = withPid(template);
            resolved = path;
        }
        return path;
    }

    private static Path withPid(Path path) {
        String text = path.toString();
        if (!text.contains(AgentSettings.PID_PLACEHOLDER)) {
            return path;
        }
        return Path.of(text.replace(AgentSettings.PID_PLACEHOLDER, Long.toString(ProcessHandle.current().pid())));
    }
}
