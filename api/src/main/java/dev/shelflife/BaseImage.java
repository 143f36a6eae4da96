package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The image another image was built from, as known at build time.
 *
 * @param name the base image reference as given ({@code python:3.12-slim})
 * @param digest the digest it resolved to at build time, if known
 * @param scannerAdvice what the scanner said about it ({@code "outdated: alpine:3.19 is available"}), if anything
 * @since 0.1
 */
public record BaseImage(String name, Optional<String> digest, Optional<String> scannerAdvice) {

    /** Validates the parts. */
    public BaseImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(scannerAdvice, "scannerAdvice");
    }

    /**
     * A base image from the OCI annotations {@code org.opencontainers.image.base.name} and
     * {@code .base.digest}.
     *
     * @param name the base name
     * @param digest the base digest, or {@code null}
     * @return the base image
     */
    public static BaseImage of(String name, @Nullable String digest) {
        return new BaseImage(name, Optional.ofNullable(digest), Optional.empty());
    }
}
