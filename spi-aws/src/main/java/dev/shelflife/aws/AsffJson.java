package dev.shelflife.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of AWS Security Hub findings in the AWS Security Finding Format (ASFF), as
 * {@code aws securityhub get-findings} writes them, that are bound to objects: one finding at a
 * time. ASFF spells its keys with a capital. The document's outer object is walked field by field
 * by {@link SecurityHubReader}; a finding is a class that Jackson fills field by field, so that a key
 * spelled like one of these in another case is reported, not skipped unseen.
 */
final class AsffJson {

    private AsffJson() {}

    /** One element of {@code Findings}. */
    static final class Finding {
        @JsonProperty("Id")
        private String id;

        @JsonProperty("ProductName")
        private String productName;

        @JsonProperty("CompanyName")
        private String companyName;

        @JsonProperty("ProductFields")
        private Map<String, String> productFields;

        @JsonProperty("Severity")
        private Severity severity;

        @JsonProperty("LastObservedAt")
        private String lastObservedAt;

        @JsonProperty("RecordState")
        private String recordState;

        @JsonProperty("Workflow")
        private Workflow workflow;

        @JsonProperty("Resources")
        private List<Resource> resources;

        @JsonProperty("Vulnerabilities")
        private List<Vulnerability> vulnerabilities;

        String id() {
            return id;
        }

        String productName() {
            return productName;
        }

        String companyName() {
            return companyName;
        }

        Map<String, String> productFields() {
            return productFields == null ? Map.of() : productFields;
        }

        Severity severity() {
            return severity;
        }

        String lastObservedAt() {
            return lastObservedAt;
        }

        String recordState() {
            return recordState;
        }

        Workflow workflow() {
            return workflow;
        }

        List<Resource> resources() {
            return resources == null ? List.of() : resources;
        }

        List<Vulnerability> vulnerabilities() {
            return vulnerabilities == null ? List.of() : vulnerabilities;
        }
    }

    /**
     * A finding's severity.
     *
     * @param label {@code INFORMATIONAL}, {@code LOW}, {@code MEDIUM}, {@code HIGH}, {@code CRITICAL}
     */
    record Severity(@JsonProperty("Label") String label) {}

    /**
     * Where people are with a finding.
     *
     * @param status {@code NEW}, {@code NOTIFIED}, {@code RESOLVED}, {@code SUPPRESSED}
     */
    record Workflow(@JsonProperty("Status") String status) {}

    /**
     * The resource a finding is about.
     *
     * @param type {@code AwsEcrContainerImage}, {@code AwsEc2Instance} …
     * @param id the resource's id
     * @param partition the AWS partition
     * @param region the region
     * @param details the resource's details, by type
     */
    record Resource(
            @JsonProperty("Type") String type,
            @JsonProperty("Id") String id,
            @JsonProperty("Partition") String partition,
            @JsonProperty("Region") String region,
            @JsonProperty("Details") ResourceDetails details) {}

    /**
     * A resource's details.
     *
     * @param awsEcrContainerImage the ECR image
     */
    record ResourceDetails(
            @JsonProperty("AwsEcrContainerImage") EcrContainerImage awsEcrContainerImage) {}

    /**
     * An image in ECR.
     *
     * @param registryId the registry: the AWS account id
     * @param repositoryName the repository
     * @param imageDigest the image's manifest digest
     * @param imageTags its tags
     */
    record EcrContainerImage(
            @JsonProperty("RegistryId") String registryId,
            @JsonProperty("RepositoryName") String repositoryName,
            @JsonProperty("ImageDigest") String imageDigest,
            @JsonProperty("ImageTags") List<String> imageTags) {}

    /**
     * One vulnerability of a finding.
     *
     * @param id the vulnerability's id
     * @param relatedVulnerabilities other ids of it
     * @param vendor the vendor whose record was matched
     * @param cvss the CVSS scores
     * @param fixAvailable {@code YES}, {@code NO}, {@code PARTIAL}
     * @param vulnerablePackages the packages it is found in
     */
    record Vulnerability(
            @JsonProperty("Id") String id,
            @JsonProperty("RelatedVulnerabilities") List<String> relatedVulnerabilities,
            @JsonProperty("Vendor") Vendor vendor,
            @JsonProperty("Cvss") List<Cvss> cvss,
            @JsonProperty("FixAvailable") String fixAvailable,
            @JsonProperty("VulnerablePackages") List<VulnerablePackage> vulnerablePackages) {}

    /**
     * The vendor of a vulnerability record.
     *
     * @param name {@code NVD}, {@code DEBIAN_CVE} …
     * @param url the record's page
     * @param vendorSeverity the vendor's severity word
     * @param vendorCreatedAt when the vendor published it
     * @param vendorUpdatedAt when the vendor last changed it
     */
    record Vendor(
            @JsonProperty("Name") String name,
            @JsonProperty("Url") String url,
            @JsonProperty("VendorSeverity") String vendorSeverity,
            @JsonProperty("VendorCreatedAt") String vendorCreatedAt,
            @JsonProperty("VendorUpdatedAt") String vendorUpdatedAt) {}

    /**
     * One CVSS score.
     *
     * @param baseScore the base score
     * @param baseVector the vector
     * @param source who scored it
     * @param version the CVSS version
     */
    record Cvss(
            @JsonProperty("BaseScore") String baseScore,
            @JsonProperty("BaseVector") String baseVector,
            @JsonProperty("Source") String source,
            @JsonProperty("Version") String version) {}

    /**
     * A package the vulnerability is found in.
     *
     * @param name the name
     * @param version the version without epoch and release
     * @param epoch the epoch
     * @param release the release
     * @param fixedInVersion the version that fixes it, or {@code NotAvailable}
     * @param packageManager {@code OS}, {@code NPM}, {@code GOMOD} …
     * @param filePath where a language package was found
     * @param sourceLayerHash the layer that added it
     */
    record VulnerablePackage(
            @JsonProperty("Name") String name,
            @JsonProperty("Version") String version,
            @JsonProperty("Epoch") String epoch,
            @JsonProperty("Release") String release,
            @JsonProperty("FixedInVersion") String fixedInVersion,
            @JsonProperty("PackageManager") String packageManager,
            @JsonProperty("FilePath") String filePath,
            @JsonProperty("SourceLayerHash") String sourceLayerHash) {}
}
