package dev.shelflife;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What tells one image from another in the evidence about it: the repositories it is known by, its
 * tag, its manifest digests and its config digest (the image id), as far as a report says.
 *
 * <p>Two identities {@linkplain #conflictWith(ImageIdentity) conflict} when the evidence shows two
 * different images, checked in this order:
 * <ol>
 * <li>both name repositories, and no repository is common to both;</li>
 * <li>both give an image id (config digest): different ids are different images, equal ids the same
 *     image whatever else differs in the digests or tags;</li>
 * <li>both give manifest digests, and none is common to both (one image pulled by its index digest
 *     and scanned by its platform manifest's digest shows two digests: it is told apart from two
 *     images by the image id of step 2 when both reports give one);</li>
 * <li>without manifest digests on both sides, both give a tag, and the tags differ.</li>
 * </ol>
 * An identity that says nothing (a file system scan, a VEX document that names no image) conflicts
 * with none. Repositories and digests compare ignoring case.
 *
 * @param repositories the registry and repository names ({@code ghcr.io/acme/shop-api}), from the
 *     reference and the repository digests
 * @param tag the tag the image was scanned by, if known
 * @param digests the manifest digests ({@code sha256:…}) it is known by
 * @param configDigest its config digest, which Docker calls the image id, if known
 * @since 0.2
 */
public record ImageIdentity(
        Set<String> repositories, Optional<String> tag, Set<String> digests, Optional<String> configDigest) {

    /** Validates the parts and copies the sets, sorted and in lower case. */
    public ImageIdentity {
        repositories = lowerSorted(repositories);
        Objects.requireNonNull(tag, "tag");
        digests = lowerSorted(digests);
        configDigest = Objects.requireNonNull(configDigest, "configDigest").map(d -> d.toLowerCase(Locale.ROOT));
    }

    /**
     * The identity of an image as a report describes it: the repository and tag of its reference,
     * the repositories and digests of its repository digests ({@code repo@sha256:…}), its manifest
     * digest and its config digest.
     *
     * @param image what a report says about the image
     * @return its identity
     */
    public static ImageIdentity of(Image image) {
        Objects.requireNonNull(image, "image");
        Set<String> repositories = new TreeSet<>();
        Set<String> digests = new TreeSet<>();
        image.ref().ifPresent(ref -> {
            repositories.add(ref.name());
            ref.digest().ifPresent(digests::add);
        });
        image.manifestDigest().ifPresent(digests::add);
        for (String repoDigest : image.repoDigests()) {
            int at = repoDigest.lastIndexOf('@');
            if (at < 0) {
                continue;
            }
            digests.add(repoDigest.substring(at + 1));
            try {
                repositories.add(ImageRef.parse(repoDigest.substring(0, at)).name());
            } catch (IllegalArgumentException e) {
                // A repository digest whose name is not a reference names no repository we can compare.
            }
        }
        return new ImageIdentity(repositories, image.ref().flatMap(ImageRef::tag), digests, image.configDigest());
    }

    /**
     * Whether this identity says nothing that could tell the image from another.
     *
     * @return {@code true} when there is no repository, tag or digest
     */
    public boolean isUnknown() {
        return repositories.isEmpty() && tag.isEmpty() && digests.isEmpty() && configDigest.isEmpty();
    }

    /**
     * Why this identity and another are not one image, if the evidence shows they are not.
     *
     * @param other another identity
     * @return what differs ({@code different repositories: a vs b}), or empty when they may be one image
     */
    public Optional<String> conflictWith(ImageIdentity other) {
        Objects.requireNonNull(other, "other");
        if (!repositories.isEmpty()
                && !other.repositories.isEmpty()
                && Collections.disjoint(repositories, other.repositories)) {
            return Optional.of("different repositories: " + String.join(", ", repositories) + " vs "
                    + String.join(", ", other.repositories));
        }
        if (configDigest.isPresent() && other.configDigest.isPresent()) {
            return configDigest.equals(other.configDigest)
                    ? Optional.empty()
                    : Optional.of("different image ids: " + configDigest.get() + " vs " + other.configDigest.get());
        }
        if (!digests.isEmpty() && !other.digests.isEmpty()) {
            return Collections.disjoint(digests, other.digests)
                    ? Optional.of("different digests: " + String.join(", ", digests) + " vs "
                            + String.join(", ", other.digests))
                    : Optional.empty();
        }
        if (tag.isPresent() && other.tag.isPresent() && !tag.equals(other.tag)) {
            return Optional.of("different tags and no digest common to both: " + tag.get() + " vs " + other.tag.get());
        }
        return Optional.empty();
    }

    /** The repositories with the tag, then the digests: {@code ghcr.io/acme/shop-api:1.4.2 sha256:…}. */
    @Override
    public String toString() {
        if (isUnknown()) {
            return "an unnamed image";
        }
        StringBuilder text = new StringBuilder(String.join(", ", repositories));
        tag.ifPresent(t -> text.append(':').append(t));
        digests.forEach(d -> text.append(text.length() == 0 ? "" : " ").append(d));
        configDigest.ifPresent(d -> text.append(text.length() == 0 ? "" : " ")
                .append("(image id ")
                .append(d)
                .append(')'));
        return text.toString();
    }

    private static Set<String> lowerSorted(Set<String> values) {
        Set<String> sorted = new TreeSet<>();
        for (String value : values) {
            sorted.add(Objects.requireNonNull(value, "set element").toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(sorted);
    }
}
