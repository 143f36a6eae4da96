package dev.shelflife.registry;

import dev.shelflife.ImageRef;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a tag pointed to when it was resolved.
 *
 * @param tag the tag that was followed, with no digest: {@code docker.io/library/python:3.12-slim}
 * @param digest the digest of the manifest (or index) the tag points to: {@code sha256:…}
 * @param mediaType the manifest's media type ({@code application/vnd.oci.image.index.v1+json}, …),
 *     if the source said
 * @param resolvedAt when the answer was obtained, from the resolver's clock
 * @since 0.1
 */
public record ResolvedTag(ImageRef tag, String digest, Optional<String> mediaType, Instant resolvedAt) {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the tag is missing or carries a digest, if the digest
     *     does not follow the lower-case {@code algorithm:hex} grammar ({@code sha256} takes 64 hex
     *     digits, {@code sha512} 128), or if the media type is not {@code type/subtype} in lower case
     */
    public ResolvedTag {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        if (tag.tag().isEmpty() || tag.digest().isPresent()) {
            throw new IllegalArgumentException("tag must name a tag and no digest: " + tag);
        }
        tag.withDigest(digest); // validates the digest grammar
        if (!digest.equals(digest.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "invalid digest \"" + digest + "\": registries write digests in lower case");
        }
        if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()
                || digest.startsWith("sha512:") && !SHA512.matcher(digest).matches()) {
            throw new IllegalArgumentException(
                    "invalid digest \"" + digest + "\": sha256 takes 64 hex digits, sha512 128");
        }
        mediaType.ifPresent(type -> {
            if (!MEDIA_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("invalid media type \"" + type + "\"");
            }
        });
    }

    /**
     * The tag pinned to the resolved digest: {@code docker.io/library/python:3.12-slim@sha256:…}.
     *
     * @return the pinned reference
     */
    public ImageRef pinned() {
        return tag.withDigest(digest);
    }

    /**
     * The reference a resolver follows for {@code reference}: its tag, or {@code latest} when it
     * names neither tag nor digest, without any digest.
     */
    static ImageRef tagToFollow(ImageRef reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.tag().isEmpty() && reference.digest().isPresent()) {
            throw new IllegalArgumentException(reference + " names a digest and no tag: there is no tag to follow");
        }
        return new ImageRef(
                reference.registry(),
                reference.repository(),
                Optional.of(reference.tag().orElse("latest")),
                Optional.empty());
    }
}
