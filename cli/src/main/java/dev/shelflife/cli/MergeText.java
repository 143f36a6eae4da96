package dev.shelflife.cli;

import dev.shelflife.ScannerTool;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.Disagreement;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes merged findings ({@code shelflife merge}) and baseline comparisons ({@code shelflife
 * diff}) for people: a summary, one table row per vulnerability (most severe first) and, for a
 * merge, the disagreements. Every value from a report is {@linkplain ReportText#clean(String)
 * cleaned} before it reaches the terminal.
 */
final class MergeText {

    /** Most severe first, {@code UNKNOWN} last; then by id and package, so that the order is stable. */
    static final Comparator<FindingGroup> MOST_SEVERE_FIRST = Comparator.comparing(FindingGroup::severity)
            .reversed()
            .thenComparing(FindingGroup::id)
            .thenComparing(FindingGroup::packageIdentity);

    private final PrintStream out;

    private MergeText(PrintStream out) {
        this.out = out;
    }

    /**
     * Writes a merge.
     *
     * @param merged the merged findings
     * @param out where to write
     */
    static void merge(MergedFindings merged, PrintStream out) {
        MergeText text = new MergeText(out);
        text.field("scanners", scanners(merged));
        text.field("severity", merged.severityRule().toString());
        int findings =
                merged.groups().stream().mapToInt(g -> g.sightings().size()).sum();
        long everywhere = merged.groups().stream()
                .filter(g -> g.scanners().size() == merged.scanners().size())
                .count();
        text.field(
                "merged",
                findings + " findings into " + merged.groups().size() + " vulnerabilities, " + everywhere
                        + " of them reported by every scanner");
        out.println();
        if (merged.groups().isEmpty()) {
            out.println("no findings");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SEVERITY", "VULNERABILITY", "PACKAGE", "INSTALLED", "FIX", "SEEN BY"));
            merged.groups().stream()
                    .sorted(MOST_SEVERE_FIRST)
                    .forEach(g -> rows.add(List.of(
                            g.severity().name(),
                            g.id(),
                            g.finding().pkg().name(),
                            g.version().orElse("-"),
                            ReportText.fix(g.finding()),
                            String.join(", ", g.scanners()))));
            ReportText.table(rows, out);
        }
        out.println();
        List<Disagreement> disagreements = merged.disagreements();
        if (disagreements.isEmpty()) {
            out.println(merged.scanners().size() < 2 ? "one scanner: nothing to disagree on" : "no disagreements");
            return;
        }
        out.println(disagreements.size() + " disagreements:");
        List<List<String>> rows = new ArrayList<>();
        disagreements.forEach(d -> rows.add(List.of("  " + d.kind().name(), d.message())));
        ReportText.table(rows, out);
    }

    /**
     * Writes a baseline comparison.
     *
     * @param diff the comparison
     * @param out where to write
     */
    static void diff(BaselineDiff diff, PrintStream out) {
        MergeText text = new MergeText(out);
        text.field(
                "baseline",
                scanners(diff.baseline()) + ": " + diff.baseline().groups().size() + " vulnerabilities");
        text.field(
                "current",
                scanners(diff.current()) + ": " + diff.current().groups().size() + " vulnerabilities");
        text.field("severity", diff.current().severityRule().toString());
        text.field("changes", counts(diff));
        out.println();
        if (diff.entries().isEmpty()) {
            out.println("no findings on either side");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("STATUS", "SEVERITY", "VULNERABILITY", "PACKAGE", "BASELINE", "CURRENT", "FIX"));
        for (BaselineDiff.Status status : BaselineDiff.Status.values()) {
            diff.entries(status).stream()
                    .sorted(Comparator.comparing(BaselineDiff.Entry::group, MOST_SEVERE_FIRST))
                    .forEach(e -> rows.add(List.of(
                            status.name(),
                            e.group().severity().name(),
                            e.group().id(),
                            e.group().finding().pkg().name(),
                            baselineVersions(e),
                            currentVersions(e),
                            ReportText.fix(e.group().finding()))));
        }
        ReportText.table(rows, out);
    }

    /** The package's versions in the baseline: for a fixed entry its own, else the other side's. */
    static String baselineVersions(BaselineDiff.Entry entry) {
        return entry.status() == BaselineDiff.Status.FIXED
                ? entry.group().version().orElse("?")
                : versions(entry.otherVersions());
    }

    /** The package's versions in the current image: for a fixed entry the other side's, else its own. */
    static String currentVersions(BaselineDiff.Entry entry) {
        return entry.status() == BaselineDiff.Status.FIXED
                ? versions(entry.otherVersions())
                : entry.group().version().orElse("?");
    }

    private static String versions(List<String> versions) {
        return versions.isEmpty()
                ? "-"
                : versions.stream().map(v -> v.isEmpty() ? "?" : v).collect(Collectors.joining(", "));
    }

    /** {@code 2 introduced, 2 newly disclosed, 9 existing, 2 fixed}. */
    static String counts(BaselineDiff diff) {
        List<String> parts = new ArrayList<>();
        for (BaselineDiff.Status status : BaselineDiff.Status.values()) {
            parts.add(diff.entries(status).size() + " "
                    + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return String.join(", ", parts);
    }

    /** {@code Trivy 0.58.1, Grype 0.87.0}, or {@code none}. */
    static String scanners(MergedFindings merged) {
        return merged.scanners().isEmpty()
                ? "none"
                : merged.scanners().stream().map(ScannerTool::toString).collect(Collectors.joining(", "));
    }

    private void field(String name, String value) {
        out.println(String.format("%-11s %s", name, ReportText.clean(value)));
    }
}
