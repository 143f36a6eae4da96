package dev.shelflife.trivy;

import dev.shelflife.Finding;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The findings and problems of a report whose format and scanner are not known yet.
 *
 * <p>A {@link ScanReport.Builder} needs both up front, but Trivy may write {@code SchemaVersion}
 * and {@code Trivy.Version} after {@code Results} (JSON objects are unordered). The draft records
 * what the entries became, in document order, and replays it into the builder once the whole
 * document is read, so the builder still does the deduplication and the counting.
 */
final class ReportDraft {

    private final List<Consumer<ScanReport.Builder>> steps = new ArrayList<>();

    void finding(Finding finding) {
        steps.add(builder -> builder.finding(finding));
    }

    void skipped(String message, ReportLocation location) {
        steps.add(builder -> builder.skipped(message, location));
    }

    void problem(Problem.Kind kind, String message, ReportLocation location) {
        Problem problem = new Problem(kind, message, location);
        steps.add(builder -> builder.problem(problem));
    }

    ScanReport.Builder replayInto(ScanReport.Builder builder) {
        steps.forEach(step -> step.accept(builder));
        return builder;
    }
}
