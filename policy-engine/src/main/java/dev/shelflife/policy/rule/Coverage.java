package dev.shelflife.policy.rule;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.Problem;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rule {@code coverage}: what to do when the evidence is incomplete. Each gap is treated as
 * {@code FAIL} (fail-closed: a violation with the rule's effect), {@code WARN} or {@code IGNORE}
 * (fail-open):
 * <ul>
 * <li>{@code noScan}: the record has no vulnerability scan at all (asks for a rescan); an
 *     inventory (an SBOM) or an assessment (VEX) is not a scan;</li>
 * <li>{@code reportProblems}: a latest report has problems (skipped entries, coerced or ignored
 *     values; not matches the scanner itself was told to ignore), so findings may be missing;
 *     one violation per report;</li>
 * <li>{@code unknownSeverity}: a finding has severity {@code UNKNOWN}, which no severity
 *     threshold ranks; one violation per finding.</li>
 * </ul>
 *
 * @param id the rule's id; {@code coverage} by default
 * @param effect whether its fail-closed violations block or warn
 * @param noScan what to do when there is no scan
 * @param reportProblems what to do about a report with problems
 * @param unknownSeverity what to do about a finding of unknown severity
 * @since 0.1
 */
public record Coverage(String id, Effect effect, Treatment noScan, Treatment reportProblems, Treatment unknownSeverity)
        implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "coverage";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is blank
     */
    public Coverage {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(noScan, "noScan");
        Objects.requireNonNull(reportProblems, "reportProblems");
        Objects.requireNonNull(unknownSeverity, "unknownSeverity");
    }

    /**
     * A blocking coverage rule that fails closed on every gap.
     *
     * @return the rule
     */
    public static Coverage failClosed() {
        return new Coverage(TYPE, Effect.BLOCK, Treatment.FAIL, Treatment.FAIL, Treatment.FAIL);
    }

    /**
     * A copy that treats a missing scan differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public Coverage noScan(Treatment treatment) {
        return new Coverage(id, effect, treatment, reportProblems, unknownSeverity);
    }

    /**
     * A copy that treats reports with problems differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public Coverage reportProblems(Treatment treatment) {
        return new Coverage(id, effect, noScan, treatment, unknownSeverity);
    }

    /**
     * A copy that treats findings of unknown severity differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public Coverage unknownSeverity(Treatment treatment) {
        return new Coverage(id, effect, noScan, reportProblems, treatment);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public Coverage withId(String newId) {
        return new Coverage(newId, effect, noScan, reportProblems, unknownSeverity);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public Coverage withEffect(Effect newEffect) {
        return new Coverage(id, newEffect, noScan, reportProblems, unknownSeverity);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        if (context.record().scans().isEmpty()) {
            noScan.effect(effect).ifPresent(e -> {
                String message = "no vulnerability scan of this image" + otherEvidence(context.record()) + " (no-scan: "
                        + noScan.key() + ")";
                result.violation(Violation.builder(id, message).effect(e).build());
                result.action(Action.rescan(id + ": " + message));
            });
        }
        for (ScanReport report : context.latestReports()) {
            List<Problem> problems = report.problems().stream()
                    .filter(p -> p.kind() != Problem.Kind.IGNORED_BY_SCANNER)
                    .toList();
            if (!problems.isEmpty()) {
                reportProblems
                        .effect(effect)
                        .ifPresent(e -> result.violation(Violation.builder(
                                        id,
                                        describe(report, problems) + " (report-problems: " + reportProblems.key() + ")")
                                .effect(e)
                                .build()));
            }
        }
        for (Finding finding : context.findings()) {
            if (finding.severity() == Severity.UNKNOWN) {
                unknownSeverity
                        .effect(effect)
                        .ifPresent(e -> result.violation(Violation.builder(
                                        id,
                                        Phrases.finding(finding)
                                                + " has no severity a rule can rank (unknown-severity: "
                                                + unknownSeverity.key() + ")")
                                .effect(e)
                                .finding(finding)
                                .build()));
            }
        }
        return result.build();
    }

    /** What was given instead of a scan, so that "no scan" beside an SBOM explains itself. */
    private static String otherEvidence(ImageRecord record) {
        int inventories = record.inventories().size();
        int assessments = record.assessments().size();
        if (inventories + assessments == 0) {
            return "";
        }
        List<String> given = new ArrayList<>();
        if (inventories > 0) {
            given.add(inventories + (inventories == 1 ? " inventory" : " inventories"));
        }
        if (assessments > 0) {
            given.add(assessments + (assessments == 1 ? " assessment" : " assessments"));
        }
        return ": " + String.join(" and ", given) + (inventories + assessments == 1 ? " is" : " are") + " not a scan";
    }

    private static String describe(ScanReport report, List<Problem> problems) {
        Map<String, Long> byKind = problems.stream()
                .collect(Collectors.groupingBy(
                        p -> p.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        TreeMap::new,
                        Collectors.counting()));
        String counts = byKind.entrySet().stream()
                .map(k -> k.getValue() + " " + k.getKey())
                .collect(Collectors.joining(", "));
        return "the " + report.scanner() + " report " + report.format() + " has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ", so findings may be missing: " + counts
                + "; first: " + problems.get(0);
    }

    /**
     * The rule type {@code coverage} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<Coverage> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    Coverage.class,
                    "the evidence must be complete: a scan, reports without problems, known severities",
                    List.of(
                            RuleKey.optional(
                                    "no-scan",
                                    ValueType.TREATMENT,
                                    "`fail`",
                                    "the record has no scan report at all; one violation, and a `RESCAN` action"),
                            RuleKey.optional(
                                    "report-problems",
                                    ValueType.TREATMENT,
                                    "`fail`",
                                    "a [latest report](#which-findings) has problems — entries the adapter skipped, values"
                                            + " it coerced or ignored — so findings may be missing; one violation per report,"
                                            + " naming the first problem with its location. Matches the scanner itself was"
                                            + " told to ignore (Grype's `ignoredMatches`) are not problems"),
                            RuleKey.optional(
                                    "unknown-severity",
                                    ValueType.TREATMENT,
                                    "`fail`",
                                    "a finding has severity `UNKNOWN` (missing or unrecognised), which no threshold ranks;"
                                            + " one violation per finding")),
                    Type::read,
                    """
                *Java: `Coverage.failClosed().reportProblems(Treatment.WARN)`.* What to do when the evidence is
                incomplete. Each gap, a key below, has a [treatment](#rules); `fail` everywhere is fail-closed,
                `ignore` everywhere fail-open.
                """);
        }

        private static Optional<Coverage> read(RuleNode node) {
            Optional<Coverage> rule = Optional.of(Coverage.failClosed());
            rule = node.with(rule, "no-scan", ValueType.TREATMENT, Coverage::noScan);
            rule = node.with(rule, "report-problems", ValueType.TREATMENT, Coverage::reportProblems);
            rule = node.with(rule, "unknown-severity", ValueType.TREATMENT, Coverage::unknownSeverity);
            return node.idAndEffect(rule, Coverage::withId, Coverage::withEffect);
        }
    }
}
