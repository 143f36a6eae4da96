package dev.shelflife.cli;

import dev.shelflife.ImageRef;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.BaseImageStatus;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a {@link HistoryView} for a terminal: a heading, each stage's bands and deadlines, then
 * tables of the scans, findings, tag observations and verdicts. Control characters from the
 * history are printed as {@code \}{@code uXXXX}. The layout may change: script against the JSON.
 */
final class HistoryText {

    private final PrintStream out;

    private HistoryText(PrintStream out) {
        this.out = out;
    }

    /**
     * Writes the view.
     *
     * @param view the view
     * @param out where to write
     */
    static void write(HistoryView view, PrintStream out) {
        new HistoryText(out).view(view);
    }

    private void view(HistoryView view) {
        Timeline timeline = view.timeline();
        line("history of " + timeline.subject() + " (lineage " + timeline.lineage() + "), as of " + view.at());
        field(
                "images",
                timeline.images().isEmpty()
                        ? "none"
                        : timeline.images().stream().map(ImageRef::toString).collect(Collectors.joining(", ")));
        field(
                "forecast",
                view.forecastImage()
                        .map(image -> "of " + image + " to " + view.end() + ", with "
                                + view.policyFile().map(f -> "the policy " + f).orElse("the built-in default policy"))
                        .orElse("none: the history holds no report of its images made at or before " + view.at()));
        if (view.leftOut().any()) {
            field("left out", leftOut(view.leftOut()) + " made after " + view.at());
        }
        out.println();
        line("stages");
        if (view.lanes().isEmpty()) {
            line("  none: no verdict was recorded, and there is no forecast");
        }
        for (HistoryView.Lane lane : view.lanes()) {
            line("  " + lane.stage()
                    + lane.mode().map(m -> " (" + m.key() + ")").orElse(" (not in the policy)")
                    + lane.now()
                            .map(now -> ": now " + now.outcome() + "; next change "
                                    + now.nextChange()
                                            .map(c -> c.at() + ": " + c.reason())
                                            .orElse("none"))
                            .orElse(""));
            List<List<String>> rows = new ArrayList<>();
            for (HistoryView.Band band : lane.bands()) {
                rows.add(List.of(
                        "   ",
                        band.from() + " .. " + band.to(),
                        band.outcome(),
                        band.source().name().toLowerCase(Locale.ROOT),
                        band.source() == HistoryView.Source.FORECAST ? band.reason() : band.image()));
            }
            if (!rows.isEmpty()) {
                ReportText.table(rows, out);
            }
            for (HistoryView.Deadline deadline : lane.deadlines()) {
                line("    " + (deadline.passed() ? "passed " : "ahead  ") + deadline.at() + "  " + deadline.reason());
            }
        }

        out.println();
        line(count(timeline.scans().size(), "scan"));
        List<List<String>> scans = new ArrayList<>();
        scans.add(List.of("  SCANNED AT", "SCANNER", "KIND", "FINDINGS", "IMAGE", "ID"));
        for (Timeline.Scan scan : timeline.scans()) {
            scans.add(List.of(
                    "  " + scan.scan().scannedAt(),
                    scan.scan().scanner().toString(),
                    scan.kind().name(),
                    Integer.toString(scan.findings()),
                    scan.scan().image(),
                    BaseImageStatus.shortDigest(scan.scan().id())));
        }
        table(scans);

        line(count(timeline.findings().size(), "finding"));
        List<List<String>> findings = new ArrayList<>();
        findings.add(List.of(
                "  VULNERABILITY",
                "SEVERITY",
                "PACKAGE",
                "VERSION",
                "FIRST SEEN",
                "FIX SINCE",
                "LAST SEEN",
                "GONE SINCE"));
        for (Timeline.FindingSpan finding : timeline.findings()) {
            findings.add(List.of(
                    "  " + finding.vulnerabilityId(),
                    finding.severity().name(),
                    finding.pkg().name(),
                    finding.pkg().version().orElse("?"),
                    finding.firstSeen().toString(),
                    instant(finding.fixAvailableSince()),
                    finding.lastSeen().toString(),
                    instant(finding.goneSince())));
        }
        table(findings);

        line(count(timeline.tags().size(), "tag observation"));
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("  TAG", "DIGEST", "FIRST SEEN", "LAST SEEN", "BY"));
        for (TagObservation tag : timeline.tags()) {
            tags.add(List.of(
                    "  " + tag.reference().familiarName(),
                    BaseImageStatus.shortDigest(tag.digest()),
                    tag.firstSeen().toString(),
                    tag.lastSeen().toString(),
                    tag.observedBy()));
        }
        table(tags);

        line(count(timeline.verdicts().size(), "verdict"));
        List<List<String>> verdicts = new ArrayList<>();
        verdicts.add(List.of("  AT", "STAGE", "OUTCOME", "IMAGE", "NEXT CHANGE"));
        for (IssuedVerdict verdict : timeline.verdicts()) {
            verdicts.add(List.of(
                    "  " + verdict.at(),
                    verdict.stage().name(),
                    verdict.outcome(),
                    verdict.image().toString(),
                    verdict.nextChange()
                            .map(c -> c
                                    + verdict.nextChangeReason()
                                            .map(r -> ": " + r)
                                            .orElse(""))
                            .orElse("-")));
        }
        table(verdicts);
    }

    /**
     * What was left out, in words.
     *
     * @param leftOut the counts
     * @return for example {@code 3 scans, 1 verdict}
     */
    static String leftOut(HistoryView.LeftOut leftOut) {
        List<String> parts = new ArrayList<>();
        if (leftOut.scans() > 0) {
            parts.add(count(leftOut.scans(), "scan"));
        }
        if (leftOut.findings() > 0) {
            parts.add(count(leftOut.findings(), "finding"));
        }
        if (leftOut.tags() > 0) {
            parts.add(count(leftOut.tags(), "tag observation"));
        }
        if (leftOut.verdicts() > 0) {
            parts.add(count(leftOut.verdicts(), "verdict"));
        }
        return String.join(", ", parts);
    }

    private void table(List<List<String>> rows) {
        if (rows.size() > 1) {
            ReportText.table(rows, out);
        }
        out.println();
    }

    private static String instant(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("-");
    }

    private static String count(int n, String noun) {
        return VerdictText.count(n, noun);
    }

    private void field(String name, String value) {
        line(String.format(Locale.ROOT, "%-9s %s", name, value));
    }

    private void line(String text) {
        out.println(ReportText.clean(text));
    }
}
