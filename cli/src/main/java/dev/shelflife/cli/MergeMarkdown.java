package dev.shelflife.cli;

import dev.shelflife.Finding;
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
 * Writes merged findings and baseline comparisons as GitHub-flavoured Markdown, for a
 * pull-request (or merge-request) comment: a headline, a one-line summary, and tables folded
 * into {@code <details>} when long and cut when very long ({@link MarkdownFold}).
 *
 * <p>Every value from a report goes through {@link VerdictMarkdown#code(String)} or
 * {@link VerdictMarkdown#text(String)}, so no report can inject a link, HTML, a table cell or an
 * {@code @}-mention into the comment.
 */
final class MergeMarkdown {

    private static final String NONE = "—";
    private static final String GROUP_HEADER =
            "| Severity | Vulnerability | Package | Baseline | Now | Fixed in | Seen by |";

    private final StringBuilder md = new StringBuilder();

    private MergeMarkdown() {}

    /**
     * Writes a merge.
     *
     * @param merged the merged findings
     * @param out where to write
     */
    static void merge(MergedFindings merged, PrintStream out) {
        MergeMarkdown markdown = new MergeMarkdown();
        markdown.line("## ShelfLife: " + vulnerabilities(merged.groups().size()) + " reported by "
                + VerdictMarkdown.text(MergeText.scanners(merged)));
        markdown.line("");
        int findings =
                merged.groups().stream().mapToInt(g -> g.sightings().size()).sum();
        long everywhere = merged.groups().stream()
                .filter(g -> g.scanners().size() == merged.scanners().size())
                .count();
        markdown.line(VerdictText.count(findings, "finding") + " merged into **"
                + vulnerabilities(merged.groups().size()) + "** · " + everywhere
                + " reported by every scanner · **"
                + VerdictText.count(merged.disagreements().size(), "disagreement")
                + "** · severity: " + VerdictMarkdown.code(merged.severityRule().toString()));
        if (!merged.disagreements().isEmpty()) {
            markdown.line("");
            markdown.line("### Disagreements");
            markdown.line("");
            List<String> items = merged.disagreements().stream()
                    .map(MergeMarkdown::disagreement)
                    .toList();
            MarkdownFold.fold("Disagreements (" + items.size() + ")", items.size(), items)
                    .forEach(markdown::line);
        }
        if (!merged.groups().isEmpty()) {
            markdown.line("");
            List<String> rows = new ArrayList<>(List.of(
                    "| Severity | Vulnerability | Aliases | Package | Installed | Fixed in | Seen by |",
                    "|---|---|---|---|---|---|---|"));
            merged.groups().stream()
                    .sorted(MergeText.MOST_SEVERE_FIRST)
                    .forEach(g -> rows.add("| " + g.severity() + " | "
                            + VerdictMarkdown.code(g.id()) + " | "
                            + codes(g.finding().vulnerability().aliases()) + " | "
                            + VerdictMarkdown.code(g.finding().pkg().name()) + " | "
                            + g.version().map(VerdictMarkdown::code).orElse(NONE) + " | " + fixedIn(g.finding()) + " | "
                            + VerdictMarkdown.text(String.join(", ", g.scanners())) + " |"));
            MarkdownFold.details("Vulnerabilities (" + merged.groups().size() + ")", rows)
                    .forEach(markdown::line);
        }
        out.print(markdown.md);
    }

    /**
     * Writes a baseline comparison: what the change introduced first, then what was newly
     * disclosed, what it fixed, and, folded, what it left as it was.
     *
     * @param diff the comparison
     * @param out where to write
     */
    static void diff(BaselineDiff diff, PrintStream out) {
        MergeMarkdown markdown = new MergeMarkdown();
        int introduced = diff.entries(BaselineDiff.Status.INTRODUCED).size();
        markdown.line(
                introduced == 0
                        ? "## ✅ ShelfLife: this change introduces no vulnerability"
                        : "## 🛑 ShelfLife: this change introduces " + vulnerabilities(introduced));
        markdown.line("");
        markdown.line("**" + diff.entries(BaselineDiff.Status.INTRODUCED).size() + " introduced** · "
                + diff.entries(BaselineDiff.Status.NEWLY_DISCLOSED).size() + " newly disclosed · "
                + diff.entries(BaselineDiff.Status.EXISTING).size() + " existing · "
                + diff.entries(BaselineDiff.Status.FIXED).size() + " fixed, against the baseline's reports ("
                + VerdictMarkdown.text(MergeText.scanners(diff.baseline())) + "; this image's: "
                + VerdictMarkdown.text(MergeText.scanners(diff.current())) + ").");
        markdown.section(
                diff,
                BaselineDiff.Status.INTRODUCED,
                "🛑",
                "Introduced",
                "Packages this change added, or moved to another version.");
        markdown.section(
                diff,
                BaselineDiff.Status.NEWLY_DISCLOSED,
                "⚠️",
                "Newly disclosed",
                "Disclosed since the baseline's scan, in packages this change left as they were: mainline has them too.");
        markdown.section(diff, BaselineDiff.Status.FIXED, "✅", "Fixed", "In the baseline, gone from this image.");
        List<String> existing = markdown.rows(diff, BaselineDiff.Status.EXISTING);
        if (existing.size() > 2) {
            markdown.line("");
            MarkdownFold.details("Existing (" + (existing.size() - 2) + "): in the baseline already", existing)
                    .forEach(markdown::line);
        }
        out.print(markdown.md);
    }

    private void section(BaselineDiff diff, BaselineDiff.Status status, String icon, String title, String intro) {
        List<String> rows = rows(diff, status);
        int size = rows.size() - 2;
        if (size == 0) {
            return;
        }
        line("");
        line("### " + icon + " " + title + " (" + size + ")");
        line("");
        line(intro);
        line("");
        MarkdownFold.fold(title + " (" + size + ")", size, rows).forEach(this::line);
    }

    /** The table of one status: a header, a separator, one row per entry, most severe first. */
    private List<String> rows(BaselineDiff diff, BaselineDiff.Status status) {
        List<String> rows = new ArrayList<>(List.of(GROUP_HEADER, GROUP_HEADER.replaceAll("[^|]+", "---")));
        diff.entries(status).stream()
                .sorted(Comparator.comparing(BaselineDiff.Entry::group, MergeText.MOST_SEVERE_FIRST))
                .forEach(entry -> {
                    FindingGroup group = entry.group();
                    rows.add("| " + group.severity() + " | " + VerdictMarkdown.code(group.id()) + " | "
                            + VerdictMarkdown.code(group.finding().pkg().name()) + " | "
                            + versions(MergeText.baselineVersions(entry)) + " | "
                            + versions(MergeText.currentVersions(entry)) + " | " + fixedIn(group.finding()) + " | "
                            + VerdictMarkdown.text(String.join(", ", group.scanners())) + " |");
                });
        return rows;
    }

    private static String versions(String versions) {
        return versions.equals("-") ? NONE : VerdictMarkdown.code(versions);
    }

    private static String disagreement(Disagreement disagreement) {
        String kind = disagreement.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return "- **" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "**: "
                + VerdictMarkdown.text(disagreement.message());
    }

    private static String fixedIn(Finding finding) {
        return finding.fix().versions().isEmpty()
                ? finding.fix().state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : codes(finding.fix().versions());
    }

    private static String vulnerabilities(int n) {
        return n + (n == 1 ? " vulnerability" : " vulnerabilities");
    }

    private static String codes(List<String> values) {
        return values.isEmpty()
                ? NONE
                : values.stream().map(VerdictMarkdown::code).collect(Collectors.joining(", "));
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
