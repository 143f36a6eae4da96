package dev.shelflife.history;

import dev.shelflife.ImageRef;
import java.util.Objects;

/**
 * A report as a store recorded it.
 *
 * @param id the content hash it is recorded under ({@code sha256:…}); recording the same content again gives the same id
 * @param lineage the lineage of the image it is about
 * @param image the image it is about
 * @param added {@code true} if this call recorded it, {@code false} if it already was recorded
 * @since 0.2
 */
public record Recorded(String id, String lineage, ImageRef image, boolean added) {

    /** Validates the parts. */
    public Recorded {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(image, "image");
    }
}
