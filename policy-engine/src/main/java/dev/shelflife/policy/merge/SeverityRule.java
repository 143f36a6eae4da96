package dev.shelflife.policy.merge;

import dev.shelflife.Rating;
import dev.shelflife.Severity;
import dev.shelflife.policy.internal.PackageIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the severity of a vulnerability that several scanners report is chosen: the
 * {@linkplain FindingGroup#severity() effective severity} of a merged {@link FindingGroup}.
 *
 * <ul>
 * <li>{@link #HIGHEST} (the default): the highest of the scanners' severities. Conservative: no
 *     scanner's judgement is lowered.</li>
 * <li>{@link #PREFER_VENDOR}: a vendor's rating over NVD's. For a distribution package (a deb,
 *     rpm or apk package, with the distribution named by its package URL or package type), the
 *     highest severity that distribution gave, among the scanners' severities and the per-source
 *     ratings their reports carry (a source counts when its name starts with the distribution's:
 *     Trivy's {@code debian}, Grype's {@code debian:distro:debian:12}); a distribution rates a
 *     flaw for its own build and configuration, where NVD rates the upstream code. Otherwise, or
 *     when the distribution gave none, the highest of the scanners' severities whose source is not
 *     NVD (GHSA, a scanner vendor's own database); and when every one is NVD's or unsourced, the
 *     highest.</li>
 * <li>{@link #preferScanner(String) PREFER_SCANNER}: the named scanner's severity (the highest, if
 *     it reported the vulnerability twice); the highest of the others' when that scanner did not
 *     report it or gave no severity.</li>
 * </ul>
 * {@link Severity#UNKNOWN} ranks below every known severity, so it is chosen only when nothing
 * else is known. A group seen by one scanner has that scanner's severity under {@code HIGHEST}
 * and {@code PREFER_SCANNER}, and may get one of its report's vendor ratings under
 * {@code PREFER_VENDOR}.
 *
 * @param kind how to choose
 * @param scanner the preferred scanner's name, for {@link Kind#PREFER_SCANNER} only; compared
 *     ignoring case
 * @since 0.1
 */
public record SeverityRule(Kind kind, Optional<String> scanner) {

    /**
     * The ways of choosing.
     *
     * @since 0.1
     */
    public enum Kind {
        /** The highest of the scanners' severities. */
        HIGHEST,
        /** A vendor's rating over NVD's. */
        PREFER_VENDOR,
        /** One scanner's severity over the others'. */
        PREFER_SCANNER
    }

    /** The highest of the scanners' severities. */
    public static final SeverityRule HIGHEST = new SeverityRule(Kind.HIGHEST, Optional.empty());

    /** The highest vendor rating, NVD's only when no vendor rated it. */
    public static final SeverityRule PREFER_VENDOR = new SeverityRule(Kind.PREFER_VENDOR, Optional.empty());

    private static final Comparator<Choice> BY_SEVERITY = Comparator.comparing(Choice::severity);

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if a scanner is named for another kind than
     *     {@code PREFER_SCANNER}, or none (or a blank one) for it
     */
    public SeverityRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scanner, "scanner");
        if (kind == Kind.PREFER_SCANNER && scanner.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("PREFER_SCANNER needs the scanner's name");
        }
        if (kind != Kind.PREFER_SCANNER && scanner.isPresent()) {
            throw new IllegalArgumentException(kind + " takes no scanner name");
        }
    }

    /**
     * Prefers one scanner's severity.
     *
     * @param name the scanner's name as its reports give it ({@code Trivy}, {@code grype}), ignoring case
     * @return the rule
     */
    public static SeverityRule preferScanner(String name) {
        return new SeverityRule(
                Kind.PREFER_SCANNER,
                Optional.of(Objects.requireNonNull(name, "name").strip()));
    }

    /**
     * Reads a rule as the command line writes it: {@code highest}, {@code vendor} or
     * {@code scanner:NAME}.
     *
     * @param text the text
     * @return the rule
     * @throws IllegalArgumentException if the text is none of these
     */
    public static SeverityRule parse(String text) {
        Objects.requireNonNull(text, "text");
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("highest")) {
            return HIGHEST;
        }
        if (lower.equals("vendor")) {
            return PREFER_VENDOR;
        }
        if (lower.startsWith("scanner:")
                && !text.strip().substring("scanner:".length()).isBlank()) {
            return preferScanner(text.strip().substring("scanner:".length()));
        }
        throw new IllegalArgumentException(
                "unknown severity rule \"" + text + "\": expected highest, vendor or scanner:NAME");
    }

    /**
     * The rule as {@link #parse(String)} reads it.
     *
     * @return {@code highest}, {@code vendor} or {@code scanner:NAME}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case HIGHEST -> "highest";
            case PREFER_VENDOR -> "vendor";
            case PREFER_SCANNER -> "scanner:" + scanner.orElseThrow();
        };
    }

    /**
     * One severity and where it came from.
     *
     * @param severity the severity
     * @param source the source that rated it, if the report says
     * @param scanner the name of the scanner whose report carried it
     */
    record Choice(Severity severity, Optional<String> source, String scanner) {}

    /** Chooses the effective severity of a group's sightings, of which there is at least one. */
    Choice choose(List<Sighting> sightings) {
        if (sightings.size() == 1 && kind != Kind.PREFER_VENDOR) {
            // One scanner's word is the highest, and the preferred scanner's or else the others' highest.
            return headline(sightings.get(0));
        }
        List<Choice> headlines = sightings.stream().map(SeverityRule::headline).toList();
        Choice highest = highest(headlines).orElseThrow();
        return switch (kind) {
            case HIGHEST -> highest;
            case PREFER_VENDOR ->
                highest(distributionChoices(sightings))
                        .or(() -> highest(headlines.stream()
                                .filter(c -> c.source()
                                        .filter(SeverityRule::isVendor)
                                        .isPresent())
                                .filter(c -> c.severity() != Severity.UNKNOWN)
                                .toList()))
                        .orElse(highest);
            case PREFER_SCANNER ->
                highest(headlines.stream()
                                .filter(c -> c.scanner().equalsIgnoreCase(scanner.orElseThrow())
                                        && c.severity() != Severity.UNKNOWN)
                                .toList())
                        .orElse(highest);
        };
    }

    private static Choice headline(Sighting sighting) {
        return new Choice(
                sighting.finding().severity(),
                sighting.finding().vulnerability().severitySource(),
                sighting.scanner().name());
    }

    /** The severities the package's distribution gave, in the scanners' verdicts and their reports' ratings. */
    private static List<Choice> distributionChoices(List<Sighting> sightings) {
        Optional<String> distribution = sightings.stream()
                .map(s -> PackageIdentity.distribution(s.finding().pkg()))
                .flatMap(Optional::stream)
                .findFirst();
        if (distribution.isEmpty()) {
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        for (Sighting sighting : sightings) {
            String scannerName = sighting.scanner().name();
            choices.add(new Choice(
                    sighting.finding().severity(),
                    sighting.finding().vulnerability().severitySource(),
                    scannerName));
            for (Rating rating : sighting.finding().vulnerability().ratings()) {
                rating.severity().ifPresent(s -> choices.add(new Choice(s, Optional.of(rating.source()), scannerName)));
            }
        }
        return choices.stream()
                .filter(c -> c.severity() != Severity.UNKNOWN
                        && c.source()
                                .filter(s -> s.toLowerCase(Locale.ROOT).startsWith(distribution.get()))
                                .isPresent())
                .toList();
    }

    /** Any named source but NVD ({@code nvd}, Grype's {@code nvd:cpe}, {@code nvd@nist.gov}). */
    private static boolean isVendor(String source) {
        return !source.isBlank() && !source.toLowerCase(Locale.ROOT).contains("nvd");
    }

    /** The highest choice; the first of equals, so that the report order decides ties. */
    private static Optional<Choice> highest(List<Choice> choices) {
        Choice best = null;
        for (Choice choice : choices) {
            if (best == null || BY_SEVERITY.compare(choice, best) > 0) {
                best = choice;
            }
        }
        return Optional.ofNullable(best);
    }
}
