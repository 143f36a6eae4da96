package dev.shelflife.spdx;

import dev.shelflife.Artifact;
import dev.shelflife.Component;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRef;
import dev.shelflife.PackageUrl;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.Timestamps;
import dev.shelflife.spdx.SpdxDocument.SpdxPackage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes an inventory of an SPDX document: every package a component, and the container image the
 * document describes, when it describes one, the report's image.
 *
 * <p>An SPDX document lists packages and says nothing of vulnerabilities: it is an
 * {@link EvidenceKind#INVENTORY}, never a scan, so {@code counts.entries} is 0 whatever it lists,
 * and an image with an SBOM alone has no scan.
 *
 * <p>The described image is the package that the document describes ({@code documentDescribes}, a
 * {@code DESCRIBES} relationship from the document, or, in SPDX 3, the document's
 * {@code rootElement} and its {@code describes} relationships) and that is a container: its
 * primary purpose is {@code CONTAINER}, its package URL is a {@code pkg:oci} one, or it carries
 * Trivy's image notes ({@code ImageID}, {@code RepoTag}, {@code RepoDigest}). Syft names it
 * {@code SPDXRef-DocumentRoot-Image-…} and writes the manifest digest as its version; Trivy names it
 * {@code SPDXRef-ContainerImage-…}. A document that describes two container images is refused:
 * an inventory, like a scan, is evidence about one image.
 */
final class InventoryMapper {

    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}");
    /** {@code trivy-0.50.1}, {@code syft-v1.4.1}: the SPDX convention {@code name-version}, the version starting with a digit. */
    private static final Pattern TOOL = Pattern.compile("^(.+?)-(v?\\d.*)$");

    private InventoryMapper() {}

    /**
     * The inventory.
     *
     * @param document the document as read
     * @return the report
     * @throws UnsupportedReportException if the document describes two container images
     */
    static ScanReport report(SpdxDocument document) {
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.INVENTORY,
                ReportFormat.of(SpdxScannerAdapter.ID, document.syntax().format(), document.version()),
                scanner(document.tools()));
        document.problems().forEach(report::problem);
        for (SpdxPackage pkg : document.packages()) {
            report.component(component(pkg, report));
        }
        if (document.created() != null) {
            Optional<Instant> created = Timestamps.parse(document.created());
            if (created.isEmpty()) {
                report.problem(new Problem(
                        Problem.Kind.COERCED_VALUE,
                        "unreadable timestamp \"" + document.created() + "\": dropped",
                        document.createdAt()));
            }
            report.scannedAt(created.orElse(null));
        }
        subject(document, report);
        return report.build();
    }

    private static Component component(SpdxPackage pkg, ScanReport.Builder report) {
        String name = pkg.name();
        if (name == null || name.isBlank()) {
            report.problem(
                    new Problem(Problem.Kind.COERCED_VALUE, "a package without a name, read as \"\"", pkg.location()));
            name = "";
        }
        String purl = null;
        for (String written : pkg.purls()) {
            if (PackageUrl.parse(written).isEmpty()) {
                report.problem(new Problem(
                        Problem.Kind.COERCED_VALUE,
                        "\"" + written + "\" is no package URL (pkg:type/name@version): dropped",
                        pkg.location()));
            } else if (purl == null) {
                purl = written.strip();
            } else if (!purl.equals(written.strip())) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "a second package URL, " + written + ": a component has one, " + purl,
                        pkg.location()));
            }
        }
        return new Component(
                name.strip(),
                Optional.ofNullable(version(pkg.version())),
                Optional.ofNullable(purl),
                Optional.ofNullable(pkg.purpose()),
                Optional.ofNullable(pkg.ref()));
    }

    /** A version, unless SPDX's {@code NOASSERTION} or {@code NONE} stands in its place. */
    private static String version(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String value = version.strip();
        return value.equals("NOASSERTION") || value.equals("NONE") ? null : value;
    }

    /** The artifact and the image: the described container, else the described package or the document. */
    private static void subject(SpdxDocument document, ScanReport.Builder report) {
        List<SpdxPackage> described = document.packages().stream()
                .filter(p -> p.ref() != null && document.described().contains(p.ref()))
                .toList();
        List<SpdxPackage> containers =
                described.stream().filter(InventoryMapper::isContainer).toList();
        if (containers.isEmpty()) {
            String name = described.stream()
                    .map(SpdxPackage::name)
                    .filter(n -> n != null && !n.isBlank())
                    .findFirst()
                    .orElse(document.name() == null ? "" : document.name());
            report.artifact(new Artifact(name, Artifact.Type.UNKNOWN));
            return;
        }
        SpdxPackage subject = containers.get(0);
        Image image = image(subject, document.packages());
        for (SpdxPackage other : containers.subList(1, containers.size())) {
            Image otherImage = image(other, document.packages());
            Optional<String> conflict = ImageIdentity.of(image).conflictWith(ImageIdentity.of(otherImage));
            if (conflict.isPresent()) {
                throw new UnsupportedReportException(
                        other.location(),
                        "this document describes two container images, " + ImageIdentity.of(image) + " and "
                                + ImageIdentity.of(otherImage) + " (" + conflict.get()
                                + "): an inventory is about one image");
            }
        }
        report.artifact(new Artifact(subject.name() == null ? "" : subject.name(), Artifact.Type.CONTAINER_IMAGE));
        report.image(image);
    }

    private static boolean isContainer(SpdxPackage pkg) {
        return "container".equals(pkg.purpose())
                || pkg.purls().stream()
                        .map(PackageUrl::parse)
                        .flatMap(Optional::stream)
                        .anyMatch(p -> p.type().equals("oci"))
                || !pkg.attribute("ImageID").isEmpty()
                || !pkg.attribute("RepoTag").isEmpty()
                || !pkg.attribute("RepoDigest").isEmpty()
                || pkg.ref() != null
                        && (pkg.ref().startsWith("SPDXRef-ContainerImage-")
                                || pkg.ref().startsWith("SPDXRef-DocumentRoot-Image-"));
    }

    /**
     * The image a container package names: its reference from Trivy's {@code RepoTag}, else from
     * its {@code pkg:oci} URL's {@code repository_url} and {@code tag}, else from its name when that
     * names a tag or digest; its manifest digest from the {@code pkg:oci} version, Trivy's
     * {@code RepoDigest} or the package's version when that is a digest (Syft); its config digest
     * from Trivy's {@code ImageID}; its operating system from the document's operating-system package.
     */
    private static Image image(SpdxPackage pkg, List<SpdxPackage> packages) {
        Optional<PackageUrl> oci = pkg.purls().stream()
                .map(PackageUrl::parse)
                .flatMap(Optional::stream)
                .filter(p -> p.type().equals("oci"))
                .findFirst();
        Optional<String> ociDigest = oci.flatMap(PackageUrl::version).filter(InventoryMapper::isDigest);
        List<String> repoDigests = pkg.attribute("RepoDigest");
        Optional<String> manifestDigest = ociDigest
                .or(() -> repoDigests.stream()
                        .filter(d -> d.indexOf('@') > 0)
                        .map(d -> d.substring(d.indexOf('@') + 1))
                        .filter(InventoryMapper::isDigest)
                        .findFirst())
                .or(() -> Optional.ofNullable(version(pkg.version())).filter(InventoryMapper::isDigest));
        Optional<ImageRef> ref = pkg.attribute("RepoTag").stream()
                .map(InventoryMapper::reference)
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> oci.flatMap(p -> ociReference(p, ociDigest)))
                .or(() -> Optional.ofNullable(pkg.name())
                        .filter(n -> n.indexOf(':', n.lastIndexOf('/') + 1) >= 0 || n.contains("@"))
                        .flatMap(InventoryMapper::reference));
        Image.Builder image = Image.builder()
                .ref(ref.orElse(null))
                .manifestDigest(manifestDigest.orElse(null))
                .configDigest(pkg.attribute("ImageID").stream().findFirst().orElse(null))
                .os(operatingSystem(packages));
        repoDigests.forEach(image::repoDigest);
        return image.build();
    }

    private static Optional<ImageRef> ociReference(PackageUrl oci, Optional<String> digest) {
        String repository = oci.qualifiers().get("repository_url");
        if (repository == null || repository.isBlank()) {
            return Optional.empty();
        }
        String tag = oci.qualifiers().get("tag");
        return reference(repository
                + (tag == null || tag.isBlank() ? "" : ":" + tag)
                + digest.map(d -> "@" + d).orElse(""));
    }

    private static Optional<ImageRef> reference(String text) {
        try {
            return Optional.of(ImageRef.parse(text.strip()));
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }

    private static boolean isDigest(String text) {
        return DIGEST.matcher(text).matches();
    }

    /** The first operating-system package: {@code centos 7.6.1810}. */
    private static String operatingSystem(List<SpdxPackage> packages) {
        return packages.stream()
                .filter(p -> "operating-system".equals(p.purpose())
                        || p.ref() != null && p.ref().startsWith("SPDXRef-OperatingSystem-"))
                .filter(p -> p.name() != null && !p.name().isBlank())
                .map(p -> version(p.version()) == null ? p.name() : p.name() + " " + version(p.version()))
                .findFirst()
                .orElse(null);
    }

    /**
     * The scanner: the first tool among the creators, {@code Tool: trivy-0.50.1} read as
     * {@code trivy} {@code 0.50.1} by SPDX's {@code name-version} convention; a name whose version
     * does not start with a digit stays whole ({@code trivy-dev}).
     */
    private static ScannerTool scanner(List<String> tools) {
        if (tools.isEmpty()) {
            return ScannerTool.of("unknown", null);
        }
        String tool = tools.get(0);
        var split = TOOL.matcher(tool);
        if (split.matches()) {
            return ScannerTool.of(split.group(1), split.group(2));
        }
        return ScannerTool.of(tool, null);
    }

    /**
     * A primary purpose as the model spells component types: lower case, words joined by hyphens
     * ({@code OPERATING-SYSTEM}, SPDX 3's {@code operatingSystem} → {@code operating-system}).
     *
     * @param purpose the purpose as written, or {@code null}
     * @return the type, or {@code null}
     */
    static String purpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return null;
        }
        String hyphenated =
                purpose.strip().replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-');
        return hyphenated.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a text is a tool's creator entry, {@code Tool: name-version}, and which tool.
     *
     * @param creator a creator entry
     * @return the tool, or empty for a person or an organisation
     */
    static Optional<String> tool(String creator) {
        if (creator == null) {
            return Optional.empty();
        }
        String value = creator.strip();
        if (!value.regionMatches(true, 0, "Tool:", 0, 5)) {
            return Optional.empty();
        }
        String tool = value.substring(5).strip();
        return tool.isEmpty() || tool.equals("-") ? Optional.empty() : Optional.of(tool);
    }
}
