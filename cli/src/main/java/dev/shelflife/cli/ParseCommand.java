package dev.shelflife.cli;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code shelflife parse FILE [--output text|json] [--format ADAPTER-ID]}: reads one report with
 * the installed adapters and prints it normalised.
 */
final class ParseCommand implements Command {

    private static final String OUTPUT = "--output";
    private static final String FORMAT = FormatOption.NAME;

    /** How the report is printed. */
    private enum Output {
        TEXT,
        JSON
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String summary() {
        return "read a scanner report and print it normalised";
    }

    @Override
    public String synopsis() {
        return "parse FILE [--output text|json] [--format ADAPTER-ID]";
    }

    @Override
    public String help() {
        return """
                Reads one scanner report, detecting its format, and prints it in the ShelfLife model:
                who scanned what and when, every finding, every problem met on the way, and how the
                raw entries were counted.

                  --output text|json   text (the default): a summary and a table for people;
                                       json: one object for scripts, described in docs/cli.md
                """ + FormatOption.HELP;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(arguments, Set.of(OUTPUT, FORMAT));
        if (parsed.positionals().size() != 1) {
            throw new UsageException(
                    parsed.positionals().isEmpty()
                            ? "missing the report FILE"
                            : "expected one FILE, got " + parsed.positionals().size() + ": "
                                    + String.join(" ", parsed.positionals()));
        }
        Output output = parsed.choice(OUTPUT, Output.class, Output.TEXT);
        ScanReport report = FormatOption.of(parsed).read(parsed.positionals().get(0));
        if (output == Output.JSON) {
            ReportJson.write(report, out);
        } else {
            ReportText.write(report, out);
        }
        return ExitCode.SUCCESS;
    }

    /**
     * The file a command-line argument names, checked to be a readable regular file.
     *
     * @param name the argument
     * @return the file
     * @throws UsageException if the argument is not a file name
     * @throws ReportParseException if the file is missing, not a regular file or not readable
     */
    static Path existingFile(String name) {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageException("not a file name: " + e.getMessage());
        }
        // Checked here so that the message says what is wrong instead of naming an IOException.
        if (!Files.exists(file)) {
            throw new ReportParseException(ReportLocation.of(name), "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ReportParseException(ReportLocation.of(name), "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ReportParseException(ReportLocation.of(name), "not readable");
        }
        return file;
    }
}
