package dev.shelflife;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a container image: its names and digests, when it was built, what it
 * runs on and what it was built from.
 *
 * <p>Build dates of 1970-01-01 and 0001-01-01 are what reproducible builds and some tools write
 * when they do not know: {@link Builder#createdAt(Instant)} treats them as unknown.
 *
 * @param ref the reference the image was scanned by, if known
 * @param manifestDigest the digest of its manifest ({@code sha256:…}), if known
 * @param configDigest the digest of its config blob, which Docker calls the image id, if known
 * @param repoDigests the {@code repository@digest} names the image is known by
 * @param createdAt when it was built, if known
 * @param os the operating system or distribution ({@code debian 12.5}), if known
 * @param platform the platform ({@code linux/amd64}), if known
 * @param labels the image's labels and annotations
 * @param baseImage what it was built from, if known
 * @since 0.1
 */
public record Image(
        Optional<ImageRef> ref,
        Optional<String> manifestDigest,
        Optional<String> configDigest,
        List<String> repoDigests,
        Optional<Instant> createdAt,
        Optional<String> os,
        Optional<String> platform,
        Map<String, String> labels,
        Optional<BaseImage> baseImage) {

    /** The OCI annotation that names the base image. */
    public static final String BASE_NAME_ANNOTATION = "org.opencontainers.image.base.name";
    /** The OCI annotation that gives the base image's digest. */
    public static final String BASE_DIGEST_ANNOTATION = "org.opencontainers.image.base.digest";

    /** Validates the parts and copies the collections. */
    public Image {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(configDigest, "configDigest");
        repoDigests = List.copyOf(repoDigests);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(platform, "platform");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(baseImage, "baseImage");
    }

    /**
     * An image about which nothing is known.
     *
     * @return the empty image
     */
    public static Image unknown() {
        return builder().build();
    }

    /**
     * A builder for an image.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this image, to add what the caller knows.
     *
     * @return a builder with this image's parts
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.ref = ref.orElse(null);
        builder.manifestDigest = manifestDigest.orElse(null);
        builder.configDigest = configDigest.orElse(null);
        builder.repoDigests.addAll(repoDigests);
        builder.createdAt = createdAt.orElse(null);
        builder.os = os.orElse(null);
        builder.platform = platform.orElse(null);
        builder.labels.putAll(labels);
        builder.baseImage = baseImage.orElse(null);
        return builder;
    }

    /**
     * Builds an {@link Image}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private ImageRef ref;
        private String manifestDigest;
        private String configDigest;
        private final List<String> repoDigests = new ArrayList<>();
        private Instant createdAt;
        private String os;
        private String platform;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private BaseImage baseImage;

        private Builder() {}

        /** @param value the reference, or {@code null} @return this builder */
        public Builder ref(@Nullable ImageRef value) {
            this.ref = value;
            return this;
        }

        /** @param value the manifest digest, or {@code null} @return this builder */
        public Builder manifestDigest(@Nullable String value) {
            this.manifestDigest = blankToNull(value);
            return this;
        }

        /** @param value the config digest (image id), or {@code null} @return this builder */
        public Builder configDigest(@Nullable String value) {
            this.configDigest = blankToNull(value);
            return this;
        }

        /** @param value a {@code repository@digest} name; blank ones are ignored @return this builder */
        public Builder repoDigest(String value) {
            if (value != null && !value.isBlank()) {
                repoDigests.add(value);
            }
            return this;
        }

        /**
         * Sets the build instant; the placeholder dates 1970-01-01 and 0001-01-01 count as unknown.
         *
         * @param value the build instant, or {@code null}
         * @return this builder
         */
        public Builder createdAt(@Nullable Instant value) {
            this.createdAt = value == null || isPlaceholderDate(value) ? null : value;
            return this;
        }

        /** @param value the OS or distribution, or {@code null} @return this builder */
        public Builder os(@Nullable String value) {
            this.os = blankToNull(value);
            return this;
        }

        /** @param value the platform, or {@code null} @return this builder */
        public Builder platform(@Nullable String value) {
            this.platform = blankToNull(value);
            return this;
        }

        /** @param key a label or annotation key @param value its value @return this builder */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @param value the base image, or {@code null} @return this builder */
        public Builder baseImage(@Nullable BaseImage value) {
            this.baseImage = value;
            return this;
        }

        /**
         * Builds the image; without an explicit base image, the OCI base annotations among the
         * labels supply it.
         *
         * @return the image
         */
        public Image build() {
            BaseImage base = baseImage;
            if (base == null && labels.containsKey(BASE_NAME_ANNOTATION)) {
                base = BaseImage.of(labels.get(BASE_NAME_ANNOTATION), labels.get(BASE_DIGEST_ANNOTATION));
            }
            return new Image(
                    Optional.ofNullable(ref),
                    Optional.ofNullable(manifestDigest),
                    Optional.ofNullable(configDigest),
                    repoDigests,
                    Optional.ofNullable(createdAt),
                    Optional.ofNullable(os),
                    Optional.ofNullable(platform),
                    labels,
                    Optional.ofNullable(base));
        }

        private static boolean isPlaceholderDate(Instant value) {
            LocalDate day = LocalDate.ofInstant(value, ZoneOffset.UTC);
            return day.getYear() <= 1 || day.equals(LocalDate.EPOCH);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
