package dev.shelflife.history;

import dev.shelflife.ImageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store needs besides a report to record it: the image it is about when the report does
 * not name one (or names it without the registry the team pushes to), and who records it when.
 *
 * @param image the image the report is about; empty to take it from the report
 * @param recordedAt when it is recorded
 * @param recordedBy who records it ({@code shelflife evaluate}, a CI job's name)
 * @since 0.2
 */
public record RecordContext(Optional<ImageRef> image, Instant recordedAt, String recordedBy) {

    /** Validates the parts. */
    public RecordContext {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(recordedBy, "recordedBy");
    }

    /**
     * A context that takes the image from the report.
     *
     * @param recordedAt when it is recorded
     * @param recordedBy who records it
     * @return the context
     */
    public static RecordContext of(Instant recordedAt, String recordedBy) {
        return new RecordContext(Optional.empty(), recordedAt, recordedBy);
    }

    /**
     * A copy that names the image the report is about.
     *
     * @param ref the image
     * @return the copy
     */
    public RecordContext withImage(ImageRef ref) {
        return new RecordContext(Optional.of(ref), recordedAt, recordedBy);
    }
}
