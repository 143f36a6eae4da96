package dev.shelflife.cli;

import dev.shelflife.Finding;
import dev.shelflife.Severity;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a verdict as a pull-request comment in GitHub-flavoured Markdown: a headline with the
 * outcome, a one-line summary, the forecast and until when the verdict passes, the violations in one table per severity (long
 * tables folded into {@code <details>}), the actions, the waivers, and the reports it was drawn
 * from.
 *
 * <p>Reports are untrusted, and a comment is rendered for people who did not write it. So every
 * value from a report is either a code span ({@link #code(String)}) or escaped text
 * ({@link #text(String)}): no report can inject a link, an image, HTML, a table cell or an
 * {@code @}-mention into the comment.
 */
final class VerdictMarkdown {

    private static final List<Severity> MOST_SEVERE_FIRST = List.of(
            Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE, Severity.UNKNOWN);
    private static final String NONE = "—";

    private final StringBuilder md = new StringBuilder();
    private final Function<Finding, List<ImageEvidence.Report>> scans;

    private VerdictMarkdown(EvaluateInput input) {
        this.scans = input.scansReporting();
    }

    /**
     * Writes the verdict.
     *
     * @param verdict the verdict
     * @param validUntil for a passing verdict, until when it passes (empty: for good)
     * @param input what was evaluated
     * @param out where to write
     */
    static void write(Verdict verdict, Optional<Forecast> validUntil, EvaluateInput input, PrintStream out) {
        out.print(new VerdictMarkdown(input).verdict(verdict, validUntil, input));
    }

    private String verdict(Verdict verdict, Optional<Forecast> validUntil, EvaluateInput input) {
        line("## " + icon(verdict.outcome()) + " ShelfLife: **" + verdict.outcome() + "** at stage `" + verdict.stage()
                + "`");
        line("");
        String image = input.record()
                .image()
                .ref()
                .map(ref -> code(ref.toString()) + ", evaluated")
                .orElse("Evaluated");
        line(image + " at " + verdict.evaluatedAt() + " with "
                + input.policyFile()
                        .map(f -> "the policy " + code(Path.of(f).getFileName().toString()))
                        .orElse("the built-in default policy")
                + " (stage `" + verdict.stage() + "`: " + verdict.mode().key() + ")"
                + input.record()
                        .lineage()
                        .map(lineage -> ", the clocks counted from the history of the lineage " + code(lineage.name()))
                        .orElse("")
                + ".");
        line("");
        line(summary(verdict));
        line("");
        line(
                "> "
                        + verdict.nextChange()
                                .map(change -> "⏰ **This verdict changes on " + change.at() + ":** "
                                        + text(VerdictText.grouped(change)))
                                .orElse(
                                        "This verdict does not change with time: only new reports, waivers or policy change it."));
        line("");
        line("**Valid until:** " + text(VerdictText.validUntil(verdict, validUntil)));
        violations(verdict.violations());
        actions(verdict.actions());
        waivers(verdict);
        line("");
        line("<sub>Reports: "
                + input.reports().stream().map(r -> report(r, verdict)).collect(Collectors.joining(" · "))
                + ". Written by ShelfLife.</sub>");
        List<String> leftOut = verdict.ignoredEvidence().stream()
                .filter(e -> e.report().isEmpty())
                .map(e -> text(e.toString()))
                .toList();
        if (!leftOut.isEmpty()) {
            line("<sub>Left out, made after the evaluation instant: " + String.join(" · ", leftOut) + ".</sub>");
        }
        return md.toString();
    }

    private static String summary(Verdict verdict) {
        List<Violation> violations = verdict.violations();
        long blocking = violations.stream().filter(Violation::isBlocking).count();
        List<String> parts = new ArrayList<>();
        if (violations.isEmpty()) {
            parts.add("No violations");
        } else {
            String effects = blocking == violations.size()
                    ? "all blocking"
                    : blocking == 0
                            ? "none blocking"
                            : blocking + " blocking, "
                                    + VerdictText.count((int) (violations.size() - blocking), "warning");
            parts.add("**" + VerdictText.count(violations.size(), "violation") + "** (" + effects + ")");
        }
        int waived = verdict.waiversApplied().stream()
                .mapToInt(w -> w.findings().size())
                .sum();
        if (waived > 0) {
            parts.add(VerdictText.count(waived, "finding") + " waived by "
                    + VerdictText.count(verdict.waiversApplied().size(), "waiver"));
        }
        if (!verdict.actions().isEmpty()) {
            parts.add(VerdictText.count(verdict.actions().size(), "action"));
        }
        return String.join(" · ", parts);
    }

    private void violations(List<Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        line("");
        line("### Violations");
        List<Violation> image =
                violations.stream().filter(v -> v.finding().isEmpty()).toList();
        if (!image.isEmpty()) {
            line("");
            line("**Image**");
            line("");
            image.forEach(v -> line("- " + effect(v.effect()) + " **" + text(v.ruleId()) + "**: " + text(v.message())));
        }
        for (Severity severity : MOST_SEVERE_FIRST) {
            List<Violation> group = violations.stream()
                    .filter(v -> v.finding().isPresent() && v.severity().orElse(Severity.UNKNOWN) == severity)
                    .sorted(Comparator.comparing(Violation::effect))
                    .toList();
            if (!group.isEmpty()) {
                table(
                        severity.name(),
                        group.size(),
                        "| | Rule | Vulnerability | Package | Installed | Fixed in | Deadline | Found by |",
                        group.stream().map(this::row).toList());
            }
        }
    }

    private String row(Violation violation) {
        Finding finding = violation.finding().orElseThrow();
        List<String> fixes = finding.fix().versions();
        return "| " + effect(violation.effect()) + " | " + text(violation.ruleId()) + " | "
                + code(finding.vulnerability().id()) + " | "
                + code(finding.pkg().name()) + " | "
                + finding.pkg().version().map(VerdictMarkdown::code).orElse(NONE) + " | "
                + (fixes.isEmpty()
                        ? NONE
                        : fixes.stream().map(VerdictMarkdown::code).collect(Collectors.joining(", ")))
                + " | " + violation.deadline().map(Object::toString).orElse(NONE) + " | "
                + scanners(finding) + " |";
    }

    private String scanners(Finding finding) {
        List<String> names = scans.apply(finding).stream()
                .map(r -> text(r.report().scanner().name()))
                .distinct()
                .toList();
        return names.isEmpty() ? NONE : String.join(", ", names);
    }

    private void actions(List<Action> actions) {
        if (actions.isEmpty()) {
            return;
        }
        line("");
        line("### Actions");
        line("");
        fold(
                "Actions (" + actions.size() + ")",
                actions.size(),
                actions.stream().map(VerdictMarkdown::action).toList());
    }

    private static String action(Action action) {
        String what = switch (action.kind()) {
            case REBUILD -> "**Rebuild** the image";
            case RESCAN -> "**Rescan** the image";
            case UPDATE_BASE_IMAGE ->
                "**Update the base image** " + code(action.subject().orElseThrow());
            case BUMP ->
                "**Bump** " + code(action.subject().orElseThrow())
                        + action.from().map(f -> " " + code(f)).orElse("")
                        + action.to().map(t -> " → " + code(t)).orElse(" (no fixed version listed)")
                        + VerdictText.bumpSize(action)
                                .map(size -> ", a " + size)
                                .orElse("");
        };
        return "- " + what + " — for " + VerdictText.count(action.reasons().size(), "violation");
    }

    private void waivers(Verdict verdict) {
        List<String> items = new ArrayList<>();
        verdict.waiversApplied().forEach(w -> items.add(applied(w)));
        verdict.unmatchedWaivers().forEach(w -> items.add("- ⚠️ " + waiver(w) + " **matched nothing**"));
        verdict.staleWaivers()
                .forEach(w -> items.add("- 🔧 " + code(w.id()) + " **is stale: a fix is available** — "
                        + w.findings().stream()
                                .map(f -> code(f.vulnerability().id()) + " in "
                                        + code(f.pkg().name())
                                        + f.pkg()
                                                .version()
                                                .map(v -> " " + code(v))
                                                .orElse("") + " fixed in "
                                        + f.fix().versions().stream()
                                                .map(VerdictMarkdown::code)
                                                .collect(Collectors.joining(", ")))
                                .distinct()
                                .collect(Collectors.joining(", "))));
        verdict.expiredWaivers().forEach(w -> items.add("- ⌛ " + waiver(w) + " **has expired**"));
        if (items.isEmpty()) {
            return;
        }
        line("");
        line("### Waivers");
        line("");
        fold("Waivers (" + items.size() + ")", items.size(), items);
    }

    private static String applied(AppliedWaiver waiver) {
        String who = waiver.origin() == AppliedWaiver.Origin.VEX
                ? " (VEX)"
                : waiver.owner().map(o -> ", owner " + text(o)).orElse("")
                        + waiver.expires().map(e -> ", expires " + e).orElse("")
                        + text(VerdictText.imported(waiver));
        List<String> packages = waiver.findings().stream()
                .map(f -> code(f.pkg().name())
                        + f.pkg().version().map(v -> " " + code(v)).orElse(""))
                .distinct()
                .toList();
        return "- " + code(waiver.id()) + who + ": " + text(waiver.reason()) + " — waives "
                + VerdictText.count(waiver.findings().size(), "finding") + " in " + String.join(", ", packages);
    }

    private static String waiver(Waiver waiver) {
        return code(waiver.id()) + " ("
                + waiver.vulnerability().map(VerdictMarkdown::code).orElse("any vulnerability")
                + waiver.pkg().map(p -> " in " + code(p)).orElse("") + ", owner " + text(waiver.owner())
                + ", expires " + waiver.expires() + ")";
    }

    private static String report(ImageEvidence.Report input, Verdict verdict) {
        String name = code(Path.of(input.file()).getFileName().toString());
        String left =
                VerdictText.isIgnored(input.report(), verdict) ? ", made after the evaluation instant: left out" : "";
        return switch (input.report().kind()) {
            case ASSESSMENT ->
                name + " (VEX, "
                        + VerdictText.count(input.report().vexStatements().size(), "statement") + left + ")";
            case INVENTORY ->
                name + " (SBOM, not a scan, "
                        + VerdictText.count(input.report().components().size(), "component") + left + ")";
            case SCAN ->
                name + " (" + text(input.report().scanner().toString())
                        + input.report()
                                .scannedAt()
                                .map(at -> ", scanned " + at)
                                .orElse(", scan time unknown") + left
                        + ")";
        };
    }

    /** A table under a title, folded when long and cut when very long ({@link MarkdownFold}). */
    private void table(String title, int size, String header, List<String> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.add(header.replaceAll("[^|]+", "---"));
        lines.addAll(rows);
        line("");
        if (size <= MarkdownFold.FOLD_AFTER) {
            line("**" + title + "** (" + size + ")");
            line("");
        }
        fold("<b>" + title + "</b> (" + size + ")", size, lines);
    }

    private void fold(String caption, int size, List<String> lines) {
        MarkdownFold.fold(caption, size, lines).forEach(this::line);
    }

    private static String icon(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
    }

    private static String effect(Effect effect) {
        return effect == Effect.BLOCK ? "🛑 block" : "⚠️ warn";
    }

    /**
     * A value as a code span: inert, whatever it holds. A backtick cannot be escaped inside a
     * span, so it becomes a straight quote; a pipe is escaped, since GitHub splits table cells on
     * it even inside a span.
     */
    static String code(String value) {
        return "`" + ReportText.clean(value).replace('`', '\'').replace("|", "\\|") + "`";
    }

    /**
     * A value as text: Markdown punctuation escaped, {@code <}, {@code >} and {@code &} as
     * entities, and a word joiner after every {@code @}, so that {@code @org/team} in a package
     * name does not notify a team.
     */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder();
        // Control characters first, as for the terminal, so that no value breaks a line or a row.
        ReportText.clean(value).codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '@' -> escaped.append("@\u2060");
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!' ->
                    escaped.append('\\').appendCodePoint(c);
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
