package dev.shelflife.grype;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code grype -o json} document that ShelfLife reads, as records that mirror the
 * JSON. Every component may be {@code null}; {@link GrypeMapper} ends that. Fields not named here
 * ({@code matchDetails}, {@code cpes}, {@code licenses}, {@code descriptor.configuration} …) are
 * skipped unread, which is why their shape changing between generations (an object in 0.7.x, an
 * array later; a string or an array) does not matter.
 *
 * <p>Grype never versioned its JSON. Where the generations differ inside a vulnerability, both
 * shapes are declared side by side and the mapper reads whichever the document has: 0.7.x writes
 * {@code fixedInVersion}, {@code links} and {@link LegacyCvss cvssV2/cvssV3}; 0.2x onwards
 * writes {@link Fix fix}, {@code urls}, {@code namespace}, {@code relatedVulnerabilities} and
 * {@link Cvss cvss[]}; the DB v6 era (0.88+) adds {@code epss}, {@code knownExploited} and
 * {@code cwes}. Matches are bound one at a time, so the generation is never guessed up front.
 */
final class GrypeJson {

    private GrypeJson() {
    }

    /** One element of {@code matches}. */
    record Match(Vulnerability vulnerability, List<Related> relatedVulnerabilities, Artifact artifact) {
    }

    /** One element of {@code ignoredMatches}: a match plus the rules that hid it. */
    record IgnoredMatch(Vulnerability vulnerability, Artifact artifact, List<IgnoreRule> appliedIgnoreRules) {
    }

    /**
     * {@code match.vulnerability}, in every generation.
     *
     * @param fixedInVersion 0.7.x only
     * @param links 0.7.x only
     * @param cvssV2 0.7.x only
     * @param cvssV3 0.7.x only
     * @param fix 0.2x onwards
     * @param cvss 0.2x onwards
     * @param epss DB v6 onwards
     * @param knownExploited DB v6 onwards
     * @param cwes DB v6 onwards
     */
    record Vulnerability(String id, String namespace, String dataSource, String severity, List<String> urls,
            List<String> links, String fixedInVersion, LegacyCvss cvssV2, LegacyCvss cvssV3, Fix fix, List<Cvss> cvss,
            List<Epss> epss, List<KnownExploited> knownExploited, List<Cwe> cwes) {
    }

    /** One element of {@code relatedVulnerabilities}: another record of the same vulnerability, often NVD's. */
    record Related(String id, String namespace, String severity, List<Cvss> cvss, List<Epss> epss,
            List<KnownExploited> knownExploited, List<Cwe> cwes) {
    }

    /** {@code vulnerability.fix}, 0.2x onwards: {@code state} is one of fixed, not-fixed, wont-fix, unknown or empty. */
    record Fix(List<String> versions, String state) {
    }

    /** One element of {@code cvss}, 0.2x onwards; {@code source} and {@code type} appear in DB v5. */
    record Cvss(String source, String type, String version, String vector, Metrics metrics) {
    }

    /** {@code cvss[].metrics}. */
    record Metrics(Double baseScore) {
    }

    /** {@code cvssV2} and {@code cvssV3} of 0.7.x. */
    record LegacyCvss(Double baseScore, String vector) {
    }

    /** One element of {@code epss}. */
    record Epss(String cve, Double epss, Double percentile, String date) {
    }

    /** One element of {@code knownExploited}: a CISA KEV entry. */
    record KnownExploited(String cve, String dateAdded, String dueDate, String knownRansomwareCampaignUse) {
    }

    /** One element of {@code cwes}. */
    record Cwe(String cve, String cwe) {
    }

    /** {@code match.artifact}: the package. */
    record Artifact(String name, String version, String type, String purl, List<Location> locations,
            List<Upstream> upstreams, PackageMetadata metadata) {
    }

    /** One element of {@code artifact.locations}. */
    record Location(String path, String layerID) {
    }

    /** One element of {@code artifact.upstreams}: the source package. */
    record Upstream(String name) {
    }

    /** {@code artifact.metadata}, which Syft shapes per package type; only the dpkg {@code Source} of 0.2x is read. */
    record PackageMetadata(@JsonProperty("Source") String source) {
    }

    /** One element of {@code ignoredMatches[].appliedIgnoreRules}: a rule of {@code .grype.yaml}. */
    record IgnoreRule(String vulnerability, String reason, String namespace, @JsonProperty("fix-state") String fixState,
            @JsonProperty("package") IgnoredPackage pkg, @JsonProperty("vex-status") String vexStatus,
            @JsonProperty("vex-justification") String vexJustification, @JsonProperty("match-type") String matchType) {
    }

    /** {@code appliedIgnoreRules[].package}. */
    record IgnoredPackage(String name, String version, String type, String location,
            @JsonProperty("upstream-name") String upstreamName) {
    }

    /** {@code source.target} of an image scan. */
    record ImageTarget(String userInput, String imageID, String manifestDigest, List<String> tags,
            List<String> repoDigests, String config, String os, String architecture, String variant,
            Map<String, String> labels) {
    }

    /** {@code distro}. */
    record Distro(String name, String version) {
    }

    /** {@code descriptor}; {@code configuration} is not read. */
    record Descriptor(String name, String version, String timestamp, Db db) {
    }

    /** {@code descriptor.db}: {@code built} up to DB v5, {@code status.built} from DB v6. */
    record Db(String built, DbStatus status) {
    }

    /** {@code descriptor.db.status}, DB v6 onwards. */
    record DbStatus(String built) {
    }
}
