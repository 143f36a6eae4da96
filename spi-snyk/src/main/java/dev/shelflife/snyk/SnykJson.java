package dev.shelflife.snyk;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of Snyk's {@code --json} output that are bound to objects: one vulnerability entry at
 * a time, and the base-image advice. The project objects around them are walked field by field
 * by {@link SnykJsonReader}, never bound whole. Fields the model does not use (descriptions,
 * references, {@code from} paths) are not declared, so they are skipped while binding.
 */
final class SnykJson {

    private SnykJson() {}

    /**
     * One element of a project's {@code vulnerabilities} array.
     *
     * <p>A class that Jackson fills field by field, not a record: a key of an entry spelled like
     * one of these in another case ({@code FixedIn}) is then reported where it stands (see
     * {@code JsonCursor}), which Jackson's binding of a record skips without a word.
     */
    static final class VulnEntry {
        @JsonProperty("id")
        private String id;

        @JsonProperty("title")
        private String title;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("severityWithCritical")
        private String severityWithCritical;

        @JsonProperty("nvdSeverity")
        private String nvdSeverity;

        @JsonProperty("cvssScore")
        private Double cvssScore;

        @JsonProperty("CVSSv3")
        private String cvssV3;

        @JsonProperty("cvssDetails")
        private List<CvssDetail> cvssDetails;

        @JsonProperty("epssDetails")
        private EpssDetails epssDetails;

        @JsonProperty("identifiers")
        private Map<String, List<String>> identifiers;

        @JsonProperty("alternativeIds")
        private List<String> alternativeIds;

        @JsonProperty("publicationTime")
        private String publicationTime;

        @JsonProperty("disclosureTime")
        private String disclosureTime;

        @JsonProperty("modificationTime")
        private String modificationTime;

        @JsonProperty("packageName")
        private String packageName;

        @JsonProperty("packageManager")
        private String packageManager;

        /** The vulnerable package ({@code source/binary} for OS packages); with {@code --group-issues} an array of names, one per path. */
        @JsonProperty("name")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> name;

        @JsonProperty("version")
        private String version;

        @JsonProperty("fixedIn")
        private List<String> fixedIn;

        @JsonProperty("nearestFixedInVersion")
        private String nearestFixedInVersion;

        /** {@code false} for "no upgrade at this step", then {@code name@version} strings. */
        @JsonProperty("upgradePath")
        private List<Object> upgradePath;

        String id() {
            return id;
        }

        String title() {
            return title;
        }

        String severity() {
            return severity;
        }

        String severityWithCritical() {
            return severityWithCritical;
        }

        String nvdSeverity() {
            return nvdSeverity;
        }

        Double cvssScore() {
            return cvssScore;
        }

        String cvssV3() {
            return cvssV3;
        }

        List<CvssDetail> cvssDetails() {
            return cvssDetails;
        }

        EpssDetails epssDetails() {
            return epssDetails;
        }

        Map<String, List<String>> identifiers() {
            return identifiers;
        }

        List<String> alternativeIds() {
            return alternativeIds;
        }

        String publicationTime() {
            return publicationTime;
        }

        String disclosureTime() {
            return disclosureTime;
        }

        String modificationTime() {
            return modificationTime;
        }

        String packageName() {
            return packageName;
        }

        String packageManager() {
            return packageManager;
        }

        List<String> name() {
            return name;
        }

        String version() {
            return version;
        }

        List<String> fixedIn() {
            return fixedIn;
        }

        String nearestFixedInVersion() {
            return nearestFixedInVersion;
        }

        List<Object> upgradePath() {
            return upgradePath;
        }
    }

    /** One source's CVSS judgement in {@code cvssDetails}. */
    record CvssDetail(String assigner, String severity, String cvssV3Vector, Double cvssV3BaseScore) {}

    /** The EPSS values, which Snyk writes as strings ({@code "0.00046"}). */
    record EpssDetails(String probability, String percentile) {}

    /** {@code docker.baseImageRemediation}: a code and the advice lines the CLI prints. */
    record Remediation(String code, List<Advice> advice, String message) {}

    /** One line of base-image advice. */
    record Advice(String message) {}
}
