package dev.shelflife;

import java.util.Objects;

/**
 * Something an adapter could not read as it stands, recorded on the report instead of being lost.
 *
 * <p>A problem of kind {@link Kind#SKIPPED_ENTRY} stands for a whole vulnerability entry that did
 * not become a finding, so that {@code entries = findings + duplicates + skipped} always holds.
 * The other kinds describe a value that was coerced or ignored inside an entry that was kept, or a
 * part of the document that was not read or is missing, where entries may have been.
 *
 * @param kind what happened
 * @param message what the adapter saw and what it did, for a person
 * @param location where in the report
 * @since 0.1
 */
public record Problem(Kind kind, String message, ReportLocation location) {

    /**
     * What happened to the input.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A vulnerability entry was skipped: it is not a finding. */
        SKIPPED_ENTRY,
        /** A value was not understood and replaced by an {@code UNKNOWN} or empty value. */
        COERCED_VALUE,
        /**
         * A field or a part of the document was not read (for example a reference to nothing, or
         * a key spelled otherwise than the format spells it, such as Trivy's {@code Vulnerabilities}
         * written {@code vulnerabilities}, or another format's container of entries).
         */
        IGNORED_VALUE,
        /** The scanner itself ignored a match (for example Grype's {@code ignoredMatches}). */
        IGNORED_BY_SCANNER,
        /**
         * A part that every real report of the format carries is absent, so what it would have
         * said is unknown: a SchemaVersion 2 Trivy report without {@code Results}, a Grype match
         * without its {@code fix}, a SARIF run without {@code results}. The report may be cut
         * down or edited, or the scanner did not scan what it usually does; its findings may be
         * missing.
         *
         * @since 0.2
         */
        MISSING_VALUE
    }

    /**
     * Validates the parts.
     */
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
