package dev.shelflife.trivy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shelflife.trivy.TrivyJson.Cvss;
import dev.shelflife.trivy.TrivyJson.Layer;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Trivy Operator resource that are bound as values, named as the operator's
 * {@code aquasecurity.github.io/v1alpha1} types name them. The resources themselves, their
 * {@code report} and a List's {@code items}, are walked by {@link OperatorReader}.
 */
final class OperatorJson {

    private OperatorJson() {}

    /**
     * One element of {@code report.vulnerabilities}: a raw entry. The operator copies Trivy's
     * entry into it under its own names ({@code resource} for {@code PkgName}, {@code primaryLink}
     * for {@code PrimaryURL}), so it is read as a {@link TrivyJson.Entry} and mapped as Trivy's
     * entries are. Its {@code target} and {@code packageType} stand in each entry, where Trivy has
     * them once per result; {@code score} is one CVSS v3 score, the operator's pick from Trivy's
     * {@code CVSS}, which it also copies whole into {@code cvss} since v0.15.
     *
     * <p>A class filled field by field, like Trivy's entry, for the same reason.
     */
    static final class Vulnerability implements TrivyJson.Entry {
        @JsonProperty("vulnerabilityID")
        private String vulnerabilityId;

        @JsonProperty("resource")
        private String resource;

        @JsonProperty("installedVersion")
        private String installedVersion;

        @JsonProperty("fixedVersion")
        private String fixedVersion;

        @JsonProperty("publishedDate")
        private String publishedDate;

        @JsonProperty("lastModifiedDate")
        private String lastModifiedDate;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("title")
        private String title;

        @JsonProperty("primaryLink")
        private String primaryLink;

        @JsonProperty("score")
        private Double score;

        @JsonProperty("cvss")
        private Map<String, Cvss> cvss;

        @JsonProperty("cvsssource")
        private String cvssSource;

        @JsonProperty("target")
        private String target;

        @JsonProperty("packageType")
        private String packageType;

        @JsonProperty("pkgPath")
        private String pkgPath;

        @JsonProperty("packagePURL")
        private String packagePurl;

        @Override
        public String vulnerabilityId() {
            return vulnerabilityId;
        }

        @Override
        public List<String> vendorIds() {
            return null;
        }

        @Override
        public String pkgName() {
            return resource;
        }

        @Override
        public String pkgPath() {
            return pkgPath;
        }

        @Override
        public String purl() {
            return packagePurl;
        }

        @Override
        public String srcName() {
            return null;
        }

        @Override
        public String installedVersion() {
            return installedVersion;
        }

        @Override
        public String fixedVersion() {
            return fixedVersion;
        }

        /** The operator copies no {@code Status}: the fix state follows from the fixed version, as in Trivy before v0.44. */
        @Override
        public String status() {
            return null;
        }

        @Override
        public Layer layer() {
            return null;
        }

        @Override
        public String severitySource() {
            return null;
        }

        @Override
        public String primaryUrl() {
            return primaryLink;
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
            return null;
        }

        @Override
        public Map<String, Integer> vendorSeverity() {
            return null;
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

        @Override
        public Double score() {
            return score;
        }

        @Override
        public String scoreSource() {
            return cvssSource;
        }

        String target() {
            return target;
        }

        String packageType() {
            return packageType;
        }
    }

    /** {@code metadata}: the resource's name and namespace, its creation and the labels naming its workload. */
    record Metadata(
            @JsonProperty("name") String name,
            @JsonProperty("namespace") String namespace,
            @JsonProperty("creationTimestamp") String creationTimestamp,
            @JsonProperty("labels") Map<String, String> labels) {}

    /** {@code report.scanner}. */
    record ScannerInfo(
            @JsonProperty("name") String name,
            @JsonProperty("vendor") String vendor,
            @JsonProperty("version") String version) {}

    /** {@code report.registry}. */
    record Registry(@JsonProperty("server") String server) {}

    /** {@code report.artifact}: the image, without its registry. */
    record Artifact(
            @JsonProperty("repository") String repository,
            @JsonProperty("tag") String tag,
            @JsonProperty("digest") String digest) {}

    /** {@code report.os}. */
    record Os(
            @JsonProperty("family") String family,
            @JsonProperty("name") String name) {}

    /** {@code report.summary}: what the operator counted, which is checked against what it listed, never used instead. */
    record Summary(
            @JsonProperty("criticalCount") Integer critical,
            @JsonProperty("highCount") Integer high,
            @JsonProperty("mediumCount") Integer medium,
            @JsonProperty("lowCount") Integer low,
            @JsonProperty("unknownCount") Integer unknown,
            @JsonProperty("noneCount") Integer none) {}
}
