package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a policy's waivers and an image's VEX statements to its findings: what is left for the
 * rules, which waivers applied to what, which matched nothing, which expired, and when the
 * active ones expire.
 *
 * <p>VEX statements take a finding out when, of the statements about it, the one made last
 * {@linkplain VexStatement.State#suppressesFinding() suppresses findings}: {@link Statements} says
 * which statements are about a finding (by vulnerability, and by product: a package, the image
 * being judged, packages within either) and which of them speaks last.
 *
 * <p>A finding that names several CVEs (a distribution advisory that covers them) is taken out
 * by what names it (a waiver or statement for the advisory's id), or when every one of its CVEs
 * is: each by a waiver or statement that would take out a finding of that CVE alone in the same
 * package. A waiver for one of them alone leaves it in, since it stands for the others too.
 *
 * @param remaining the findings no waiver or statement took out
 * @param applied the waivers, then the statements, that took findings out
 * @param unmatched the active waivers covering the stage that matched nothing
 * @param expired the waivers covering the stage that have expired
 * @param active the active waivers covering the stage, whose expiries change the verdict
 */
record Exemptions(
        List<Finding> remaining,
        List<AppliedWaiver> applied,
        List<Waiver> unmatched,
        List<Waiver> expired,
        List<Waiver> active) {

    /** The waivers that cover a stage, in the policy's order: stages covered by the same ones are exempted alike. */
    static List<Waiver> covering(List<Waiver> waivers, Stage stage) {
        return waivers.stream().filter(w -> w.covers(stage)).toList();
    }

    /**
     * Applies the waivers that cover a stage, and the statements, to the findings.
     *
     * @param covering the policy's waivers that cover the stage, as {@link #covering} lists them
     */
    static Exemptions apply(List<Waiver> covering, Statements statements, Instant at, List<Finding> findings) {
        List<Waiver> active = covering.stream().filter(w -> w.isActiveAt(at)).toList();
        List<Waiver> expired = covering.stream().filter(w -> !w.isActiveAt(at)).toList();
        if (active.isEmpty() && !statements.anySuppressing()) {
            return new Exemptions(List.copyOf(findings), List.of(), List.of(), expired, List.of());
        }
        Map<Waiver, List<Finding>> byWaiver = new LinkedHashMap<>();
        active.forEach(w -> byWaiver.put(w, new ArrayList<>()));
        Map<Integer, List<Finding>> byStatement = new LinkedHashMap<>();
        List<Finding> remaining = new ArrayList<>();
        for (Finding finding : findings) {
            List<Waiver> waivedBy = new ArrayList<>();
            List<Integer> suppressedBy = new ArrayList<>();
            boolean waived = exempt(finding, active, statements, waivedBy, suppressedBy);
            if (!waived) {
                Set<String> cves = VulnerabilityIdentity.cves(finding.vulnerability());
                waived = cves.size() > 1
                        && cves.stream()
                                .allMatch(
                                        cve -> exempt(alone(finding, cve), active, statements, waivedBy, suppressedBy));
                if (!waived) {
                    waivedBy.clear();
                    suppressedBy.clear();
                }
            }
            waivedBy.forEach(waiver -> {
                List<Finding> matched = byWaiver.get(waiver);
                if (matched.isEmpty() || matched.get(matched.size() - 1) != finding) {
                    matched.add(finding);
                }
            });
            suppressedBy.stream()
                    .distinct()
                    .forEach(i -> byStatement
                            .computeIfAbsent(i, k -> new ArrayList<>())
                            .add(finding));
            if (!waived) {
                remaining.add(finding);
            }
        }
        List<AppliedWaiver> applied = new ArrayList<>();
        byWaiver.forEach((waiver, matched) -> {
            if (!matched.isEmpty()) {
                applied.add(new AppliedWaiver(
                        waiver.id(),
                        AppliedWaiver.Origin.POLICY,
                        Optional.of(waiver.owner()),
                        waiver.reason(),
                        Optional.of(waiver.expires()),
                        matched));
            }
        });
        byStatement.forEach((index, matched) -> {
            VexStatement statement = statements.get(index);
            applied.add(new AppliedWaiver(
                    "vex:" + statement.vulnerabilityId(),
                    AppliedWaiver.Origin.VEX,
                    Optional.empty(),
                    reason(statement),
                    Optional.empty(),
                    matched));
        });
        List<Waiver> unmatched =
                active.stream().filter(w -> byWaiver.get(w).isEmpty()).toList();
        return new Exemptions(List.copyOf(remaining), List.copyOf(applied), unmatched, expired, active);
    }

    /**
     * Whether waivers or statements take a finding out, adding those that do to the lists.
     *
     * @return {@code true} if any does
     */
    private static boolean exempt(
            Finding finding,
            List<Waiver> active,
            Statements statements,
            List<Waiver> waivedBy,
            List<Integer> suppressedBy) {
        boolean waived = false;
        for (Waiver waiver : active) {
            if (waiver.matches(finding)) {
                waivedBy.add(waiver);
                waived = true;
            }
        }
        int deciding = statements.deciding(finding);
        if (deciding >= 0 && statements.get(deciding).state().suppressesFinding()) {
            suppressedBy.add(deciding);
            waived = true;
        }
        return waived;
    }

    /** A finding of one CVE of an advisory, alone, in the advisory's package. */
    private static Finding alone(Finding advisory, String cve) {
        return new Finding(Vulnerability.builder(cve).build(), advisory.pkg(), advisory.fix(), advisory.target());
    }

    private static String reason(VexStatement statement) {
        StringBuilder text = new StringBuilder("VEX " + statement.state().name().toLowerCase(Locale.ROOT));
        statement.justification().ifPresent(j -> text.append(": ").append(j));
        statement.detail().ifPresent(d -> text.append(" (").append(d).append(')'));
        return text.toString();
    }
}
