package dev.shelflife;

import java.util.List;
import java.util.Objects;

/**
 * The images a team ships under one name, and what their recorded history remembers for the
 * clocks: {@code first-seen} and {@code fix-available} count per lineage, so that rebuilding an
 * image without fixing a finding does not restart its SLA. A history store makes it; the policy
 * engine only reads it.
 *
 * @param name the lineage's name; by default the repository without tag or digest ({@code ghcr.io/acme/shop-api})
 * @param findings what the lineage's recorded scans remember, one entry per vulnerability and package
 * @since 0.2
 */
public record Lineage(String name, List<LineageFinding> findings) {

    /**
     * Validates the parts and copies the list.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public Lineage {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a lineage needs a name");
        }
        findings = List.copyOf(findings);
    }

    /**
     * The default lineage of an image: its registry and repository, without tag or digest.
     *
     * @param ref the image's reference
     * @return for example {@code ghcr.io/acme/shop-api} for {@code ghcr.io/acme/shop-api:1.4.2}
     */
    public static String defaultName(ImageRef ref) {
        return ref.name();
    }
}
