package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One source's judgement of a vulnerability: a severity, a CVSS score and vector, or both.
 *
 * <p>Reports often carry several: Trivy's {@code CVSS} map keyed by {@code nvd}, {@code redhat}
 * and {@code ghsa}; Grype's distro severity beside the NVD one of the related record; CycloneDX
 * ratings with a severity but no score. All are kept, so a policy can choose.
 *
 * @param source who rated it ({@code nvd}, {@code redhat}, {@code debian}, {@code snyk})
 * @param severity the severity this source gives, if it gives one
 * @param score the CVSS base score, if known
 * @param vector the CVSS vector string ({@code CVSS:3.1/AV:N/…}), if known
 * @since 0.1
 */
public record Rating(String source, Optional<Severity> severity, Optional<Double> score, Optional<String> vector) {

    /** Validates the parts. */
    public Rating {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(vector, "vector");
        score.ifPresent(s -> {
            if (!(s >= 0.0 && s <= 10.0)) {
                throw new IllegalArgumentException("CVSS score out of range 0..10: " + s);
            }
        });
    }

    /**
     * A rating from nullable parts, as DTOs deliver them.
     *
     * @param source the source
     * @param severity the severity, or {@code null}
     * @param score the score, or {@code null}
     * @param vector the vector, or {@code null}
     * @return the rating
     */
    public static Rating of(
            String source, @Nullable Severity severity, @Nullable Double score, @Nullable String vector) {
        return new Rating(
                source,
                Optional.ofNullable(severity),
                Optional.ofNullable(score),
                Optional.ofNullable(vector).filter(v -> !v.isEmpty()));
    }
}
