package dev.shelflife;

import java.util.Objects;
import java.util.Optional;

/**
 * A software component listed by an SBOM, vulnerable or not.
 *
 * @param name the component's name
 * @param version its version, if given
 * @param purl its package URL exactly as written, if given
 * @param type its type ({@code library}, {@code operating-system}, {@code container}), if given
 * @param ref the document-local reference ({@code bom-ref}), if given
 * @since 0.1
 */
public record Component(
        String name, Optional<String> version, Optional<String> purl, Optional<String> type, Optional<String> ref) {

    /** Validates the parts. */
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(purl, "purl");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ref, "ref");
    }
}
