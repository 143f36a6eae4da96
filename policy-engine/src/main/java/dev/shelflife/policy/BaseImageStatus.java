package dev.shelflife.policy;

import dev.shelflife.BaseImage;
import dev.shelflife.policy.rule.BaseImageCurrent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an image's base image tag pointed when the image was built, where it points now, and since
 * when: what the {@link BaseImageCurrent} rule judges.
 *
 * <p>The engine does no I/O, so the caller resolves the tag (with a registry client such as
 * {@code shelflife-registry}'s {@code BaseImageResolver}, or from a file of tag digests) and
 * passes the answer in through {@link EvaluationContext#withBaseImage(BaseImageStatus)} to
 * {@link PolicyEngine#evaluate(dev.shelflife.ImageRecord, dev.shelflife.Stage, Instant, EvaluationContext)}.
 * Registries keep no tag history, so the instant the current digest was first seen is the caller's
 * to record (from its earlier resolutions, an inventory, or the new base's build time); without
 * it, the grace period after a move cannot be counted.
 *
 * @param name the base image reference as the image records it ({@code python:3.12-slim})
 * @param builtFrom the digest the tag pointed to when the image was built, if known
 * @param current the digest the tag points to now, if it could be resolved
 * @param currentSince when {@code current} was first seen, if known
 * @since 0.1
 */
public record BaseImageStatus(
        String name, Optional<String> builtFrom, Optional<String> current, Optional<Instant> currentSince) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the name or a digest is blank
     */
    public BaseImageStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builtFrom, "builtFrom");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(currentSince, "currentSince");
        if (name.isBlank()
                || builtFrom.filter(String::isBlank).isPresent()
                || current.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("a base image status needs a name, and digests that are not blank");
        }
    }

    /**
     * The status of an image's base, resolved now.
     *
     * @param base the base image as the image records it: its name and its digest at build time
     * @param current the digest its tag points to now
     * @param currentSince when that digest was first seen
     * @return the status
     */
    public static BaseImageStatus of(BaseImage base, String current, Instant currentSince) {
        return new BaseImageStatus(base.name(), base.digest(), Optional.of(current), Optional.of(currentSince));
    }

    /**
     * The status of an image's base whose tag could not be resolved (the registry failed, the tag
     * is gone, no resolver was asked).
     *
     * @param base the base image as the image records it
     * @return the status, with no current digest
     */
    public static BaseImageStatus unresolved(BaseImage base) {
        return new BaseImageStatus(base.name(), base.digest(), Optional.empty(), Optional.empty());
    }

    /**
     * Whether the tag is known to point elsewhere than at build time.
     *
     * @return {@code true} if both digests are known and differ
     */
    public boolean moved() {
        return builtFrom.isPresent() && current.isPresent() && !builtFrom.equals(current);
    }

    /**
     * A digest as ShelfLife's messages print it: the algorithm and the first 12 hexadecimal digits.
     *
     * @param digest for example {@code sha256:1f1f…}
     * @return for example {@code sha256:1f1f1f1f1f1f}; a digest without an algorithm as it is
     */
    public static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return colon >= 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }
}
