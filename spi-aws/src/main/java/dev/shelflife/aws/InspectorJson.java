package dev.shelflife.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of Amazon Inspector's {@code ListFindings} output ({@code aws inspector2 list-findings})
 * that are bound to objects: one finding at a time. The document's outer object is walked field by
 * field by {@link InspectorReader}. A finding is a class that Jackson fills field by field, so that
 * a key spelled like one of these in another case is reported, not skipped unseen.
 */
final class InspectorJson {

    private InspectorJson() {}

    /** One element of {@code findings}: one vulnerability, in one resource. */
    static final class Finding {
        @JsonProperty("findingArn")
        private String findingArn;

        @JsonProperty("type")
        private String type;

        @JsonProperty("status")
        private String status;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("fixAvailable")
        private String fixAvailable;

        @JsonProperty("inspectorScore")
        private String inspectorScore;

        @JsonProperty("inspectorScoreDetails")
        private ScoreDetails inspectorScoreDetails;

        @JsonProperty("lastObservedAt")
        private String lastObservedAt;

        @JsonProperty("packageVulnerabilityDetails")
        private PackageVulnerabilityDetails packageVulnerabilityDetails;

        @JsonProperty("resources")
        private List<Resource> resources;

        String findingArn() {
            return findingArn;
        }

        String type() {
            return type;
        }

        String status() {
            return status;
        }

        String severity() {
            return severity;
        }

        String fixAvailable() {
            return fixAvailable;
        }

        String inspectorScore() {
            return inspectorScore;
        }

        ScoreDetails inspectorScoreDetails() {
            return inspectorScoreDetails;
        }

        String lastObservedAt() {
            return lastObservedAt;
        }

        PackageVulnerabilityDetails packageVulnerabilityDetails() {
            return packageVulnerabilityDetails;
        }

        List<Resource> resources() {
            return resources == null ? List.of() : resources;
        }
    }

    /**
     * How Inspector arrived at its score.
     *
     * @param adjustedCvss the CVSS it adjusted
     */
    record ScoreDetails(AdjustedCvss adjustedCvss) {}

    /**
     * The CVSS score Inspector adjusted for the resource.
     *
     * @param score the score
     * @param scoringVector its vector
     */
    record AdjustedCvss(String score, String scoringVector) {}

    /**
     * What the finding says of the vulnerability and the packages it is in.
     *
     * @param vulnerabilityId the vulnerability's id ({@code CVE-2021-3744}, {@code GHSA-…}, {@code ALAS-…})
     * @param relatedVulnerabilities other ids of the vulnerability
     * @param source the vendor whose record Inspector matched ({@code NVD}, {@code DEBIAN_CVE})
     * @param sourceUrl the vendor's page
     * @param vendorSeverity the vendor's severity word
     * @param vendorCreatedAt when the vendor published it
     * @param vendorUpdatedAt when the vendor last changed it
     * @param cvss the CVSS scores, by source
     * @param vulnerablePackages the packages it is found in
     */
    record PackageVulnerabilityDetails(
            String vulnerabilityId,
            List<String> relatedVulnerabilities,
            String source,
            String sourceUrl,
            String vendorSeverity,
            String vendorCreatedAt,
            String vendorUpdatedAt,
            List<Cvss> cvss,
            List<VulnerablePackage> vulnerablePackages) {}

    /**
     * One CVSS score.
     *
     * @param baseScore the base score
     * @param scoringVector the vector
     * @param source who scored it
     * @param version the CVSS version
     */
    record Cvss(String baseScore, String scoringVector, String source, String version) {}

    /**
     * A package the vulnerability is found in.
     *
     * @param name the name
     * @param version the version without epoch and release
     * @param epoch the epoch ({@code 0} for none)
     * @param release the release (the distribution's revision), for OS packages
     * @param fixedInVersion the version that fixes it, {@code epoch:version-release}, or {@code NotAvailable}
     * @param packageManager {@code OS}, {@code NPM}, {@code JAR}, {@code PIP} …
     * @param filePath where a language package was found
     * @param sourceLayerHash the layer that added it
     */
    record VulnerablePackage(
            String name,
            String version,
            String epoch,
            String release,
            String fixedInVersion,
            String packageManager,
            String filePath,
            String sourceLayerHash) {}

    /**
     * The resource a finding is about.
     *
     * @param type {@code AWS_ECR_CONTAINER_IMAGE}, {@code AWS_EC2_INSTANCE}, {@code AWS_LAMBDA_FUNCTION} …
     * @param id the resource's id (an ARN, an instance id)
     * @param partition the AWS partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov})
     * @param region the region
     * @param details the resource's details, by type
     */
    record Resource(String type, String id, String partition, String region, ResourceDetails details) {}

    /**
     * A resource's details.
     *
     * @param awsEcrContainerImage the ECR image, for {@code AWS_ECR_CONTAINER_IMAGE}
     */
    record ResourceDetails(EcrContainerImage awsEcrContainerImage) {}

    /**
     * An image in ECR.
     *
     * @param registry the registry: the AWS account id
     * @param repositoryName the repository
     * @param imageHash the image's manifest digest
     * @param imageTags its tags when Inspector scanned it
     * @param platform the operating system Inspector found ({@code DEBIAN_10})
     * @param pushedAt when it was pushed (not built)
     */
    record EcrContainerImage(
            String registry,
            String repositoryName,
            String imageHash,
            List<String> imageTags,
            String platform,
            String pushedAt) {}
}
