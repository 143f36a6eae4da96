package dev.shelflife;

import java.util.Objects;

/**
 * One vulnerability entry of a report: a vulnerability in a package, with its fix, in a target.
 *
 * <p>Every entry is kept: the same CVE in three binary packages of one source package is three
 * findings. Two findings are equal only when every part is; the report collapses such exact
 * duplicates and counts them.
 *
 * @param vulnerability the vulnerability
 * @param pkg the affected package
 * @param fix whether and how it can be fixed
 * @param target the part of the artifact it was found in ({@code alpine:3.19 (alpine 3.19.1)},
 *     {@code Java}, {@code package-lock.json}); {@code ""} when the report has no targets
 * @since 0.1
 */
public record Finding(Vulnerability vulnerability, InstalledPackage pkg, Fix fix, String target) {

    /** Validates the parts. */
    public Finding {
        Objects.requireNonNull(vulnerability, "vulnerability");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(target, "target");
    }

    /**
     * A finding's shorthand for its vulnerability's severity.
     *
     * @return the severity the scanner chose
     */
    public Severity severity() {
        return vulnerability.severity();
    }

    @Override
    public String toString() {
        return vulnerability.id() + " " + vulnerability.severity() + " in " + pkg.name()
                + pkg.version().map(v -> " " + v).orElse("") + " (" + fix.state() + ")";
    }
}
