package dev.shelflife.cli;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScannerAdapters;
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
    private static final List<Command> COMMANDS = List.of(
            new ParseCommand(),
            new EvaluateCommand(InstantSource.system()),
            new MergeCommand(),
            new DiffCommand(),
            new PlanCommand(InstantSource.system()));

    private static final String DEBUG = "--debug";
    private static final List<String> HELP = List.of("--help", "-h");

    private Main() {}

    /**
     * Runs {@code shelflife} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // UTF-8 whatever the platform default: reports are UTF-8 and so is the JSON output.
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        System.exit(code);
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
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean debug = removeBeforeEndOfOptions(arguments, DEBUG);
        try {
            return dispatch(arguments, out, err).code();
        } catch (ReportParseException e) {
            // The message already says FILE:LINE:COLUMN (POINTER): PROBLEM; the trace helps only us.
            err.println(e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.UNREADABLE_INPUT.code();
        } catch (RuntimeException e) {
            err.println("shelflife: internal error: " + e);
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("run with " + DEBUG + " for the stack trace");
            }
            return ExitCode.INTERNAL_ERROR.code();
        }
    }

    private static ExitCode dispatch(List<String> arguments, PrintStream out, PrintStream err) {
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
                COMMANDS.stream().filter(c -> c.name().equals(first)).findFirst();
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
                        "exit codes: 0 success, 1 failing verdict, 2 usage error, 3 unreadable input, 70 internal error\n")
                .toString();
    }
}
