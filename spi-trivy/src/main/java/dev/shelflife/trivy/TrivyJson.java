package dev.shelflife.trivy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of Trivy's JSON that are bound as values, one type per JSON object, named as Trivy
 * names the fields. The outer structure (the document, its {@code Results}, the workloads of a
 * {@code trivy k8s} report) is walked by {@link TrivyReader}, never bound whole.
 *
 * <p>One family serves the legacy array and SchemaVersion 2: their vulnerability entries share
 * one shape, to which later Trivy versions only added fields. Every field may be absent or
 * {@code null}; {@link TrivyMapper} ends that.
 */
final class TrivyJson {

    private TrivyJson() {}

    /**
     * What {@link TrivyMapper} reads of a vulnerability entry: the fields Trivy's entries and
     * Trivy Operator's share, under Trivy's names. Every value may be {@code null}.
     */
    interface Entry {
        String vulnerabilityId();

        List<String> vendorIds();

        String pkgName();

        String pkgPath();

        /** The package URL, or {@code null}. */
        String purl();

        String srcName();

        String installedVersion();

        String fixedVersion();

        String status();

        Layer layer();

        String severitySource();

        String primaryUrl();

        String title();

        String severity();

        List<String> cweIds();

        Map<String, Integer> vendorSeverity();

        Map<String, Cvss> cvss();

        String publishedDate();

        String lastModifiedDate();

        /**
         * A lone CVSS score without a vector, as Trivy Operator writes one ({@code score}); Trivy's
         * own entries carry scores in {@link #cvss()} only.
         *
         * @return the score, or {@code null}
         */
        default Double score() {
            return null;
        }

        /**
         * Whose {@link #score()} it is, when the entry says.
         *
         * @return the source, or {@code null}
         */
        default String scoreSource() {
            return null;
        }
    }

    /**
     * One element of a result's {@code Vulnerabilities} array: a raw entry.
     *
     * <p>The entry types are classes that Jackson fills field by field, not records: Jackson binds
     * a record through its constructor, collecting every argument in a buffer first, which took a
     * large share of reading a report of tens of thousands of entries.
     */
    static final class VulnerabilityEntry implements Entry {
        @JsonProperty("VulnerabilityID")
        private String vulnerabilityId;

        @JsonProperty("VendorIDs")
        private List<String> vendorIds;

        @JsonProperty("PkgName")
        private String pkgName;

        @JsonProperty("PkgPath")
        private String pkgPath;

        @JsonProperty("PkgIdentifier")
        private PkgIdentifier pkgIdentifier;

        @JsonProperty("SrcName")
        private String srcName;

        @JsonProperty("InstalledVersion")
        private String installedVersion;

        @JsonProperty("FixedVersion")
        private String fixedVersion;

        @JsonProperty("Status")
        private String status;

        @JsonProperty("Layer")
        private Layer layer;

        @JsonProperty("SeveritySource")
        private String severitySource;

        @JsonProperty("PrimaryURL")
        private String primaryUrl;

        @JsonProperty("Title")
        private String title;

        @JsonProperty("Severity")
        private String severity;

        @JsonProperty("CweIDs")
        private List<String> cweIds;

        @JsonProperty("VendorSeverity")
        private Map<String, Integer> vendorSeverity;

        @JsonProperty("CVSS")
        private Map<String, Cvss> cvss;

        @JsonProperty("PublishedDate")
        private String publishedDate;

        @JsonProperty("LastModifiedDate")
        private String lastModifiedDate;

        @Override
        public String vulnerabilityId() {
            return vulnerabilityId;
        }

        @Override
        public List<String> vendorIds() {
            return vendorIds;
        }

        @Override
        public String pkgName() {
            return pkgName;
        }

        @Override
        public String pkgPath() {
            return pkgPath;
        }

        @Override
        public String purl() {
            return pkgIdentifier == null ? null : pkgIdentifier.purl();
        }

        @Override
        public String srcName() {
            return srcName;
        }

        @Override
        public String installedVersion() {
            return installedVersion;
        }

        @Override
        public String fixedVersion() {
            return fixedVersion;
        }

        @Override
        public String status() {
            return status;
        }

        @Override
        public Layer layer() {
            return layer;
        }

        @Override
        public String severitySource() {
            return severitySource;
        }

        @Override
        public String primaryUrl() {
            return primaryUrl;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String severity() {
            return severity;
        }

        @Override
        public List<String> cweIds() {
            return cweIds;
        }

        @Override
        public Map<String, Integer> vendorSeverity() {
            return vendorSeverity;
        }

        @Override
        public Map<String, Cvss> cvss() {
            return cvss;
        }

        @Override
        public String publishedDate() {
            return publishedDate;
        }

        @Override
        public String lastModifiedDate() {
            return lastModifiedDate;
        }
    }

    /** {@code PkgIdentifier}: the package URL since Trivy v0.49. */
    static final class PkgIdentifier {
        @JsonProperty("PURL")
        private String purl;

        String purl() {
            return purl;
        }
    }

    /** {@code Layer}: the layer that added the package. */
    static final class Layer {
        @JsonProperty("Digest")
        private String digest;

        @JsonProperty("DiffID")
        private String diffId;

        String digest() {
            return digest;
        }

        String diffId() {
            return diffId;
        }
    }

    /** One source's entry of the {@code CVSS} map. */
    static final class Cvss {
        @JsonProperty("V2Vector")
        private String v2Vector;

        @JsonProperty("V2Score")
        private Double v2Score;

        @JsonProperty("V3Vector")
        private String v3Vector;

        @JsonProperty("V3Score")
        private Double v3Score;

        @JsonProperty("V40Vector")
        private String v40Vector;

        @JsonProperty("V40Score")
        private Double v40Score;

        String v2Vector() {
            return v2Vector;
        }

        Double v2Score() {
            return v2Score;
        }

        String v3Vector() {
            return v3Vector;
        }

        Double v3Score() {
            return v3Score;
        }

        String v40Vector() {
            return v40Vector;
        }

        Double v40Score() {
            return v40Score;
        }
    }

    /** The top-level {@code Trivy} object of recent reports. */
    record ScannerInfo(@JsonProperty("Version") String version) {}

    /** The top-level {@code Metadata} object: what Trivy knows of the scanned image. */
    record Metadata(
            @JsonProperty("OS") Os os,
            @JsonProperty("ImageID") String imageId,
            @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("RepoDigests") List<String> repoDigests,
            @JsonProperty("Reference") String reference,
            @JsonProperty("ImageConfig") ImageConfig imageConfig) {}

    /** {@code Metadata.OS}. */
    record Os(
            @JsonProperty("Family") String family,
            @JsonProperty("Name") String name) {}

    /** {@code Metadata.ImageConfig}: the image's OCI config blob, in its own lower-case names. */
    record ImageConfig(
            @JsonProperty("architecture") String architecture,
            @JsonProperty("os") String os,
            @JsonProperty("variant") String variant,
            @JsonProperty("created") String created,
            @JsonProperty("config") ContainerConfig config) {}

    /** {@code Metadata.ImageConfig.config}: the run configuration, of which only the labels matter here. */
    record ContainerConfig(@JsonProperty("Labels") Map<String, String> labels) {}
}
