package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level keys by which the JSON report formats ShelfLife reads can be told apart: the
 * containers in which each keeps its entries, and the keys that only one format writes. Shared
 * so that each adapter can tell another's document from its own, in detection and in reading.
 *
 * <p>An adapter's detection stops at a key that {@linkplain #identifies(String) identifies}
 * another format, and claims nothing it saw only after one; a reader that meets, where it reads
 * its own entries, a {@linkplain #container(String) container} it does not read reports it
 * instead of skipping it ({@link JsonCursor#skipUnread(String, java.util.Set)}), since a report
 * read without its entries reads as one that found nothing.
 *
 * @since 0.2
 */
public final class FormatKeys {

    /**
     * The key under which Harbor's API returns a v1.1 vulnerability report: its MIME type.
     *
     * @since 0.2
     */
    public static final String HARBOR_V1_1 = "application/vnd.security.vulnerability.report; version=1.1";

    /**
     * The key under which Harbor's API returned a v1.0 vulnerability report (the pluggable scanner API of Harbor 1.10 to 2.x).
     *
     * @since 0.2
     */
    public static final String HARBOR_V1_0 = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";

    /** Containers of entries, by lower-case name: which formats keep their entries there. */
    private static final Map<String, String> CONTAINERS = Map.ofEntries(
            Map.entry("results", "where Trivy (Results) and SARIF (results) keep their entries"),
            Map.entry(
                    "vulnerabilities",
                    "where Snyk, CycloneDX, Harbor, GitLab, CSAF (vulnerabilities) and trivy k8s (Vulnerabilities) keep"
                            + " their entries"),
            Map.entry("resources", "where trivy k8s (Resources) keeps its entries"),
            Map.entry(
                    "findings",
                    "where trivy k8s (Findings), AWS Inspector (findings) and AWS Security Hub (Findings) keep"
                            + " their entries"),
            Map.entry("matches", "where Grype (matches) keeps its entries"),
            Map.entry("ignoredmatches", "where Grype (ignoredMatches) keeps the matches it ignored"),
            Map.entry("applications", "where Snyk (applications) keeps the projects found in an image"),
            Map.entry("runs", "where SARIF (runs) keeps its results"),
            Map.entry("components", "where CycloneDX (components) keeps its packages"),
            Map.entry("report", "where a Trivy Operator resource (report) keeps its vulnerabilities"),
            Map.entry("items", "where a Kubernetes List (items) keeps its resources, such as Trivy Operator's reports"),
            Map.entry("statements", "where OpenVEX (statements) keeps its statements"),
            Map.entry("@graph", "where SPDX 3 (@graph) keeps its elements"));

    /** Keys that one format alone writes at its top level, spelled exactly. */
    private static final Map<String, String> IDENTIFYING = Map.ofEntries(
            Map.entry("ArtifactName", "Trivy"),
            Map.entry("ArtifactType", "Trivy"),
            Map.entry("Results", "Trivy"),
            Map.entry("ClusterName", "Trivy"),
            Map.entry("matches", "Grype"),
            Map.entry("ignoredMatches", "Grype"),
            Map.entry("descriptor", "Grype"),
            Map.entry("packageManager", "Snyk"),
            Map.entry("projectName", "Snyk"),
            Map.entry("dependencyCount", "Snyk"),
            Map.entry("bomFormat", "CycloneDX"),
            Map.entry("specVersion", "CycloneDX"),
            Map.entry("runs", "SARIF"),
            Map.entry(HARBOR_V1_1, "Harbor"),
            Map.entry(HARBOR_V1_0, "Harbor"),
            Map.entry("generated_at", "Harbor"),
            Map.entry("remediations", "GitLab"),
            Map.entry("statements", "OpenVEX"),
            Map.entry("product_tree", "CSAF"),
            Map.entry("spdxVersion", "SPDX"),
            Map.entry("SPDXID", "SPDX"),
            Map.entry("@graph", "SPDX"),
            // Trivy k8s and Security Hub both write Findings: only Amazon Inspector writes findings.
            Map.entry("findings", "AWS Inspector"),
            Map.entry("misconfigurations", ".trivyignore.yaml"),
            Map.entry("secrets", ".trivyignore.yaml"),
            Map.entry("licenses", ".trivyignore.yaml"));

    private FormatKeys() {}

    /**
     * Whether a key names a container of entries in one of the formats, in any letter case:
     * {@code Results}, {@code vulnerabilities}, {@code matches}, {@code components} …
     *
     * @param key a key
     * @return which formats keep their entries under that name, for a message; empty if none does
     */
    public static Optional<String> container(String key) {
        return Optional.ofNullable(CONTAINERS.get(key.toLowerCase(Locale.ROOT)));
    }

    /**
     * The format that a top-level key, spelled exactly so, identifies on its own: {@code Results}
     * is Trivy's, {@code matches} Grype's, {@code bomFormat} CycloneDX's, {@code runs} SARIF's.
     * Keys that several formats write ({@code vulnerabilities}, {@code $schema}, {@code version})
     * or that a hostile edit could add to anything without structure ({@code SchemaVersion})
     * identify none.
     *
     * @param key a top-level key
     * @return the format's name ({@code Trivy}, {@code Grype}, {@code Snyk}, {@code CycloneDX},
     *     {@code SARIF}, {@code Harbor}, {@code GitLab}, {@code OpenVEX}, {@code CSAF}, {@code SPDX},
     *     {@code AWS Inspector}, {@code .trivyignore.yaml}), or empty
     */
    public static Optional<String> identifies(String key) {
        return Optional.ofNullable(IDENTIFYING.get(key));
    }

    /**
     * Looks at a top-level key that a format's detection does not read itself, with the cursor on
     * its value, for a sign that the document is another format's: a key that {@linkplain
     * #identifies(String) identifies} another format, or another format's {@linkplain
     * #container(String) container} of entries that holds something. The detection stops at such a
     * key, and claims nothing it saw only after it.
     *
     * <p>When the key shows nothing, its value is consumed: skipped, or, for an empty container or
     * a {@code null}, left with the cursor on its end. When it shows another format, the cursor is
     * left where the look stopped (inside a container that holds something), as the detection
     * reads no further.
     *
     * @param cursor a first-pass cursor on the key's value
     * @param key the top-level key
     * @param own the name of the detecting format as {@link #identifies(String)} gives it
     *     ({@code "CSAF"}), whose own keys are no sign of another format
     * @return what the key shows, for a detection's reason ({@code "matches", which Grype writes});
     *     empty when it shows nothing
     * @throws dev.shelflife.ReportParseException if the value is malformed
     * @since 0.2
     */
    public static Optional<String> otherFormat(JsonCursor cursor, String key, String own) {
        Optional<String> format = identifies(key).filter(f -> !f.equals(own));
        if (format.isPresent()) {
            return Optional.of("\"" + key + "\", which " + format.get() + " writes");
        }
        Optional<String> container = container(key);
        if (container.isEmpty()) {
            cursor.skip();
            return Optional.empty();
        }
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL
                || token.isStructStart() && cursor.nextToken().isStructEnd()) {
            return Optional.empty();
        }
        return Optional.of("\"" + key + "\", " + container.get());
    }
}
