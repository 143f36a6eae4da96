package dev.shelflife.cli;

import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code --format ADAPTER-ID} option every command that reads reports shares, and the reading
 * itself: each report's format detected, or every report read with the adapter the option names.
 *
 * <p>One format for all the REPORT files of a command: the option is for the report that detection
 * cannot decide (two adapters claim it, an {@code AmbiguousReportException}) or decides wrongly,
 * so a command given reports of several formats leaves it out, and gives an ambiguous one to
 * {@code parse --format} first to see how it reads.
 */
final class FormatOption {

    /** The option's name. */
    static final String NAME = "--format";

    /** The option's help lines, for the commands' {@code --help}. */
    static final String HELP = """
              --format ADAPTER-ID  read the reports with this adapter instead of detecting each
                                   one's format: for a report two adapters claim (exit 3 names
                                   them); 'shelflife --version' lists the installed adapters
            """;

    private final ScannerAdapters adapters;
    private final Optional<ScannerAdapter> format;

    private FormatOption(ScannerAdapters adapters, Optional<ScannerAdapter> format) {
        this.adapters = adapters;
        this.format = format;
    }

    /**
     * The installed adapters, and the one {@code --format} names, if given.
     *
     * @param parsed the command's arguments, {@value #NAME} among their options
     * @return the reader of the command's reports
     * @throws UsageException if {@code --format} names no installed adapter
     */
    static FormatOption of(Arguments parsed) {
        ScannerAdapters adapters = ScannerAdapters.load();
        return new FormatOption(adapters, parsed.value(NAME).map(id -> adapter(adapters, id)));
    }

    private static ScannerAdapter adapter(ScannerAdapters adapters, String id) {
        return adapters.find(id)
                .orElseThrow(() -> new UsageException(NAME + " names no installed adapter: \"" + id
                        + "\" (installed: "
                        + adapters.all().stream().map(ScannerAdapter::id).collect(Collectors.joining(", "))
                        + ")"));
    }

    /**
     * Reads a report file given on the command line.
     *
     * @param file the argument
     * @return the report
     * @throws dev.shelflife.ReportParseException if the file is missing, unreadable, of no
     *     format an adapter claims, claimed by two, or malformed
     */
    ScanReport read(String file) {
        return read(ParseCommand.existingFile(file));
    }

    /**
     * Reads a report file.
     *
     * @param file the file
     * @return the report
     * @throws dev.shelflife.ReportParseException if the file is unreadable, of no format an adapter
     *     claims, claimed by two, or malformed
     */
    ScanReport read(Path file) {
        ReportSource source = ReportSource.of(file);
        return format.map(adapter -> adapter.read(source)).orElseGet(() -> adapters.read(source));
    }

    /**
     * Reads report files given on the command line, in order.
     *
     * @param files the arguments
     * @return the reports
     */
    List<ScanReport> read(List<String> files) {
        return files.stream().map(this::read).toList();
    }
}
