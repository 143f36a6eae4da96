package dev.shelflife.cyclonedx;

import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.PackageUrl;
import dev.shelflife.cyclonedx.Bom.ComponentEntry;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a BOM says about the container image it describes ({@code metadata.component} of type
 * {@code container}), from the three places scanners put it:
 *
 * <ul>
 *   <li>a {@code pkg:oci} package URL, whose version is the manifest digest with its colon
 *       percent-encoded ({@code sha256%3A…}) and whose {@code repository_url} and {@code tag}
 *       qualifiers name the image;</li>
 *   <li>Trivy's {@code aquasecurity:trivy:RepoTag}, {@code RepoDigest} and {@code ImageID}
 *       (the config digest) properties;</li>
 *   <li>the component's version, which Grype and Syft set to the manifest digest.</li>
 * </ul>
 *
 * The first of these that gives a part wins. The component's name is the reference only when it
 * parses as one and names a tag or digest: Trivy names images read from archives by their path.
 */
final class ContainerImage {

    private static final String TRIVY = "aquasecurity:trivy:";
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}");

    private ContainerImage() {}

    /**
     * The image a BOM describes.
     *
     * @param subject {@code metadata.component}, or {@code null}
     * @param components the BOM's components, for the operating system
     * @return the image; {@link Image#unknown()} unless the subject is a container
     */
    static Image of(ComponentEntry subject, List<ComponentEntry> components) {
        if (subject == null || !"container".equals(subject.type())) {
            return Image.unknown();
        }
        Optional<PackageUrl> oci =
                PackageUrl.parse(subject.purl()).filter(p -> p.type().equals("oci"));
        Optional<String> ociDigest = oci.flatMap(PackageUrl::version).filter(ContainerImage::isDigest);
        List<String> repoDigests = subject.property(TRIVY + "RepoDigest");
        Optional<String> manifestDigest = ociDigest
                .or(() -> repoDigests.stream()
                        .map(ContainerImage::digestOf)
                        .flatMap(Optional::stream)
                        .findFirst())
                .or(() -> Optional.ofNullable(subject.version()).filter(ContainerImage::isDigest));
        Optional<ImageRef> ref = subject.property(TRIVY + "RepoTag").stream()
                .map(ContainerImage::reference)
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> oci.flatMap(p -> ociReference(p, ociDigest)))
                .or(() -> Optional.ofNullable(subject.name())
                        .filter(n -> n.contains(":") || n.contains("@"))
                        .flatMap(ContainerImage::reference));
        Image.Builder image = Image.builder()
                .ref(ref.orElse(null))
                .manifestDigest(manifestDigest.orElse(null))
                .configDigest(
                        subject.property(TRIVY + "ImageID").stream().findFirst().orElse(null))
                .os(operatingSystem(components));
        repoDigests.forEach(image::repoDigest);
        return image.build();
    }

    private static boolean isDigest(String text) {
        return DIGEST.matcher(text).matches();
    }

    private static Optional<String> digestOf(String repoDigest) {
        int at = repoDigest.indexOf('@');
        return at < 0
                ? Optional.empty()
                : Optional.of(repoDigest.substring(at + 1)).filter(ContainerImage::isDigest);
    }

    /** {@code repository_url[:tag][@digest]} of a {@code pkg:oci} URL, when it has a repository. */
    private static Optional<ImageRef> ociReference(PackageUrl oci, Optional<String> digest) {
        String repository = oci.qualifiers().get("repository_url");
        if (repository == null) {
            return Optional.empty();
        }
        String tag = oci.qualifiers().get("tag");
        return reference(repository
                + (tag == null ? "" : ":" + tag)
                + digest.map(d -> "@" + d).orElse(""));
    }

    private static Optional<ImageRef> reference(String text) {
        try {
            return Optional.of(ImageRef.parse(text));
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }

    /** The first {@code operating-system} component: {@code debian 10.2}. */
    private static String operatingSystem(List<ComponentEntry> components) {
        return components.stream()
                .filter(c -> "operating-system".equals(c.type()) && c.name() != null)
                .map(c -> c.version() == null ? c.name() : c.name() + " " + c.version())
                .findFirst()
                .orElse(null);
    }
}
