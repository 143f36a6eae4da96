package dev.shelflife.benchmarks;

import dev.shelflife.cyclonedx.CycloneDxScannerAdapter;
import dev.shelflife.grype.GrypeScannerAdapter;
import dev.shelflife.snyk.SnykScannerAdapter;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.trivy.TrivyScannerAdapter;
import edu.hm.hafner.analysis.IssueParser;
import edu.hm.hafner.analysis.parser.GrypeParser;
import edu.hm.hafner.analysis.parser.TrivyParser;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A scanner format the benchmarks measure: the corpus report that large inputs are grown from,
 * how a copy of its entries is made distinct, ShelfLife's adapter and the peer's parser.
 */
enum Format {

    /** The first SchemaVersion 2 golden: 711 entries in one result; each copy is a result of its own target. */
    TRIVY(
            "trivy/trivy-v0.20-schema2-centos-7-large.json",
            List.of("Results"),
            List.of("Target"),
            "copy-%05d/",
            TrivyScannerAdapter::new,
            TrivyParser::new),

    /**
     * Grype 0.7.0's 1,509 matches. A Grype report has one target, so a copy is made distinct by
     * its packages' paths, as if the same packages were installed under another root. The peer
     * cannot read this generation (it requires {@code dataSource}, which 0.7.0 did not write).
     */
    GRYPE(
            "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json",
            List.of("matches"),
            List.of("artifact", "locations", "*", "path"),
            "/copy-%05d",
            GrypeScannerAdapter::new,
            GrypeParser::new),

    /** Grype 0.94.0's 15 matches with EPSS, CVSS and related records, grown the same way: a generation the peer reads. */
    GRYPE_094(
            "grype/dd-many_vulns_with_epss_values-grype-0.94.0.json",
            List.of("matches"),
            List.of("artifact", "locations", "*", "path"),
            "/copy-%05d",
            GrypeScannerAdapter::new,
            GrypeParser::new),

    /**
     * The largest real Snyk open-source report (254 entries, 43 distinct), repeated as the array of
     * projects {@code snyk test --all-projects} writes, each project with a target file of its own.
     * The peer has no Snyk parser.
     */
    SNYK(
            "snyk/dd-single_project_upgrade_libs-large.json",
            List.of(),
            List.of("displayTargetFile"),
            "copy-%05d/",
            SnykScannerAdapter::new,
            null),

    /** Trivy's CycloneDX 1.6 output with vulnerabilities; each copy's ids get a prefix, so copies do not collapse. */
    CYCLONEDX(
            "cyclonedx/trivy-v0.68-fluentd-short-cdx1.6-vulns.json",
            List.of("vulnerabilities"),
            List.of("id"),
            "copy-%05d/",
            CycloneDxScannerAdapter::new,
            null);

    private final String corpusName;
    private final List<String> entriesPath;
    private final List<String> distinctPath;
    private final String distinctPrefix;
    private final Supplier<ScannerAdapter> adapter;
    private final Supplier<IssueParser> peer;

    Format(
            String corpusName,
            List<String> entriesPath,
            List<String> distinctPath,
            String distinctPrefix,
            Supplier<ScannerAdapter> adapter,
            Supplier<IssueParser> peer) {
        this.corpusName = corpusName;
        this.entriesPath = entriesPath;
        this.distinctPath = distinctPath;
        this.distinctPrefix = distinctPrefix;
        this.adapter = adapter;
        this.peer = peer;
    }

    /**
     * The format named on the command line or in a JMH parameter.
     *
     * @param name {@code trivy}, {@code grype}, {@code grype_094}, {@code snyk} or {@code cyclonedx}, in any case
     * @return the format
     */
    static Format named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** @return the corpus file's name in {@code MANIFEST.tsv} */
    String corpusName() {
        return corpusName;
    }

    /** @return the field names from the root to the array of entries (or results) that is repeated; none: the whole document */
    List<String> entriesPath() {
        return entriesPath;
    }

    /** @return the field names, {@code *} for any array element, from one repeated element to the string made distinct */
    List<String> distinctPath() {
        return distinctPath;
    }

    /**
     * The prefix that makes the {@code copy}-th copy distinct.
     *
     * @param copy the copy's 0-based number
     * @return the prefix
     */
    String distinctPrefix(int copy) {
        return String.format(Locale.ROOT, distinctPrefix, copy);
    }

    /** @return a new ShelfLife adapter for the format */
    ScannerAdapter adapter() {
        return adapter.get();
    }

    /** @return a new parser of the peer library, when it reads the format */
    Optional<IssueParser> peer() {
        return Optional.ofNullable(peer).map(Supplier::get);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
