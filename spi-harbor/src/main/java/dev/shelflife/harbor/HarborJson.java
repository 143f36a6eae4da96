package dev.shelflife.harbor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Harbor vulnerability report that are bound as values, named as the pluggable
 * scanner API names them. The report object and its {@code vulnerabilities} are walked by
 * {@link HarborReader}. Every field may be absent or {@code null}; {@link HarborMapper} ends that.
 */
final class HarborJson {

    private HarborJson() {}

    /**
     * One element of {@code vulnerabilities}: a raw entry. v1.1 adds {@code preferred_cvss},
     * {@code cwe_ids}, {@code vendor_attributes} and {@code artifact_digests} to v1.0's fields.
     * Filled field by field, as the other adapters' entries are.
     */
    static final class Vulnerability {
        @JsonProperty("id")
        private String id;

        @JsonProperty("package")
        private String pkg;

        @JsonProperty("version")
        private String version;

        @JsonProperty("fix_version")
        private String fixVersion;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("links")
        private List<String> links;

        @JsonProperty("preferred_cvss")
        private PreferredCvss preferredCvss;

        @JsonProperty("cwe_ids")
        private List<String> cweIds;

        @JsonProperty("vendor_attributes")
        private VendorAttributes vendorAttributes;

        @JsonProperty("artifact_digests")
        private List<String> artifactDigests;

        String id() {
            return id;
        }

        String pkg() {
            return pkg;
        }

        String version() {
            return version;
        }

        String fixVersion() {
            return fixVersion;
        }

        String severity() {
            return severity;
        }

        List<String> links() {
            return links;
        }

        PreferredCvss preferredCvss() {
            return preferredCvss;
        }

        List<String> cweIds() {
            return cweIds;
        }

        VendorAttributes vendorAttributes() {
            return vendorAttributes;
        }

        List<String> artifactDigests() {
            return artifactDigests;
        }
    }

    /** {@code preferred_cvss}: the scores the scanner prefers, of a source it does not name. */
    record PreferredCvss(
            @JsonProperty("score_v3") Double scoreV3,
            @JsonProperty("score_v2") Double scoreV2,
            @JsonProperty("vector_v3") String vectorV3,
            @JsonProperty("vector_v2") String vectorV2) {}

    /** {@code vendor_attributes}: of which the per-source {@code CVSS} (Trivy's, as harbor-scanner-trivy passes it on). */
    record VendorAttributes(@JsonProperty("CVSS") Map<String, Cvss> cvss) {}

    /** One source's entry of {@code vendor_attributes.CVSS}. */
    record Cvss(
            @JsonProperty("V3Score") Double v3Score,
            @JsonProperty("V3Vector") String v3Vector,
            @JsonProperty("V2Score") Double v2Score,
            @JsonProperty("V2Vector") String v2Vector) {}

    /** {@code scanner}. */
    record ScannerInfo(
            @JsonProperty("name") String name,
            @JsonProperty("vendor") String vendor,
            @JsonProperty("version") String version) {}

    /** {@code artifact}: the scanned artifact, as Harbor names it in its own registry (no host). */
    record Artifact(
            @JsonProperty("repository") String repository,
            @JsonProperty("digest") String digest,
            @JsonProperty("tag") String tag,
            @JsonProperty("mime_type") String mimeType) {}
}
