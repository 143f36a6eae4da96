package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The format a report was written in, as the adapter that read it names it.
 *
 * @param adapterId the id of the adapter that reads it ({@code trivy})
 * @param name the format's name ({@code trivy-json}, {@code trivy-legacy-array}, {@code cyclonedx-xml})
 * @param schemaVersion the schema or spec version the document declares, when it declares one
 * @since 0.1
 */
public record ReportFormat(String adapterId, String name, Optional<String> schemaVersion) {

    /** Validates the parts. */
    public ReportFormat {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
    }

    /**
     * A format with a known or unknown schema version.
     *
     * @param adapterId the adapter's id
     * @param name the format's name
     * @param schemaVersion the schema version, or {@code null}
     * @return the format
     */
    public static ReportFormat of(String adapterId, String name, @Nullable String schemaVersion) {
        return new ReportFormat(adapterId, name, Optional.ofNullable(schemaVersion));
    }

    @Override
    public String toString() {
        return name + schemaVersion.map(v -> " (schema " + v + ")").orElse("");
    }
}
