package dev.shelflife.cli;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code shelflife parse FILE [--output text|json] [--format ADAPTER-ID]}: reads one report with
 * the installed adapters and prints it normalised.
 */
final class ParseCommand implements Command {

    private static final String OUTPUT = "--output";
    private static final String FORMAT = "--format";

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
                  --format ADAPTER-ID  read with this adapter instead of detecting the format;
                                       'shelflife --version' lists the installed adapters
                """;
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
        Path file = existingFile(parsed.positionals().get(0));
        ScannerAdapters adapters = ScannerAdapters.load();
        ReportSource source = ReportSource.of(file);
        ScanReport report = parsed.value(FORMAT)
                .map(id -> adapter(adapters, id).read(source))
                .orElseGet(() -> adapters.read(source));
        if (output == Output.JSON) {
            ReportJson.write(report, out);
        } else {
            ReportText.write(report, out);
        }
        return ExitCode.SUCCESS;
    }

    private static ScannerAdapter adapter(ScannerAdapters adapters, String id) {
        return adapters.find(id)
                .orElseThrow(() -> new UsageException(FORMAT + " names no installed adapter: \"" + id
                        + "\" (installed: "
                        + adapters.all().stream().map(ScannerAdapter::id).collect(Collectors.joining(", "))
                        + ")"));
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
