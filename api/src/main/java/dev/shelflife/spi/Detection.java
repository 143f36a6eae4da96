package dev.shelflife.spi;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An adapter's answer to "is this a report you read?", from a look at the structure of the input.
 *
 * <p>A confidence of at least {@link #MATCH} is a claim; below it, the confidence and reason still
 * help {@code ScannerAdapters} name the closest candidate when nothing claims the input. A claim
 * is exclusive: when two adapters claim one input, {@code ScannerAdapters} refuses to choose
 * between them (an {@code AmbiguousReportException}), whatever their confidences. So claim only
 * what the input's own structure shows to be the adapter's format, and never a document that
 * shows another format's identifying keys.
 *
 * @param confidence how sure the adapter is, 0 (not at all) to 1 (certain)
 * @param format the format it recognised ({@code trivy-json}), or what it looked for
 * @param schemaVersion the schema version it saw, if any
 * @param reason what the adapter saw, for a person
 * @since 0.1
 */
public record Detection(double confidence, String format, Optional<String> schemaVersion, String reason) {

    /** The confidence from which a detection claims the input; two claims of one input are an ambiguity. */
    public static final double MATCH = 0.5;

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the confidence lies outside 0..1
     */
    public Detection {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must lie in 0..1, got " + confidence);
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A certain claim.
     *
     * @param format the recognised format
     * @param schemaVersion the schema version seen, or {@code null}
     * @param reason what identified it
     * @return the detection
     */
    public static Detection certain(String format, @Nullable String schemaVersion, String reason) {
        return new Detection(1.0, format, Optional.ofNullable(schemaVersion), reason);
    }

    /**
     * A detection of the given confidence.
     *
     * @param confidence 0..1
     * @param format the format recognised or looked for
     * @param reason what was seen
     * @return the detection
     */
    public static Detection of(double confidence, String format, String reason) {
        return new Detection(confidence, format, Optional.empty(), reason);
    }

    /**
     * No claim at all.
     *
     * @param format the format looked for
     * @param reason why not
     * @return a detection of confidence 0
     */
    public static Detection none(String format, String reason) {
        return of(0.0, format, reason);
    }

    /**
     * Whether this detection claims the input.
     *
     * @return {@code true} if the confidence is at least {@link #MATCH}
     */
    public boolean isMatch() {
        return confidence >= MATCH;
    }
}
