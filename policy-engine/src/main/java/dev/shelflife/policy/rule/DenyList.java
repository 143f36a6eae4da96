package dev.shelflife.policy.rule;

import dev.shelflife.Finding;
import dev.shelflife.PackageUrl;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.Phrases;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rule {@code deny}: a finding of a denied vulnerability, or in a denied package, is a violation
 * whatever its severity or age.
 *
 * <p>A vulnerability entry matches the finding's id or one of its aliases, ignoring case. A
 * package entry is either a package name, matched exactly, or a package URL prefix (it starts
 * with {@code pkg:}), matched against the finding's package URL with qualifiers and subpath
 * removed and percent-encoding decoded: {@code pkg:maven/org.apache.logging.log4j/log4j-core@2.14}
 * matches {@code 2.14.0} and {@code 2.14.1}; {@code pkg:npm/} entries are too short to be valid.
 *
 * @param id the rule's id; {@code deny} by default
 * @param effect whether its violations block or warn
 * @param vulnerabilities the denied vulnerability ids
 * @param packages the denied package names and package URL prefixes
 * @since 0.1
 */
public record DenyList(String id, Effect effect, List<String> vulnerabilities, List<String> packages) implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "deny";

    /**
     * Validates the parts and copies the lists.
     *
     * @throws IllegalArgumentException if the id is blank, both lists are empty, an entry is
     *     blank, or a {@code pkg:} entry is not a package URL
     */
    public DenyList {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        vulnerabilities = List.copyOf(vulnerabilities);
        packages = List.copyOf(packages);
        if (vulnerabilities.isEmpty() && packages.isEmpty()) {
            throw new IllegalArgumentException("a deny list needs at least one vulnerability or package");
        }
        if (vulnerabilities.stream().anyMatch(String::isBlank)
                || packages.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("deny list entries must not be blank");
        }
        for (String entry : packages) {
            if (isPurl(entry) && PackageUrl.parse(entry).isEmpty()) {
                throw new IllegalArgumentException(
                        "\"" + entry + "\" is not a package URL prefix: pkg:TYPE/NAME at least");
            }
        }
    }

    /**
     * A blocking deny list.
     *
     * @param vulnerabilities the denied vulnerability ids
     * @param packages the denied package names and package URL prefixes
     * @return the rule
     */
    public static DenyList of(List<String> vulnerabilities, List<String> packages) {
        return new DenyList(TYPE, Effect.BLOCK, vulnerabilities, packages);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public DenyList withId(String newId) {
        return new DenyList(newId, effect, vulnerabilities, packages);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public DenyList withEffect(Effect newEffect) {
        return new DenyList(id, newEffect, vulnerabilities, packages);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        for (Finding finding : context.findings()) {
            denial(finding).ifPresent(entry -> {
                result.violation(Violation.builder(
                                id, Phrases.finding(finding) + " is denied (" + entry + "); " + Phrases.fix(finding))
                        .effect(effect)
                        .finding(finding)
                        .build());
                result.actions(context.remedies(finding, Phrases.reason(id, finding)));
            });
        }
        return result.build();
    }

    private Optional<String> denial(Finding finding) {
        Optional<String> vulnerability = vulnerabilities.stream()
                .filter(v -> VulnerabilityIdentity.isKnownAsIgnoringCase(finding, v))
                .findFirst();
        if (vulnerability.isPresent()) {
            return vulnerability.map(v -> "vulnerability " + v);
        }
        Optional<String> installed =
                finding.pkg().purl().flatMap(PackageUrl::parse).map(DenyList::prefixable);
        return packages.stream()
                .filter(p -> isPurl(p)
                        ? installed
                                .filter(i -> i.startsWith(
                                        prefixable(PackageUrl.parse(p).orElseThrow())))
                                .isPresent()
                        : finding.pkg().name().equals(p))
                .findFirst()
                .map(p -> "package " + p);
    }

    private static boolean isPurl(String entry) {
        return entry.regionMatches(true, 0, "pkg:", 0, 4);
    }

    /**
     * The rule type {@code deny} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<DenyList> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    DenyList.class,
                    "denied vulnerabilities and packages are violations whatever their severity",
                    List.of(
                            RuleKey.optional(
                                    "vulnerabilities",
                                    ValueType.TEXTS,
                                    "none",
                                    "vulnerability ids, matched against the finding's id and aliases, ignoring case"
                                            + " (`CVE-2021-44228` catches Grype's `GHSA-jfh8-c2jp-5v3q`); give this key,"
                                            + " `packages`, or both"),
                            RuleKey.optional(
                                    "packages",
                                    ValueType.TEXTS,
                                    "none",
                                    "package names, matched exactly, or package-URL prefixes starting with `pkg:`, matched"
                                            + " against the finding's package URL with qualifiers and subpath removed and"
                                            + " percent-encoding decoded: `pkg:maven/org.apache.logging.log4j/log4j-core@2.14`"
                                            + " matches `2.14.0` and `2.14.1`; `pkg:deb/debian/telnet` matches `telnet` and"
                                            + " `telnetd`")),
                    Type::read,
                    """
                *Java: `DenyList.of(List.of("CVE-2021-44228"), List.of("telnet"))`.* A finding of a denied
                vulnerability, or in a denied package, is a violation whatever its severity, age or fix state.

                The deny list applies to *findings*, that is to packages with a known vulnerability; forbidding
                a package that has none is not a vulnerability policy. Actions: a [bump](#actions) when a fix is
                available.
                """);
        }

        private static Optional<DenyList> read(RuleNode node) {
            Optional<List<String>> vulnerabilities = node.optional("vulnerabilities", ValueType.TEXTS, List.of());
            Optional<List<String>> packages = node.optional("packages", ValueType.TEXTS, List.of());
            Optional<DenyList> rule = vulnerabilities.isEmpty() || packages.isEmpty()
                    ? Optional.empty()
                    : node.construct(() -> DenyList.of(vulnerabilities.get(), packages.get()));
            return node.idAndEffect(rule, DenyList::withId, DenyList::withEffect);
        }
    }

    /** A package URL as the prefixes are matched: coordinates and version, decoded, without qualifiers or subpath. */
    private static String prefixable(PackageUrl purl) {
        return purl.coordinates() + purl.version().map(v -> "@" + v).orElse("");
    }
}
