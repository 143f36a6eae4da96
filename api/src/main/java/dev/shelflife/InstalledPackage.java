package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The package a finding is about, as installed in the scanned artifact.
 *
 * @param name the package name ({@code openssl}, {@code org.apache.logging.log4j:log4j-core})
 * @param version the installed version, when the report says
 * @param purl the package URL exactly as the report wrote it (never re-encoded), or one the adapter built
 * @param type the ecosystem or package type ({@code deb}, {@code rpm}, {@code apk}, {@code npm}, {@code maven}, {@code jar})
 * @param sourcePackage the source package it was built from ({@code glibc} for {@code libc6}), if known
 * @param path where in the artifact it was found ({@code /usr/lib/…/x.jar}, {@code package-lock.json}), if known
 * @param layer the image layer (digest or diff id) that added it, if known
 * @since 0.1
 */
public record InstalledPackage(
        String name,
        Optional<String> version,
        Optional<String> purl,
        Optional<String> type,
        Optional<String> sourcePackage,
        Optional<String> path,
        Optional<String> layer) {

    /** Validates the parts. */
    public InstalledPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(purl, "purl");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourcePackage, "sourcePackage");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layer, "layer");
    }

    /**
     * A builder for a package of the given name.
     *
     * @param name the package name
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A package with a name and version and nothing else known.
     *
     * @param name the name
     * @param version the installed version
     * @return the package
     */
    public static InstalledPackage of(String name, String version) {
        return builder(name).version(version).build();
    }

    /**
     * Builds an {@link InstalledPackage}; blank strings count as absent.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private String version;
        private String purl;
        private String type;
        private String sourcePackage;
        private String path;
        private String layer;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @param value the installed version, or {@code null} @return this builder */
        public Builder version(@Nullable String value) {
            this.version = value;
            return this;
        }

        /** @param value the package URL as written, or {@code null} @return this builder */
        public Builder purl(@Nullable String value) {
            this.purl = value;
            return this;
        }

        /** @param value the ecosystem or type, or {@code null} @return this builder */
        public Builder type(@Nullable String value) {
            this.type = value;
            return this;
        }

        /** @param value the source package, or {@code null} @return this builder */
        public Builder sourcePackage(@Nullable String value) {
            this.sourcePackage = value;
            return this;
        }

        /** @param value the path in the artifact, or {@code null} @return this builder */
        public Builder path(@Nullable String value) {
            this.path = value;
            return this;
        }

        /** @param value the layer digest or diff id, or {@code null} @return this builder */
        public Builder layer(@Nullable String value) {
            this.layer = value;
            return this;
        }

        /** @return the package */
        public InstalledPackage build() {
            return new InstalledPackage(
                    name,
                    present(version),
                    present(purl),
                    present(type),
                    present(sourcePackage),
                    present(path),
                    present(layer));
        }

        private static Optional<String> present(String value) {
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
    }
}
