package dev.shelflife.grype;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code grype -o json} document that ShelfLife reads, as types that mirror the
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
 *
 * <p>The types of a match are classes that Jackson fills field by field, not records: Jackson binds
 * a record through its constructor, collecting every argument in a buffer first, which took a
 * large share of reading a report of tens of thousands of matches. The rest are records.
 */
final class GrypeJson {

    private GrypeJson() {}

    /** One element of {@code matches}. */
    static final class Match {
        @JsonProperty("vulnerability")
        private Vulnerability vulnerability;

        @JsonProperty("relatedVulnerabilities")
        private List<Metadata> relatedVulnerabilities;

        @JsonProperty("artifact")
        private Artifact artifact;

        Vulnerability vulnerability() {
            return vulnerability;
        }

        List<Metadata> relatedVulnerabilities() {
            return relatedVulnerabilities;
        }

        Artifact artifact() {
            return artifact;
        }
    }

    /** One element of {@code ignoredMatches}: a match plus the rules that hid it. */
    record IgnoredMatch(Vulnerability vulnerability, Artifact artifact, List<IgnoreRule> appliedIgnoreRules) {}

    /**
     * A vulnerability as one namespace records it (Grype's {@code VulnerabilityMetadata}): each
     * element of {@code relatedVulnerabilities}, often NVD's record, and the common part of
     * {@link Vulnerability match.vulnerability}.
     */
    static class Metadata {
        @JsonProperty("id")
        private String id;

        @JsonProperty("namespace")
        private String namespace;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("cvss")
        private List<Cvss> cvss;

        @JsonProperty("epss")
        private List<Epss> epss;

        @JsonProperty("knownExploited")
        private List<KnownExploited> knownExploited;

        @JsonProperty("cwes")
        private List<Cwe> cwes;

        String id() {
            return id;
        }

        String namespace() {
            return namespace;
        }

        String severity() {
            return severity;
        }

        List<Cvss> cvss() {
            return cvss;
        }

        List<Epss> epss() {
            return epss;
        }

        List<KnownExploited> knownExploited() {
            return knownExploited;
        }

        List<Cwe> cwes() {
            return cwes;
        }
    }

    /**
     * {@code match.vulnerability}, in every generation: {@code fixedInVersion}, {@code links},
     * {@code cvssV2} and {@code cvssV3} in 0.7.x only; {@code fix} and {@code cvss} from 0.2x on;
     * {@code epss}, {@code knownExploited} and {@code cwes} from DB v6 on.
     */
    static final class Vulnerability extends Metadata {
        @JsonProperty("dataSource")
        private String dataSource;

        @JsonProperty("urls")
        private List<String> urls;

        @JsonProperty("links")
        private List<String> links;

        private String fixedInVersion;
        /** Whether the key is there, {@code null} or not: Grype 0.7 writes it in every match. */
        private boolean hasFixedInVersion;

        @JsonProperty("cvssV2")
        private LegacyCvss cvssV2;

        @JsonProperty("cvssV3")
        private LegacyCvss cvssV3;

        private Fix fix;
        /** Whether the key is there, {@code null} or not: Grype 0.2x and later write it in every match. */
        private boolean hasFix;

        @JsonProperty("fixedInVersion")
        private void fixedInVersion(String value) {
            fixedInVersion = value;
            hasFixedInVersion = true;
        }

        @JsonProperty("fix")
        private void fix(Fix value) {
            fix = value;
            hasFix = true;
        }

        String dataSource() {
            return dataSource;
        }

        List<String> urls() {
            return urls;
        }

        List<String> links() {
            return links;
        }

        String fixedInVersion() {
            return fixedInVersion;
        }

        LegacyCvss cvssV2() {
            return cvssV2;
        }

        LegacyCvss cvssV3() {
            return cvssV3;
        }

        Fix fix() {
            return fix;
        }

        /**
         * Whether the match lacks the fix that its generation of Grype always writes: {@code fix},
         * {@code null} included, in a vulnerability of the 0.2x-or-later shape ({@code namespace},
         * {@code dataSource}, {@code urls} or {@code cvss}). Grype 0.7 omits {@code fixedInVersion}
         * when there is no fix, so its matches never lack one.
         */
        boolean lacksItsFix() {
            boolean modern = namespace() != null || dataSource != null || urls != null || cvss() != null;
            return modern && !hasFix && !hasFixedInVersion;
        }
    }

    /** {@code vulnerability.fix}, 0.2x onwards: {@code state} is one of fixed, not-fixed, wont-fix, unknown or empty. */
    static final class Fix {
        @JsonProperty("versions")
        private List<String> versions;

        @JsonProperty("state")
        private String state;

        List<String> versions() {
            return versions;
        }

        String state() {
            return state;
        }
    }

    /** One element of {@code cvss}, 0.2x onwards; {@code source} and {@code type} appear in DB v5. */
    static final class Cvss {
        @JsonProperty("source")
        private String source;

        @JsonProperty("type")
        private String type;

        @JsonProperty("version")
        private String version;

        @JsonProperty("vector")
        private String vector;

        @JsonProperty("metrics")
        private Metrics metrics;

        String source() {
            return source;
        }

        String type() {
            return type;
        }

        String version() {
            return version;
        }

        String vector() {
            return vector;
        }

        Metrics metrics() {
            return metrics;
        }
    }

    /** {@code cvss[].metrics}. */
    static final class Metrics {
        @JsonProperty("baseScore")
        private Double baseScore;

        Double baseScore() {
            return baseScore;
        }
    }

    /** {@code cvssV2} and {@code cvssV3} of 0.7.x. */
    static final class LegacyCvss {
        @JsonProperty("baseScore")
        private Double baseScore;

        @JsonProperty("vector")
        private String vector;

        Double baseScore() {
            return baseScore;
        }

        String vector() {
            return vector;
        }
    }

    /** One element of {@code epss}. */
    static final class Epss {
        @JsonProperty("cve")
        private String cve;

        @JsonProperty("epss")
        private Double epss;

        @JsonProperty("percentile")
        private Double percentile;

        @JsonProperty("date")
        private String date;

        String cve() {
            return cve;
        }

        Double epss() {
            return epss;
        }

        Double percentile() {
            return percentile;
        }

        String date() {
            return date;
        }
    }

    /** One element of {@code knownExploited}: a CISA KEV entry. */
    static final class KnownExploited {
        @JsonProperty("cve")
        private String cve;

        @JsonProperty("dateAdded")
        private String dateAdded;

        @JsonProperty("dueDate")
        private String dueDate;

        @JsonProperty("knownRansomwareCampaignUse")
        private String knownRansomwareCampaignUse;

        String cve() {
            return cve;
        }

        String dateAdded() {
            return dateAdded;
        }

        String dueDate() {
            return dueDate;
        }

        String knownRansomwareCampaignUse() {
            return knownRansomwareCampaignUse;
        }
    }

    /** One element of {@code cwes}. */
    static final class Cwe {
        @JsonProperty("cve")
        private String cve;

        @JsonProperty("cwe")
        private String cwe;

        String cve() {
            return cve;
        }

        String cwe() {
            return cwe;
        }
    }

    /** {@code match.artifact}: the package. */
    static final class Artifact {
        @JsonProperty("name")
        private String name;

        @JsonProperty("version")
        private String version;

        @JsonProperty("type")
        private String type;

        @JsonProperty("purl")
        private String purl;

        @JsonProperty("locations")
        private List<Location> locations;

        @JsonProperty("upstreams")
        private List<Upstream> upstreams;

        @JsonProperty("metadata")
        private PackageMetadata metadata;

        String name() {
            return name;
        }

        String version() {
            return version;
        }

        String type() {
            return type;
        }

        String purl() {
            return purl;
        }

        List<Location> locations() {
            return locations;
        }

        List<Upstream> upstreams() {
            return upstreams;
        }

        PackageMetadata metadata() {
            return metadata;
        }
    }

    /** One element of {@code artifact.locations}. */
    static final class Location {
        @JsonProperty("path")
        private String path;

        @JsonProperty("layerID")
        private String layerID;

        String path() {
            return path;
        }

        String layerID() {
            return layerID;
        }
    }

    /** One element of {@code artifact.upstreams}: the source package. */
    static final class Upstream {
        @JsonProperty("name")
        private String name;

        String name() {
            return name;
        }
    }

    /** {@code artifact.metadata}, which Syft shapes per package type; only the dpkg {@code Source} of 0.2x is read. */
    static final class PackageMetadata {
        @JsonProperty("Source")
        private String source;

        String source() {
            return source;
        }
    }

    /** One element of {@code ignoredMatches[].appliedIgnoreRules}: a rule of {@code .grype.yaml}. */
    record IgnoreRule(
            String vulnerability,
            String reason,
            String namespace,
            @JsonProperty("fix-state") String fixState,
            @JsonProperty("package") IgnoredPackage pkg,
            @JsonProperty("vex-status") String vexStatus,
            @JsonProperty("vex-justification") String vexJustification,
            @JsonProperty("match-type") String matchType) {}

    /** {@code appliedIgnoreRules[].package}. */
    record IgnoredPackage(
            String name,
            String version,
            String type,
            String location,
            @JsonProperty("upstream-name") String upstreamName) {}

    /** {@code source.target} of an image scan. */
    record ImageTarget(
            String userInput,
            String imageID,
            String manifestDigest,
            List<String> tags,
            List<String> repoDigests,
            String config,
            String os,
            String architecture,
            String variant,
            Map<String, String> labels) {}

    /** {@code distro}. */
    record Distro(String name, String version) {}

    /** {@code descriptor}; {@code configuration} is not read. */
    record Descriptor(String name, String version, String timestamp, Db db) {}

    /** {@code descriptor.db}: {@code built} up to DB v5, {@code status.built} from DB v6. */
    record Db(String built, DbStatus status) {}

    /** {@code descriptor.db.status}, DB v6 onwards. */
    record DbStatus(String built) {}
}
