package dev.shelflife.cli;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.IgnoredEvidence;
import dev.shelflife.policy.ImportedWaivers;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import dev.shelflife.version.BumpSize;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a verdict for a terminal: a headline with the outcome, what was evaluated, one line per
 * violation, the waivers, the actions, until when it passes and the next change.
 *
 * <p>Every line passes through {@link ReportText#clean(String)}: package names, messages and
 * VEX details come from untrusted reports.
 */
final class VerdictText {

    /**
     * A forecast reason about a finding reaching a deadline (an SLA, a KEV due date): the finding as
     * messages name it ({@code CVE-2024-1234 HIGH in openssl 3.0.13}), then {@code reaches}.
     */
    private static final Pattern FINDING_DEADLINE =
            Pattern.compile("^\\S+ (CRITICAL|HIGH|MEDIUM|LOW|NEGLIGIBLE|UNKNOWN) in .+ reaches ");

    /** How many vulnerabilities a group of simultaneous deadlines names before "and N more". */
    private static final int SHOWN_IDS = 3;

    private final PrintStream out;

    private VerdictText(PrintStream out) {
        this.out = out;
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
        new VerdictText(out).verdict(verdict, validUntil, input);
    }

    /**
     * Until when the verdict passes, in words, for every output: the instant and why, that it
     * passes with no end in time, or that it does not pass.
     *
     * @param verdict the verdict
     * @param validUntil for a passing verdict, until when it passes
     * @return for example {@code 2025-03-31T00:00:00Z: waiver SEC-1042 expires}
     */
    static String validUntil(Verdict verdict, Optional<Forecast> validUntil) {
        if (verdict.outcome() != Outcome.PASS) {
            return "not passing (" + verdict.outcome() + ")";
        }
        return validUntil
                .map(end -> end.at() + ": " + grouped(end))
                .orElse("no end in time: only new evidence or a new policy changes it");
    }

    /**
     * A forecast's reason with the findings that reach a deadline at once told as one group: a
     * forecast where 95 findings reach their SLA at the same instant says so in one phrase, with
     * the first vulnerabilities, instead of 95 phrases; its other reasons follow as they are. A
     * forecast with one such finding is told as it is. (The JSON keeps every reason.)
     *
     * @param change a forecast
     * @return for example {@code 95 findings reach their deadline on 2025-11-28 (CVE-2025-1, …
     *     and 92 more)}
     */
    static String grouped(Forecast change) {
        List<String> reasons = change.reasons();
        List<String> deadlines =
                reasons.stream().filter(r -> FINDING_DEADLINE.matcher(r).find()).toList();
        if (deadlines.size() < 2) {
            return change.reason();
        }
        List<String> ids = deadlines.stream()
                .map(r -> r.substring(0, r.indexOf(' ')))
                .distinct()
                .toList();
        StringBuilder text = new StringBuilder()
                .append(deadlines.size())
                .append(" findings reach their deadline on ")
                .append(LocalDate.ofInstant(change.at(), ZoneOffset.UTC))
                .append(" (")
                .append(String.join(", ", ids.subList(0, Math.min(SHOWN_IDS, ids.size()))));
        if (ids.size() > SHOWN_IDS) {
            text.append(" and ").append(ids.size() - SHOWN_IDS).append(" more");
        }
        text.append(')');
        reasons.stream()
                .filter(r -> !FINDING_DEADLINE.matcher(r).find())
                .forEach(r -> text.append("; ").append(r));
        return text.toString();
    }

    private void verdict(Verdict verdict, Optional<Forecast> validUntil, EvaluateInput input) {
        line(verdict.stage() + "  " + verdict.mode() + "  @" + verdict.evaluatedAt() + "  => " + verdict.outcome());
        input.record().image().ref().ifPresent(ref -> field("image", ref.toString()));
        field("policy", input.policyFile().orElse("the built-in default policy"));
        input.record()
                .lineage()
                .ifPresent(lineage -> field(
                        "history",
                        "lineage " + lineage.name() + ", "
                                + count(lineage.findings().size(), "finding") + " remembered"));
        for (int i = 0; i < input.reports().size(); i++) {
            field(i == 0 ? "reports" : "", report(input.reports().get(i), verdict));
        }

        List<Violation> violations = verdict.violations();
        long blocking = violations.stream().filter(Violation::isBlocking).count();
        out.println();
        line(
                violations.isEmpty()
                        ? "no violations"
                        : count(violations.size(), "violation") + ", " + blocking + " blocking:");
        violations.forEach(v -> line("  [" + v.ruleId() + " " + v.effect() + "] " + v.message()));
        section(
                verdict.waiversApplied(),
                "waiver applied",
                "waivers applied",
                w -> w.id() + "  " + w.reason()
                        + w.owner().map(o -> ", owner " + o).orElse("")
                        + w.expires().map(e -> ", expires " + e).orElse("") + imported(w) + "; " + findings(w));
        section(verdict.unmatchedWaivers(), "waiver matched nothing", "waivers matched nothing", Waiver::toString);
        section(
                verdict.staleWaivers(),
                "waiver stale, a fix is now available",
                "waivers stale, a fix is now available",
                w -> w.id() + "  " + fixes(w));
        section(verdict.expiredWaivers(), "waiver expired", "waivers expired", Waiver::toString);
        section(verdict.actions(), "action", "actions", VerdictText::action);
        section(
                verdict.ignoredEvidence(),
                "piece of evidence left out, made after the evaluation instant",
                "pieces of evidence left out, made after the evaluation instant",
                e -> ignored(e, input));
        out.println();
        line("valid until: " + validUntil(verdict, validUntil));
        line("next change: "
                + verdict.nextChange().map(c -> c.at() + ": " + grouped(c)).orElse("none"));
    }

    private static String report(ImageEvidence.Report input, Verdict verdict) {
        return input.file() + ": " + describe(input.report())
                + (isIgnored(input.report(), verdict) ? ", left out" : "");
    }

    /**
     * A report as the verdict's list of reports names it: a scan by its scanner and date, an
     * assessment by its statements (an ignore file by its rules), an inventory by its components.
     *
     * @param report a report
     * @return for example {@code Trivy 0.58.1, scanned 2025-01-14T08:03:51Z}
     */
    static String describe(ScanReport report) {
        return switch (report.kind()) {
            case SCAN ->
                report.scanner() + ", scanned "
                        + report.scannedAt().map(Object::toString).orElse("at an unknown time");
            case ASSESSMENT ->
                report.ignoreRules().isEmpty() && report.counts().rules() == 0
                        ? "assessment, " + count(report.vexStatements().size(), "statement")
                        : "assessment (an ignore file), "
                                + count(report.ignoreRules().size(), "rule");
            case INVENTORY ->
                "inventory (an SBOM, not a scan), " + count(report.components().size(), "component");
        };
    }

    /**
     * Whether the evaluation left a report out as made after its instant.
     *
     * @param report a report of the evaluation
     * @param verdict the verdict
     * @return {@code true} if the verdict lists it among the ignored evidence
     */
    static boolean isIgnored(ScanReport report, Verdict verdict) {
        return verdict.ignoredEvidence().stream()
                .anyMatch(e -> e.report().filter(r -> r == report).isPresent());
    }

    /**
     * Ignored evidence with the file it came from, when it is a whole report.
     *
     * @param evidence what the evaluation left out
     * @param input the evaluation's input
     * @return for example {@code grype.json: Grype 0.87.0 scan of …: made at …, after the evaluation instant …}
     */
    static String ignored(IgnoredEvidence evidence, EvaluateInput input) {
        return evidence.report().flatMap(input::fileOf).map(f -> f + ": ").orElse("") + evidence;
    }

    /** For a rule of an ignore file: that it was imported, and what a waiver has that it lacks. */
    static String imported(AppliedWaiver waiver) {
        if (waiver.origin() != AppliedWaiver.Origin.IMPORTED) {
            return "";
        }
        return " (imported from an ignore file"
                + (waiver.lacks().isEmpty()
                        ? ""
                        : "; no "
                                + waiver.lacks().stream()
                                        .sorted()
                                        .map(ImportedWaivers.Part::key)
                                        .collect(Collectors.joining(", no ")))
                + ")";
    }

    private static String findings(AppliedWaiver waiver) {
        return count(waiver.findings().size(), "finding") + " ("
                + waiver.findings().stream().map(VerdictText::pkg).distinct().collect(Collectors.joining(", ")) + ")";
    }

    /** The findings of a stale waiver with the versions that fix them. */
    private static String fixes(AppliedWaiver waiver) {
        return waiver.findings().stream()
                .map(f -> f.vulnerability().id() + " in " + pkg(f) + " fixed in "
                        + String.join(", ", f.fix().versions()))
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private static String pkg(Finding finding) {
        return finding.pkg().name() + finding.pkg().version().map(v -> " " + v).orElse("");
    }

    /** An action and how many violations asked for it; the violations above say why. */
    private static String action(Action action) {
        StringBuilder text = new StringBuilder(action.kind().name());
        action.subject().ifPresent(s -> text.append(' ').append(s));
        action.from().ifPresent(f -> text.append(' ').append(f));
        action.to().ifPresent(t -> text.append(" -> ").append(t));
        bumpSize(action).ifPresent(size -> text.append(", a ").append(size));
        return text.append("  (for ")
                .append(count(action.reasons().size(), "violation"))
                .append(')')
                .toString();
    }

    /**
     * How big a step a bump is, in words: {@code patch bump}, {@code bump of unknown size}.
     *
     * @param action an action
     * @return the words, or empty for an action that is not a bump
     */
    static Optional<String> bumpSize(Action action) {
        return action.size()
                .map(size -> size == BumpSize.UNKNOWN
                        ? "bump of unknown size"
                        : size.name().toLowerCase(Locale.ROOT) + " bump");
    }

    private <T> void section(List<T> items, String one, String many, Function<T, String> describe) {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        line(items.size() == 1 ? "1 " + one + ":" : items.size() + " " + many + ":");
        items.forEach(item -> line("  " + describe.apply(item)));
    }

    static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    private void field(String name, String value) {
        line(String.format(Locale.ROOT, "%-8s %s", name, value));
    }

    private void line(String text) {
        out.println(ReportText.clean(text));
    }
}
