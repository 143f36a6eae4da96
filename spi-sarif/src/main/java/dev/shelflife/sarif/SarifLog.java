package dev.shelflife.sarif;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of a SARIF 2.1.0 log written by Trivy or Grype that are bound to objects: one rule,
 * one result and a run's property bag at a time. The log, its runs and their drivers are walked
 * field by field by {@link SarifReader}. Rules and results are classes that Jackson fills field by
 * field, not records, so that a key spelled like one of these in another case is reported, not
 * skipped unseen.
 */
final class SarifLog {

    private SarifLog() {}

    /** One rule of {@code tool.driver.rules}: a vulnerability (Trivy), a vulnerability in one package (Grype). */
    static final class Rule {
        @JsonProperty("id")
        private String id;

        @JsonProperty("name")
        private String name;

        @JsonProperty("shortDescription")
        private Message shortDescription;

        @JsonProperty("fullDescription")
        private Message fullDescription;

        @JsonProperty("help")
        private Message help;

        @JsonProperty("helpUri")
        private String helpUri;

        @JsonProperty("properties")
        private RuleProperties properties;

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        String shortDescription() {
            return Message.text(shortDescription);
        }

        String help() {
            return Message.text(help);
        }

        String helpUri() {
            return helpUri;
        }

        RuleProperties properties() {
            return properties;
        }
    }

    /**
     * A SARIF message or multiformat message string; only its text is read.
     *
     * @param text the plain text
     */
    record Message(String text) {
        static String text(Message message) {
            return message == null ? null : message.text();
        }
    }

    /**
     * A rule's property bag, as Trivy and Grype fill it.
     *
     * @param tags Trivy's {@code [kind, "security", SEVERITY]}: the kind is {@code vulnerability},
     *     {@code misconfiguration}, {@code secret} or {@code license}
     * @param securitySeverity GitHub's ranking score, a string in both tools ({@code "5.3"}); a number is read as its digits
     * @param cvss3Score Trivy's CVSS v3 base score, when it has one
     * @param cvss3Vector Trivy's CVSS v3 vector
     * @param cvss2Score Trivy's CVSS v2 score
     * @param cvss2Vector Trivy's CVSS v2 vector
     * @param cvss4Score Trivy's CVSS v4 base score
     * @param cvss4Vector Trivy's CVSS v4 vector
     * @param purls Grype's package URL of the rule's first match
     */
    record RuleProperties(
            List<String> tags,
            @JsonProperty("security-severity") String securitySeverity,
            @JsonProperty("cvssv3_baseScore") String cvss3Score,
            @JsonProperty("cvssv3_vector") String cvss3Vector,
            @JsonProperty("cvssv2_score") String cvss2Score,
            @JsonProperty("cvssv2_vector") String cvss2Vector,
            @JsonProperty("cvssv40_baseScore") String cvss4Score,
            @JsonProperty("cvssv40_vector") String cvss4Vector,
            List<String> purls) {}

    /** One result: one vulnerability in one package (or, in Trivy's logs, a misconfiguration, secret or licence). */
    static final class Result {
        @JsonProperty("ruleId")
        private String ruleId;

        @JsonProperty("ruleIndex")
        private Integer ruleIndex;

        @JsonProperty("level")
        private String level;

        @JsonProperty("message")
        private Message message;

        @JsonProperty("locations")
        private List<Location> locations;

        String ruleId() {
            return ruleId;
        }

        Integer ruleIndex() {
            return ruleIndex;
        }

        String level() {
            return level;
        }

        String message() {
            return Message.text(message);
        }

        List<Location> locations() {
            return locations == null ? List.of() : locations;
        }
    }

    /**
     * Where a result is: a file or image path, the package's paths in the image (Grype), and
     * Trivy's {@code "path: name@version"}.
     *
     * @param physicalLocation the artifact
     * @param logicalLocations Grype's package locations
     * @param message Trivy's location message
     */
    record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations, Message message) {}

    /**
     * The artifact a result is in.
     *
     * @param artifactLocation its address
     */
    record PhysicalLocation(ArtifactLocation artifactLocation) {}

    /**
     * An artifact's address.
     *
     * @param uri the path or image path
     */
    record ArtifactLocation(String uri) {}

    /**
     * One of Grype's locations of a package: {@code name} is the path in the image,
     * {@code fullyQualifiedName} is {@code userInput@layer:/path}.
     *
     * @param name the path
     * @param fullyQualifiedName the image as the user named it, the layer and the path
     */
    record LogicalLocation(String name, String fullyQualifiedName) {}

    /**
     * Trivy's run properties for an image scan.
     *
     * @param imageName the artifact name Trivy was given
     * @param imageId the image id (the config digest)
     * @param repoTags the image's tags
     * @param repoDigests the image's repository digests
     */
    record RunProperties(
            String imageName,
            @JsonProperty("imageID") String imageId,
            List<String> repoTags,
            List<String> repoDigests) {}
}
