package dev.shelflife.streams;

import static dev.shelflife.streams.Reports.DIGEST_A;
import static dev.shelflife.streams.Reports.DIGEST_B;
import static dev.shelflife.streams.Reports.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Lineage;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageFactsTest {

    private static final Instant BUILT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant FIRST = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-02T00:00:00Z");
    private static final String LINEAGE = "ghcr.io/acme/shop-api";

    private static LineageFacts twoScans() {
        ScanReport first = Reports.scan(
                "1.0",
                DIGEST_A,
                BUILT,
                FIRST,
                List.of(
                        finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.of(FixState.NOT_FIXED)),
                        finding("CVE-2026-1001", Severity.MEDIUM, "libxml2", "2.9.14", Fix.fixed("2.9.15"))));
        ScanReport second = Reports.scan(
                "1.1",
                DIGEST_B,
                BUILT,
                SECOND,
                List.of(
                        finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")),
                        finding("CVE-2026-1002", Severity.LOW, "zlib", "1.3", Fix.of(FixState.NOT_FIXED))));
        LineageFacts facts = LineageFacts.empty();
        facts.add(first, new RecordedScan("sha256:first", LINEAGE, DIGEST_A, first.scanner(), FIRST));
        facts.add(second, new RecordedScan("sha256:second", LINEAGE, DIGEST_B, second.scanner(), SECOND));
        return facts;
    }

    @Test
    void readsBackWhatItWroteWithEveryScanItNames() {
        LineageFacts facts = twoScans();

        LineageFacts read = LineageFacts.decode(facts.encode());

        assertThat(read.size()).isEqualTo(3);
        assertThat(read.at(LINEAGE, SECOND)).isEqualTo(facts.at(LINEAGE, SECOND));
        assertThat(read.at(LINEAGE, FIRST)).isEqualTo(facts.at(LINEAGE, FIRST));
        assertThat(read.encode()).isEqualTo(facts.encode());
    }

    @Test
    void keepsOnlyTheFactsAnImagesFindingsCanLookUpByIdOrAlias() {
        LineageFacts facts = twoScans();
        ScanReport image = Reports.scan(
                "1.2",
                DIGEST_A,
                BUILT,
                SECOND,
                List.of(new dev.shelflife.Finding(
                        dev.shelflife.Vulnerability.builder("GHSA-aaaa-bbbb-cccc")
                                .alias("cve-2026-1001")
                                .severity(Severity.MEDIUM)
                                .build(),
                        dev.shelflife.InstalledPackage.builder("libxml2")
                                .version("2.9.14")
                                .build(),
                        Fix.fixed("2.9.15"),
                        "")));

        Lineage kept = facts.at(LINEAGE, SECOND, LineageFacts.ids(List.of(image)));

        assertThat(kept.findings())
                .extracting(dev.shelflife.LineageFinding::vulnerabilityId)
                .containsExactly("CVE-2026-1001");
        assertThat(facts.at(LINEAGE, SECOND, null)).isEqualTo(facts.at(LINEAGE, SECOND));
        assertThat(facts.at(LINEAGE, SECOND).findings()).hasSize(3);
    }

    @Test
    void refusesFactsCutShort() {
        byte[] encoded = twoScans().encode();

        assertThatThrownBy(() -> LineageFacts.decode(Arrays.copyOf(encoded, encoded.length / 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the facts of a lineage");
    }
}
