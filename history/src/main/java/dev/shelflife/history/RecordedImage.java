package dev.shelflife.history;

import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The image a report is recorded under, decided one way for every store and for every tool that
 * keys evidence as a store does (the Kafka Streams topology): the image the caller names, else the
 * report's reference, else its first repository digest that is a reference; identified by digest
 * where the report knows the digest of that repository.
 *
 * @param report the report as recorded: with the caller's reference when the caller named one
 *     other than the report's
 * @param ref the reference it is recorded under
 * @param identified the reference with the image's digest where known: what its lineage and its
 *     image row are decided from
 * @since 0.2
 */
public record RecordedImage(ScanReport report, ImageRef ref, ImageRef identified) {

    /** Validates the parts. */
    public RecordedImage {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(identified, "identified");
    }

    /**
     * Decides the image of a report.
     *
     * @param report the report
     * @param named the image the caller says it is about, if any
     * @return the image, or empty when neither the caller nor the report names one
     */
    public static Optional<RecordedImage> of(ScanReport report, Optional<ImageRef> named) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(named, "named");
        Optional<ImageRef> found = named.or(() -> report.image().ref()).or(() -> fromRepoDigests(report.image()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImageRef ref = found.get();
        ScanReport kept = named.isPresent() && !report.image().ref().equals(named)
                ? report.withImage(report.image().toBuilder().ref(ref).build())
                : report;
        ImageRef identified = ref.digest().isPresent()
                ? ref
                : digestOf(kept.image(), ref).map(ref::withDigest).orElse(ref);
        return Optional.of(new RecordedImage(kept, ref, identified));
    }

    private static Optional<ImageRef> fromRepoDigests(Image image) {
        for (String repoDigest : image.repoDigests()) {
            try {
                return Optional.of(ImageRef.parse(repoDigest));
            } catch (IllegalArgumentException e) {
                // A repository digest that is not a reference names no image to record under.
            }
        }
        return Optional.empty();
    }

    /**
     * The manifest digest, or else a repository digest of the same repository; a digest that is not
     * one by the reference grammar ({@code sha256:test}) is no digest.
     */
    private static Optional<String> digestOf(Image image, ImageRef ref) {
        Optional<String> manifest = image.manifestDigest().filter(d -> isDigest(ref, d));
        if (manifest.isPresent()) {
            return manifest;
        }
        for (String repoDigest : image.repoDigests()) {
            int at = repoDigest.lastIndexOf('@');
            try {
                if (at > 0 && ImageRef.parse(repoDigest.substring(0, at)).name().equals(ref.name())) {
                    return Optional.of(ImageRef.parse(repoDigest).digest().orElseThrow());
                }
            } catch (IllegalArgumentException | NoSuchElementException e) {
                // Not a reference: it names no digest of this image.
            }
        }
        return Optional.empty();
    }

    private static boolean isDigest(ImageRef ref, String digest) {
        try {
            ref.withDigest(digest);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
