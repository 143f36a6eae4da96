package dev.shelflife.aws;

import dev.shelflife.Artifact;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportLocation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in Amazon ECR, as a finding's resource names it: the registry (an AWS account id), the
 * region and partition, the repository and the manifest digest, with the tags it had when scanned.
 *
 * <p>The reference is the registry's documented host name,
 * {@code <account>.dkr.ecr.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in the {@code aws-cn}
 * partition), the repository, the first tag and the digest:
 * {@code 012345678901.dkr.ecr.us-east-1.amazonaws.com/app:2.3.0@sha256:…}, which is how {@code docker
 * pull} and the other scanners name the same image. Without a registry and a region the reference
 * is left out, and the digest alone names the image.
 *
 * @param partition the AWS partition, or {@code null}
 * @param region the region, or {@code null}
 * @param registry the registry's account id, or {@code null}
 * @param repository the repository
 * @param digest the manifest digest
 * @param tags the tags
 * @param platform the operating system Inspector names ({@code DEBIAN_10}), or {@code null}
 */
record EcrImage(
        String partition,
        String region,
        String registry,
        String repository,
        String digest,
        List<String> tags,
        String platform) {

    EcrImage {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The registry's host name, when the resource names the registry and the region.
     *
     * @return {@code 012345678901.dkr.ecr.us-east-1.amazonaws.com}, or empty
     */
    Optional<String> host() {
        if (isBlank(registry) || isBlank(region)) {
            return Optional.empty();
        }
        String domain = "aws-cn".equals(partition) ? "amazonaws.com.cn" : "amazonaws.com";
        return Optional.of(registry.strip() + ".dkr.ecr." + region.strip() + "." + domain);
    }

    /**
     * The image as the model holds it.
     *
     * @return the image: its reference, when one can be written, its manifest digest and its operating system
     */
    Image image() {
        return Image.builder()
                .ref(reference().orElse(null))
                .manifestDigest(digest)
                .os(platform)
                .build();
    }

    /**
     * The artifact scanned: the image's reference, else its repository and digest.
     *
     * @return the artifact
     */
    Artifact artifact() {
        return new Artifact(
                reference().map(ImageRef::toString).orElse(repository + "@" + digest), Artifact.Type.CONTAINER_IMAGE);
    }

    /**
     * Whether this is another image than {@code other}: another digest, repository or registry.
     * Tags do not count: they move from image to image, and a digest names one image.
     *
     * @param other an image
     * @return {@code true} when the two differ
     */
    boolean isNot(EcrImage other) {
        return !digest.equalsIgnoreCase(other.digest)
                || !repository.equals(other.repository)
                || !Objects.equals(host(), other.host());
    }

    private Optional<ImageRef> reference() {
        Optional<String> host = host();
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String tag = tags.isEmpty() ? "" : ":" + tags.get(0);
        try {
            return Optional.of(ImageRef.parse(host.get() + "/" + repository + tag + "@" + digest));
        } catch (IllegalArgumentException notAReference) {
            try {
                return Optional.of(ImageRef.parse(host.get() + "/" + repository + "@" + digest));
            } catch (IllegalArgumentException stillNot) {
                return Optional.empty();
            }
        }
    }

    @Override
    public String toString() {
        return host().map(h -> h + "/").orElse("") + repository + "@" + digest;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The one image a report is about: the image of the first finding that names one. One report
     * is evidence about one image, and an {@link dev.shelflife.ImageRecord} checks identities per
     * report, so a report that held the findings of two images would pass that check with the
     * findings of both. A finding about another image is therefore a skipped entry of the report
     * (counted, with a problem that names its image), never a finding of the first.
     */
    static final class One {
        private EcrImage first;
        private ReportLocation firstAt;

        /**
         * Whether a finding's image is the report's: the first image named is.
         *
         * @param image the finding's image
         * @param at where the finding names it
         * @return empty when it is the report's image; else why the finding is skipped
         */
        Optional<String> other(EcrImage image, ReportLocation at) {
            if (first == null) {
                first = image;
                firstAt = at;
                return Optional.empty();
            }
            if (!image.isNot(first)) {
                return Optional.empty();
            }
            return Optional.of("a finding of another image, " + image + ": the report is about " + first
                    + ", named first (" + firstAt.path() + "); export each image's findings on their own to read"
                    + " them (filter by ecrImageHash, or by ResourceId in Security Hub)");
        }

        /**
         * The image, once a finding named one.
         *
         * @return the image, or empty
         */
        Optional<EcrImage> image() {
            return Optional.ofNullable(first);
        }
    }

    /**
     * The digest as written, lower-cased: ECR writes {@code sha256:} and lower-case hex.
     *
     * @param digest a digest, or {@code null}
     * @return the digest, or {@code null}
     */
    static String digest(String digest) {
        return digest == null ? null : digest.strip().toLowerCase(Locale.ROOT);
    }
}
