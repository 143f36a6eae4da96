package dev.shelflife.policy;

import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRef;
import dev.shelflife.PackageUrl;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A product a VEX statement names, as matching sees it: an image, a package, or something else (a
 * CPE, a name, a web address), which the evidence about an image cannot show.
 *
 * <p>An image is a {@code pkg:oci} package URL ({@code
 * pkg:oci/shop-api@sha256%3A…?repository_url=ghcr.io/acme/shop-api&tag=1.4.2}) or an image
 * reference with a registry, a tag or a digest ({@code registry.k8s.io/kube-apiserver:v1.26.0}); a
 * bare word such as {@code nginx} could as well be a package or a product line, and is something
 * else. An image {@linkplain #isImage(ImageIdentity) is} the judged one when nothing shows it is
 * another and something ties them:
 * <ol>
 * <li>when both have digests (the judged image's manifest digests, repository digests and image id),
 *     the product's digest is one of the judged image's: a digest names content, wherever it is pushed;</li>
 * <li>otherwise its repository ({@code repository_url}, or the reference's name) is one of the
 *     judged image's repositories, or, a {@code pkg:oci} URL without {@code repository_url} naming
 *     only the image's last path component, that name is the last component of one of them;</li>
 * <li>and, when both give a tag, the tags are the same.</li>
 * </ol>
 * An image whose identity is unknown is no product's.
 *
 * @param kind what the product is
 * @param text the product as the statement gives it
 * @param purl for a package, the package URL reduced for matching
 * @param repository for an image, its repository, normalised ({@code docker.io/library/alpine}), if given
 * @param name for an image, the last component of its repository
 * @param tag for an image, its tag, if given
 * @param digest for an image, its digest in lower case, if given
 */
record VexProduct(
        Kind kind,
        String text,
        Optional<PackageUrl> purl,
        Optional<String> repository,
        String name,
        Optional<String> tag,
        Optional<String> digest) {

    /** What a product identifier names. */
    enum Kind {
        /** A container image. */
        IMAGE,
        /** A package, by its package URL. */
        PACKAGE,
        /** Neither: a CPE, a name, a web address. */
        OTHER
    }

    /**
     * Reads a product identifier.
     *
     * @param text the identifier as the statement gives it
     * @return the product
     */
    static VexProduct of(String text) {
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "pkg:", 0, 4)) {
            Optional<PackageUrl> purl = PackageUrl.parse(trimmed);
            if (purl.isEmpty()) {
                return other(text);
            }
            if (purl.get().type().equals("oci")) {
                return oci(text, purl.get());
            }
            return new VexProduct(Kind.PACKAGE, text, purl, Optional.empty(), "", Optional.empty(), Optional.empty());
        }
        if (trimmed.indexOf('/') < 0 && trimmed.indexOf(':') < 0 && trimmed.indexOf('@') < 0) {
            return other(text);
        }
        try {
            ImageRef ref = ImageRef.parse(trimmed);
            return new VexProduct(
                    Kind.IMAGE,
                    text,
                    Optional.empty(),
                    Optional.of(ref.name().toLowerCase(Locale.ROOT)),
                    lastComponent(ref.name()),
                    ref.tag(),
                    ref.digest().map(d -> d.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAReference) {
            return other(text);
        }
    }

    private static VexProduct other(String text) {
        return new VexProduct(
                Kind.OTHER, text, Optional.empty(), Optional.empty(), "", Optional.empty(), Optional.empty());
    }

    /** A {@code pkg:oci} URL: the name and digest from the path, the repository and tag from the qualifiers. */
    private static VexProduct oci(String text, PackageUrl purl) {
        String name = purl.name().toLowerCase(Locale.ROOT);
        Optional<String> repository =
                Optional.ofNullable(purl.qualifiers().get("repository_url")).map(VexProduct::repository);
        Optional<String> tag = Optional.ofNullable(purl.qualifiers().get("tag")).filter(t -> !t.isBlank());
        Optional<String> digest = purl.version().map(v -> v.toLowerCase(Locale.ROOT));
        return new VexProduct(Kind.IMAGE, text, Optional.empty(), repository, lastComponent(name), tag, digest);
    }

    /** A {@code repository_url} as a repository name: without a scheme, normalised as a reference is. */
    private static String repository(String url) {
        String value = url.strip();
        int scheme = value.indexOf("://");
        if (scheme >= 0) {
            value = value.substring(scheme + 3);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            return ImageRef.parse(value).name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAReference) {
            return value.toLowerCase(Locale.ROOT);
        }
    }

    private static String lastComponent(String repository) {
        return repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this product is the image being judged (see the class comment).
     *
     * @param judged the identity of the image being judged
     * @return {@code true} if it is; always {@code false} for a package or another product
     */
    boolean isImage(ImageIdentity judged) {
        if (kind != Kind.IMAGE || judged.isUnknown()) {
            return false;
        }
        Set<String> digests = new HashSet<>(judged.digests());
        judged.configDigest().ifPresent(digests::add);
        if (digest.isPresent() && !digests.isEmpty()) {
            return digests.contains(digest.get());
        }
        boolean sameRepository = repository.isPresent()
                ? judged.repositories().contains(repository.get())
                : judged.repositories().stream().anyMatch(r -> lastComponent(r).equals(name));
        if (!sameRepository) {
            return false;
        }
        return tag.isEmpty() || judged.tag().isEmpty() || tag.equals(judged.tag());
    }
}
