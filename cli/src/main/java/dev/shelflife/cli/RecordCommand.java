package dev.shelflife.cli;

import dev.shelflife.ImageRef;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.Recorded;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code shelflife record REPORT... [--history URL] [--image REF] [--by NAME] [--at INSTANT]
 * [--format ADAPTER-ID]}: records reports in a history store, and says for each whether it was
 * recorded now or already was, under which id and in which lineage.
 *
 * <p>Every report is read before the first is recorded, so that an unreadable file (exit 3)
 * records nothing; each report is then recorded whole or not at all, and recording one twice
 * changes nothing.
 */
final class RecordCommand implements Command {

    private static final String IMAGE = "--image";
    private static final String BY = "--by";
    private static final String AT = "--at";

    private final InstantSource clock;
    private final Map<String, String> environment;

    /**
     * A command that records at the instant {@code --at} gives, or else at the clock's.
     *
     * @param clock read once per run, when {@code --at} is not given
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    RecordCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public String summary() {
        return "record reports in a history, so that the clocks remember them";
    }

    @Override
    public String synopsis() {
        return "record REPORT... [--history URL] [--image REF] [--by NAME] [--at INSTANT] [--format ADAPTER-ID]";
    }

    @Override
    public String help() {
        return """
                Records reports in a history store: scans, SBOMs and VEX documents, each with its
                image, scanner, dates, a content hash and every finding's identity, version and fix.
                The clocks that remember (first-seen, fix-available) then count from the earliest
                scan of the image's lineage (its repository), whatever image or night a later
                evaluation reads. Prints, for each report, whether it was recorded now or already
                was, its id (the content hash) and its lineage. Recording is idempotent: the same
                report twice is kept once.

                  --history URL        the store: a file (an SQLite store, created when missing),
                                       jdbc:sqlite:FILE or jdbc:postgresql://HOST/DATABASE; default:
                                       $SHELFLIFE_HISTORY (docs/history.md)
                  --image REF          the image the reports are about, when they do not say, or say
                                       it without the registry the team pushes to
                  --by NAME            who records them, kept with each report: a CI job's name;
                                       default: shelflife record
                  --at INSTANT         when they are recorded, instead of now: 2025-09-01T06:00:00Z,
                                       or a date, 2025-09-01 (midnight UTC)
                  --format ADAPTER-ID  read every report with this adapter instead of detecting the
                                       format; 'shelflife --version' lists the installed adapters

                exit codes: 0 recorded (or already recorded), 2 a usage error or a wrong history
                store, 3 an unreadable report (nothing is recorded then), 75 the history store
                cannot be used now
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(arguments, Set.of(HistoryOption.NAME, IMAGE, BY, AT, FormatOption.NAME));
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("missing the REPORT files");
        }
        String history = HistoryOption.requireUrl(parsed, environment);
        Optional<ImageRef> image = HistoryOption.image(parsed, IMAGE);
        String by = parsed.value(BY).orElse("shelflife record");
        if (by.isBlank()) {
            throw new UsageException(BY + " needs a name");
        }
        Instant at = parsed.instant(AT, clock);
        List<ImageEvidence.Report> reports = ImageEvidence.read(FormatOption.of(parsed), parsed.positionals());
        List<Recorded> recorded;
        try (HistoryStore store = HistoryOption.open(history)) {
            recorded = Recording.record(store, reports, image, at, by, "give " + IMAGE + " REF");
        }
        for (int i = 0; i < reports.size(); i++) {
            Recorded one = recorded.get(i);
            out.println(ReportText.clean(reports.get(i).file() + ": " + (one.added() ? "recorded" : "already recorded")
                    + " as " + one.id() + " ("
                    + VerdictText.describe(reports.get(i).report()) + "), image "
                    + one.image() + ", lineage " + one.lineage()));
        }
        return ExitCode.SUCCESS;
    }
}
