package dev.shelflife.cyclonedx;

import dev.shelflife.Rating;
import dev.shelflife.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses one severity for a vulnerability among its CycloneDX ratings, which may carry a
 * severity without a score, a score without a severity, and come from several sources. The
 * first rule that yields a severity decides:
 *
 * <ol>
 *   <li>the first rating from the vulnerability's own {@code source} (a rating without a source
 *       counts as the vulnerability's own): the database the scanner took the entry from, which
 *       is the severity Trivy (vendor severity) and Grype (its one severity-only rating) report;</li>
 *   <li>the rating of the newest CVSS method (v4, v3.1, v3, v2), the first of equals;</li>
 *   <li>the first rating with any other method, or none;</li>
 *   <li>only when no rating names a severity at all, not even {@code unknown}: the newest CVSS
 *       score, in the bands of its CVSS version;</li>
 *   <li>otherwise {@link Severity#UNKNOWN}.</li>
 * </ol>
 *
 * A rating's {@code unknown} severity never wins over a known one.
 */
final class SeverityChoice {

    /** A rating with its CycloneDX {@code method}, which ranks it. */
    record Rated(Rating rating, String method) {}

    /**
     * The chosen severity and who gave it.
     *
     * @param severity the severity
     * @param source the rating's source, or {@code null} when no rating decided
     */
    record Choice(Severity severity, String source) {}

    private SeverityChoice() {}

    /**
     * Chooses.
     *
     * @param vulnerabilitySource the vulnerability's {@code source.name}, or {@code ""}
     * @param ratings the ratings, in document order, their sources filled in
     * @return the choice
     */
    static Choice choose(String vulnerabilitySource, List<Rated> ratings) {
        Optional<Rated> own = ratings.stream()
                .filter(r -> isKnown(r) && r.rating().source().equalsIgnoreCase(vulnerabilitySource))
                .findFirst();
        Optional<Rated> decided = own.or(() -> newestCvss(
                        ratings.stream().filter(SeverityChoice::isKnown).toList()))
                .or(() -> ratings.stream().filter(SeverityChoice::isKnown).findFirst());
        if (decided.isPresent()) {
            Rating rating = decided.get().rating();
            return new Choice(rating.severity().orElseThrow(), rating.source());
        }
        if (ratings.stream().noneMatch(r -> r.rating().severity().isPresent())) {
            Optional<Rated> scored = newestCvss(
                    ratings.stream().filter(r -> r.rating().score().isPresent()).toList());
            if (scored.isPresent()) {
                Rated rated = scored.get();
                return new Choice(
                        bands(cvssRank(rated.method()), rated.rating().score().orElseThrow()),
                        rated.rating().source());
            }
        }
        return new Choice(Severity.UNKNOWN, null);
    }

    private static boolean isKnown(Rated rated) {
        return rated.rating().severity().filter(s -> s != Severity.UNKNOWN).isPresent();
    }

    private static Optional<Rated> newestCvss(List<Rated> ratings) {
        Rated newest = null;
        for (Rated rated : ratings) {
            if (cvssRank(rated.method()) > (newest == null ? 0 : cvssRank(newest.method()))) {
                newest = rated;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** 4 for CVSS v4, 3 for v3.1, 2 for v3.0, 1 for v2, 0 for any other method. */
    private static int cvssRank(String method) {
        if (method == null) {
            return 0;
        }
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "cvssv4" -> 4;
            case "cvssv31" -> 3;
            case "cvssv3" -> 2;
            case "cvssv2" -> 1;
            default -> 0;
        };
    }

    /** The qualitative bands of the CVSS specifications: v2 knows no critical and no none. */
    private static Severity bands(int rank, double score) {
        if (rank == 1) {
            return score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
        }
        if (score == 0.0) {
            return Severity.NEGLIGIBLE;
        }
        return score >= 9.0
                ? Severity.CRITICAL
                : score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }
}
