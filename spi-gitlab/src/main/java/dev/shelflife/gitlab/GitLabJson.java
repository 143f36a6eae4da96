package dev.shelflife.gitlab;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of a GitLab security report that are bound as values, named as GitLab's report
 * schemas name them. The report object and its {@code vulnerabilities} are walked by
 * {@link GitLabReader}. Every field may be absent or {@code null}; {@link GitLabMapper} ends that.
 */
final class GitLabJson {

    private GitLabJson() {}

    /**
     * One element of {@code vulnerabilities}: a raw entry. GitLab 14's layout adds
     * {@code category}, {@code message}, {@code confidence} and a per-entry {@code scanner}, which
     * GitLab 15 dropped; {@code cve} stays in both, {@code name} is newer. Filled field by field, as
     * the other adapters' entries are.
     */
    static final class Vulnerability {
        @JsonProperty("id")
        private String id;

        @JsonProperty("name")
        private String name;

        @JsonProperty("message")
        private String message;

        @JsonProperty("cve")
        private String cve;

        @JsonProperty("severity")
        private String severity;

        @JsonProperty("solution")
        private String solution;

        @JsonProperty("location")
        private Location location;

        // A single object is taken as a list of one: Snyk's entries, beside which GitLab's share the
        // key "vulnerabilities", hold an object here, and a report of another format must end in
        // "not a GitLab report", not in a failure to bind its first entry.
        @JsonProperty("identifiers")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<Identifier> identifiers;

        /** Objects with a {@code url}; Harbor's entries, under the same key, hold strings: both are read. */
        @JsonProperty("links")
        private List<Object> links;

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        String message() {
            return message;
        }

        String cve() {
            return cve;
        }

        String severity() {
            return severity;
        }

        String solution() {
            return solution;
        }

        Location location() {
            return location;
        }

        List<Identifier> identifiers() {
            return identifiers;
        }

        List<Object> links() {
            return links;
        }
    }

    /** {@code location} of a container scanning entry. */
    record Location(
            @JsonProperty("dependency") Dependency dependency,
            @JsonProperty("operating_system") String operatingSystem,
            @JsonProperty("image") String image) {}

    /** {@code location.dependency}. */
    record Dependency(
            @JsonProperty("package") Package pkg,
            @JsonProperty("version") String version) {}

    /** {@code location.dependency.package}. */
    record Package(@JsonProperty("name") String name) {}

    /** One of {@code identifiers}: {@code cve}, {@code ghsa}, a distribution's advisory … */
    record Identifier(
            @JsonProperty("type") String type,
            @JsonProperty("name") String name,
            @JsonProperty("value") String value,
            @JsonProperty("url") String url) {}

    /** {@code scan}. */
    record Scan(
            @JsonProperty("scanner") Tool scanner,
            @JsonProperty("analyzer") Tool analyzer,
            @JsonProperty("type") String type,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            @JsonProperty("status") String status) {}

    /** {@code scan.scanner} and {@code scan.analyzer}. */
    record Tool(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("version") String version) {}
}
