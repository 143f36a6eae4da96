package dev.shelflife.cli;

import dev.shelflife.feed.EpssScores;
import dev.shelflife.feed.Feeds;
import dev.shelflife.feed.KevCatalog;
import java.util.Optional;

/**
 * The {@code --kev FILE} and {@code --epss FILE} options of the commands that judge findings:
 * the CISA KEV catalog and a day's EPSS scores, read before any report and applied to the
 * findings, so that the {@code kev} and {@code epss} rules have what they judge.
 *
 * <p>A feed that cannot be read is unreadable evidence (exit 3), like a report.
 */
final class FeedOptions {

    /** The option naming the KEV catalog. */
    static final String KEV = "--kev";

    /** The option naming the EPSS scores. */
    static final String EPSS = "--epss";

    /** Their help lines, for the commands' {@code --help}. */
    static final String HELP = """
              --kev FILE           the CISA KEV catalog (JSON), applied to the findings, for the
                                   kev rule
              --epss FILE          FIRST's EPSS scores of a day (CSV, plain or .gz), applied to
                                   the findings, for the epss rule
            """;

    private FeedOptions() {}

    /**
     * The feeds the command line names, read.
     *
     * @param parsed the command line
     * @return the KEV catalog and the EPSS scores, each empty when not given
     */
    static Feeds read(Arguments parsed) {
        Optional<KevCatalog> kev = parsed.value(KEV).map(file -> KevCatalog.read(ParseCommand.existingFile(file)));
        Optional<EpssScores> epss = parsed.value(EPSS).map(file -> EpssScores.read(ParseCommand.existingFile(file)));
        return new Feeds(kev, epss);
    }
}
