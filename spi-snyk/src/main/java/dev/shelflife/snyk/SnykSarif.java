package dev.shelflife.snyk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of a SARIF 2.1.0 log written by {@code snyk container test --sarif} (and
 * {@code snyk test --sarif}) that are bound to objects: one rule and one result at a time. The log
 * and its runs are walked field by field by {@link SnykSarifReader}.
 */
final class SnykSarif {

    private SnykSarif() {}

    /**
     * One rule of {@code tool.driver.rules}: one Snyk issue.
     *
     * @param shortDescription {@code "Low severity - Denial of Service (DoS) vulnerability in bzip2"}
     * @param fullDescription {@code "(CVE-2016-3189) bzip2/libbz2-1.0@1.0.6-8.1"}
     */
    record Rule(
            String id,
            Message shortDescription,
            Message fullDescription,
            Configuration defaultConfiguration,
            RuleProperties properties) {}

    /** A SARIF message or multiformat message string; only its text is read. */
    record Message(String text) {}

    /** A rule's default configuration. */
    record Configuration(String level) {}

    /**
     * A rule's property bag.
     *
     * @param tags {@code security}, the CWE ids, and the project's package manager last
     * @param baseScore the CVSS base score (for AWS)
     * @param securitySeverity the same score as a string (for GitHub), {@code "undefined"} when Snyk had none
     */
    record RuleProperties(
            List<String> tags,
            @JsonProperty("cvssv3_baseScore") Double baseScore,
            @JsonProperty("security-severity") String securitySeverity) {}

    /**
     * One result: one issue in one target. A class that Jackson fills field by field, not a record,
     * so that a key spelled like one of these in another case is reported, not skipped unseen.
     */
    static final class Result {
        @JsonProperty("ruleId")
        private String ruleId;

        @JsonProperty("level")
        private String level;

        @JsonProperty("locations")
        private List<Location> locations;

        @JsonProperty("fixes")
        private List<SarifFix> fixes;

        String ruleId() {
            return ruleId;
        }

        String level() {
            return level;
        }

        List<Location> locations() {
            return locations;
        }

        List<SarifFix> fixes() {
            return fixes;
        }
    }

    /** Where a result is: the target file (or image) and the package. */
    record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

    /** The file a result is in. */
    record PhysicalLocation(ArtifactLocation artifactLocation) {}

    /** The file's address. */
    record ArtifactLocation(String uri) {}

    /** The package, as {@code packageName@version}. */
    record LogicalLocation(String fullyQualifiedName) {}

    /** A proposed fix: {@code "Upgrade to express@3.0.0"}. */
    record SarifFix(Message description) {}
}
