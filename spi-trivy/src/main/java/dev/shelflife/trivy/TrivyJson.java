package dev.shelflife.trivy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of Trivy's JSON that are bound as values, one record per JSON object, named as Trivy
 * names the fields. The outer structure (the document, its {@code Results}, the workloads of a
 * {@code trivy k8s} report) is walked by {@link TrivyReader}, never bound whole.
 *
 * <p>One family serves the legacy array and SchemaVersion 2: their vulnerability entries share
 * one shape, to which later Trivy versions only added fields. Every field may be absent or
 * {@code null}; {@link TrivyMapper} ends that.
 */
final class TrivyJson {

    private TrivyJson() {
    }

    /** One element of a result's {@code Vulnerabilities} array: a raw entry. */
    record VulnerabilityEntry(
            @JsonProperty("VulnerabilityID") String vulnerabilityId,
            @JsonProperty("VendorIDs") List<String> vendorIds,
            @JsonProperty("PkgName") String pkgName,
            @JsonProperty("PkgPath") String pkgPath,
            @JsonProperty("PkgIdentifier") PkgIdentifier pkgIdentifier,
            @JsonProperty("SrcName") String srcName,
            @JsonProperty("InstalledVersion") String installedVersion,
            @JsonProperty("FixedVersion") String fixedVersion,
            @JsonProperty("Status") String status,
            @JsonProperty("Layer") Layer layer,
            @JsonProperty("SeveritySource") String severitySource,
            @JsonProperty("PrimaryURL") String primaryUrl,
            @JsonProperty("Title") String title,
            @JsonProperty("Severity") String severity,
            @JsonProperty("CweIDs") List<String> cweIds,
            @JsonProperty("VendorSeverity") Map<String, Integer> vendorSeverity,
            @JsonProperty("CVSS") Map<String, Cvss> cvss,
            @JsonProperty("PublishedDate") String publishedDate,
            @JsonProperty("LastModifiedDate") String lastModifiedDate) {
    }

    /** {@code PkgIdentifier}: the package URL since Trivy v0.49. */
    record PkgIdentifier(@JsonProperty("PURL") String purl) {
    }

    /** {@code Layer}: the layer that added the package. */
    record Layer(@JsonProperty("Digest") String digest, @JsonProperty("DiffID") String diffId) {
    }

    /** One source's entry of the {@code CVSS} map. */
    record Cvss(
            @JsonProperty("V2Vector") String v2Vector,
            @JsonProperty("V2Score") Double v2Score,
            @JsonProperty("V3Vector") String v3Vector,
            @JsonProperty("V3Score") Double v3Score,
            @JsonProperty("V40Vector") String v40Vector,
            @JsonProperty("V40Score") Double v40Score) {
    }

    /** The top-level {@code Trivy} object of recent reports. */
    record ScannerInfo(@JsonProperty("Version") String version) {
    }

    /** The top-level {@code Metadata} object: what Trivy knows of the scanned image. */
    record Metadata(
            @JsonProperty("OS") Os os,
            @JsonProperty("ImageID") String imageId,
            @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("RepoDigests") List<String> repoDigests,
            @JsonProperty("Reference") String reference,
            @JsonProperty("ImageConfig") ImageConfig imageConfig) {
    }

    /** {@code Metadata.OS}. */
    record Os(@JsonProperty("Family") String family, @JsonProperty("Name") String name) {
    }

    /** {@code Metadata.ImageConfig}: the image's OCI config blob, in its own lower-case names. */
    record ImageConfig(
            @JsonProperty("architecture") String architecture,
            @JsonProperty("os") String os,
            @JsonProperty("variant") String variant,
            @JsonProperty("created") String created,
            @JsonProperty("config") ContainerConfig config) {
    }

    /** {@code Metadata.ImageConfig.config}: the run configuration, of which only the labels matter here. */
    record ContainerConfig(@JsonProperty("Labels") Map<String, String> labels) {
    }
}
