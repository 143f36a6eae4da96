package dev.shelflife.cli;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.history.HistoryException;
import dev.shelflife.spi.ScannerAdapter;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code shelflife} command: {@code shelflife [--debug] COMMAND [ARGUMENTS]}.
 *
 * <p>Dispatches to the {@link Command} named by the first argument and maps what goes wrong to
 * the exit codes of {@link ExitCode}: usage errors print the command's usage, unreadable input
 * prints the located message, and stack traces appear only with {@code --debug}.
 *
 * @since 0.1
 */
public final class Main {

    /** Every command, in the order {@code --help} lists them: add a new one here. */
    static final List<Command> COMMANDS = List.of(
            new ParseCommand(),
            new EvaluateCommand(InstantSource.system(), System.getenv()),
            new MergeCommand(InstantSource.system(), System.getenv()),
            new DiffCommand(InstantSource.system(), System.getenv()),
            new PlanCommand(InstantSource.system(), System.getenv()),
            new RecordCommand(InstantSource.system(), System.getenv()),
            new HistoryCommand(InstantSource.system(), System.getenv()));

    private static final String DEBUG = "--debug";
    private static final List<String> HELP = List.of("--help", "-h");

    private Main() {}

    /**
     * Runs {@code shelflife} and exits with its exit code.
     *
     * <p>It never exits with 1 for anything but the answer "no": whatever is thrown, an
     * {@link Error} too, ends in one line on standard error and exit code 70 (or 74 when the
     * result could not be written), not in a stack trace and the virtual machine's exit code 1.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = ExitCode.INTERNAL_ERROR.code();
        try {
            Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
            code = execute(COMMANDS, args);
        } finally {
            // Also when an Error escapes while one is reported: the code is then still 70.
            System.exit(code);
        }
    }

    /**
     * Runs {@code shelflife} on the process's standard streams, as {@link #main} does, without
     * exiting: the seam through which tests run {@code main} with commands of their own in a
     * separate process.
     *
     * @param commands the commands
     * @param args the command line
     * @return the exit code
     */
    static int execute(List<Command> commands, String[] args) {
        // UTF-8 whatever the platform default: reports are UTF-8 and so is the JSON output.
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return run(commands, args, out, err);
    }

    /** A thread other than main died: one line, never the process's exit code. */
    private static void uncaught(Thread thread, Throwable e) {
        System.err.println("shelflife: internal error in thread " + thread.getName() + ": " + e);
    }

    /**
     * Runs {@code shelflife} without exiting, for tests and embedding.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(COMMANDS, args, out, err);
    }

    /**
     * Runs {@code shelflife} with a list of commands: what {@link #run(String[], PrintStream,
     * PrintStream)} does, with a seam for tests.
     *
     * <p>Standard output is flushed at the end, and checked: a {@link PrintStream} swallows the
     * failure to write, so without the check a full disk or a closed pipe would lose the result
     * silently, with exit code 0.
     *
     * @param commands the commands
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(List<Command> commands, String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean debug = removeBeforeEndOfOptions(arguments, DEBUG);
        int code = runCaught(commands, arguments, debug, out, err);
        out.flush();
        if (out.checkError() && (code == ExitCode.SUCCESS.code() || code == ExitCode.VERDICT_FAILED.code())) {
            err.println("shelflife: cannot write the result to standard output (a full disk or a closed pipe?):"
                    + " what was written is incomplete");
            return ExitCode.WRITE_FAILED.code();
        }
        return code;
    }

    private static int runCaught(
            List<Command> commands, List<String> arguments, boolean debug, PrintStream out, PrintStream err) {
        try {
            return dispatch(commands, arguments, out, err).code();
        } catch (ReportParseException e) {
            // The message already says FILE:LINE:COLUMN (POINTER): PROBLEM; the trace helps only us.
            err.println(e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.UNREADABLE_INPUT.code();
        } catch (RuntimeException e) {
            return internalError(err, debug, e, "internal error: " + e);
        } catch (OutOfMemoryError e) {
            return internalError(
                    err,
                    debug,
                    e,
                    "out of memory (" + e.getMessage() + "): give Java more with -Xmx, such as"
                            + " SHELFLIFE_JAVA_OPTS=-Xmx4g for the launcher or java -Xmx4g -jar …");
        } catch (StackOverflowError e) {
            return internalError(
                    err,
                    debug,
                    e,
                    "out of stack: give Java a larger thread stack with -Xss, such as"
                            + " SHELFLIFE_JAVA_OPTS=-Xss16m for the launcher or java -Xss16m -jar …");
        } catch (Error e) {
            // A broken installation (a missing class, a bad service file) or a bug: never exit code 1.
            return internalError(err, debug, e, "internal error: " + e);
        }
    }

    private static int internalError(PrintStream err, boolean debug, Throwable e, String message) {
        err.println("shelflife: " + message);
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("run with " + DEBUG + " for the stack trace");
        }
        return ExitCode.INTERNAL_ERROR.code();
    }

    private static ExitCode dispatch(List<Command> commands, List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.isEmpty()) {
            err.print(usage());
            return ExitCode.USAGE;
        }
        String first = arguments.get(0);
        if (HELP.contains(first)) {
            out.print(usage());
            return ExitCode.SUCCESS;
        }
        if (first.equals("--version")) {
            out.println("shelflife " + version());
            out.println("adapters: "
                    + ScannerAdapters.load().all().stream()
                            .map(ScannerAdapter::id)
                            .collect(Collectors.joining(", ")));
            return ExitCode.SUCCESS;
        }
        Optional<Command> found =
                commands.stream().filter(c -> c.name().equals(first)).findFirst();
        if (found.isEmpty()) {
            err.println("shelflife: " + (Arguments.isOption(first) ? "unknown option " : "unknown command ") + first);
            err.print(usage());
            return ExitCode.USAGE;
        }
        Command command = found.get();
        List<String> rest = new ArrayList<>(arguments.subList(1, arguments.size()));
        if (HELP.stream().anyMatch(help -> removeBeforeEndOfOptions(rest, help))) {
            out.print("usage: shelflife " + command.synopsis() + "\n\n" + command.help());
            return ExitCode.SUCCESS;
        }
        try {
            return command.run(List.copyOf(rest), out, err);
        } catch (UsageException e) {
            err.println("shelflife " + command.name() + ": " + e.getMessage());
            err.println("usage: shelflife " + command.synopsis());
            err.println("run 'shelflife " + command.name() + " --help' for more");
            return ExitCode.USAGE;
        } catch (NothingRecordedException e) {
            err.println("shelflife " + command.name() + ": " + e.getMessage());
            return ExitCode.UNREADABLE_INPUT;
        } catch (HistoryException e) {
            // Nothing was printed on standard output: every command is done with its store before it writes.
            err.println("shelflife " + command.name() + ": history: " + e.getMessage());
            return HistoryOption.exitCode(e.reason());
        }
    }

    private static boolean removeBeforeEndOfOptions(List<String> arguments, String option) {
        int end = arguments.indexOf("--");
        List<String> options = end < 0 ? arguments : arguments.subList(0, end);
        return options.removeIf(option::equals);
    }

    /**
     * The version of ShelfLife, as the build wrote it into {@code shelflife.properties}.
     *
     * @return for example {@code 0.1.0-SNAPSHOT}
     */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("shelflife.properties")) {
            if (in == null) {
                throw new IllegalStateException("shelflife.properties is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String usage() {
        StringBuilder text = new StringBuilder()
                .append("usage: shelflife [--debug] COMMAND [ARGUMENTS]\n")
                .append("       shelflife --help | --version\n\n")
                .append("Reads container image scanner reports (Trivy, Grype, Snyk, CycloneDX) into one model\n")
                .append("and evaluates stage-aware policies over them.\n\n")
                .append("commands:\n");
        for (Command command : COMMANDS) {
            text.append(String.format("  %-10s %s\n", command.name(), command.summary()));
        }
        return text.append("\noptions:\n")
                .append("  --debug    print the stack trace of an error\n")
                .append("  --help     print this help; 'shelflife COMMAND --help' prints a command's\n")
                .append("  --version  print the version and the installed scanner adapters\n\n")
                .append(
                        "exit codes: 0 success, 1 failing verdict, 2 usage error, 3 unreadable input, 70 internal error,\n"
                                + "            74 the result could not be written, 75 the history store cannot be used now\n")
                .toString();
    }
}
