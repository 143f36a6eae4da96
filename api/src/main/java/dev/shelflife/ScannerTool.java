package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tool that wrote a report. Named {@code Scanner} before 0.2, which clashed with
 * {@code java.util.Scanner} in wildcard imports.
 *
 * @param name the scanner's name ({@code Trivy}, {@code Grype}, {@code Snyk Container})
 * @param version its version, when the report says
 * @since 0.1
 */
public record ScannerTool(String name, Optional<String> version) {

    /** Validates the parts. */
    public ScannerTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * A scanner with a known or unknown version.
     *
     * @param name the name
     * @param version the version, or {@code null} when unknown
     * @return the scanner
     */
    public static ScannerTool of(String name, @Nullable String version) {
        return new ScannerTool(name, Optional.ofNullable(version).filter(v -> !v.isBlank()));
    }

    @Override
    public String toString() {
        return version.map(v -> name + " " + v).orElse(name);
    }
}
