package dev.shelflife;

import java.util.Objects;

/**
 * Two reports given as the evidence about one image describe two different images: another
 * repository, another image id, other digests. Judged together, one image's clean scan would
 * stand for the other's. The caller who knows they belong together says so
 * ({@link ImageRecord.Builder#sameImage()}, the CLI's {@code --same-image}).
 *
 * @since 0.2
 */
public class ConflictingImagesException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /** Reports are large and not serializable; the message names both identities. */
    private final transient ScanReport first;

    private final transient ScanReport second;

    private final String reason;

    /**
     * An exception about two reports.
     *
     * @param first the earlier of the two reports, in the order they were given
     * @param second the later one
     * @param reason what differs between their identities ({@code different repositories: …})
     */
    public ConflictingImagesException(ScanReport first, ScanReport second, String reason) {
        super(message(first, second, reason));
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(ScanReport first, ScanReport second, String reason) {
        return "the " + first.describe() + " and the " + second.describe() + " describe different images (" + reason
                + "); say that they belong together to judge them as one image";
    }

    /**
     * The earlier of the two reports, in the order they were given.
     *
     * @return the report
     */
    public ScanReport first() {
        return first;
    }

    /**
     * The later of the two reports.
     *
     * @return the report
     */
    public ScanReport second() {
        return second;
    }

    /**
     * What differs between the two identities.
     *
     * @return for example {@code different repositories: ghcr.io/acme/a vs ghcr.io/acme/b}
     */
    public String reason() {
        return reason;
    }
}
