package dev.workshop.cli.render;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Shows long text through a pager, chosen the way git chooses its own. */
public final class Pager {

    private static final String DEFAULT_COMMAND = "less -R";
    private static final int STOP_ATTEMPTS = 20;

    private static final Pager NONE = new Pager(null, Map.of());

    private final String command;
    private final Map<String, String> environment;

    private Pager(String command, Map<String, String> environment) {
        this.command = command;
        this.environment = Map.copyOf(environment);
    }

    /**
     * No pager when standard output is not a terminal, when {@code noPager} is set, or when the pager
     * command is empty or {@code cat}. The command is {@code WORKSHOP_PAGER} if set, else {@code PAGER}
     * if set, else {@code less -R} if {@code less} is on the {@code PATH}.
     */
    public static Pager choose(Map<String, String> env, boolean stdoutIsTerminal, boolean noPager) {
        if (!stdoutIsTerminal || noPager) {
            return NONE;
        }
        String command = Optional.ofNullable(env.get("WORKSHOP_PAGER"))
                .or(() -> Optional.ofNullable(env.get("PAGER")))
                .orElseGet(() -> lessOnPath(env.get("PATH")) ? DEFAULT_COMMAND : "")
                .strip();
        if (command.isEmpty() || command.equals("cat")) {
            return NONE;
        }
        Map<String, String> pagerEnvironment = new LinkedHashMap<>();
        if (!env.containsKey("LESS")) {
            pagerEnvironment.put("LESS", "FRX");
        }
        if (!env.containsKey("LV")) {
            pagerEnvironment.put("LV", "-c");
        }
        return new Pager(command, pagerEnvironment);
    }

    /** The shell command run as pager, empty when text goes straight to the output. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    /** Variables added to the pager's environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Prints {@code text} to {@code fallbackOut} when there is no pager, when it has fewer lines than
     * {@code terminalRows} or when the pager cannot be started; otherwise pipes it to the pager and
     * waits until the user quits it.
     */
    public void show(String text, int terminalRows, PrintWriter fallbackOut) {
        if (command == null || lineCount(text) < terminalRows) {
            print(text, fallbackOut);
            return;
        }
        // The pager writes straight to the terminal: whatever is still buffered must get there first.
        fallbackOut.flush();
        Process pager;
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            pager = builder.start();
        } catch (IOException cannotStart) {
            print(text, fallbackOut);
            return;
        }
        boolean interrupted = false;
        try {
            feed(pager, text);
            pager.waitFor();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            stop(pager);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends the pager if it still runs. Ending sh alone would orphan the pager it started as a child,
     * and sh may start another child once one ends, so children are ended until sh ends by itself.
     */
    private static void stop(Process pager) {
        try {
            for (int attempt = 0; attempt < STOP_ATTEMPTS && pager.isAlive(); attempt++) {
                pager.descendants().forEach(ProcessHandle::destroy);
                pager.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pager.isAlive()) {
            pager.descendants().forEach(ProcessHandle::destroyForcibly);
            pager.destroyForcibly();
        }
    }

    private static void feed(Process pager, String text) {
        try (Writer input = new OutputStreamWriter(pager.getOutputStream(), terminalCharset())) {
            input.write(text);
        } catch (IOException brokenPipe) {
            // The user quit the pager before it read everything: nothing is left to show.
        }
    }

    private static void print(String text, PrintWriter out) {
        out.print(text);
        out.flush();
    }

    private static int lineCount(String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        return text.isEmpty() || text.endsWith("\n") ? lines : lines + 1;
    }

    private static boolean lessOnPath(String path) {
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path less = Path.of(directory, "less");
                if (Files.isRegularFile(less) && Files.isExecutable(less)) {
                    return true;
                }
            } catch (InvalidPathException notAPath) {
                // A malformed PATH entry cannot hold less.
            }
        }
        return false;
    }

    /** The charset of the terminal: since JDK 18 the default charset is UTF-8 whatever the locale says. */
    private static Charset terminalCharset() {
        for (String property : new String[] {"stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }
}
