package com.example.acmescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Severity;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.ContractSample;
import dev.shelflife.testkit.ScannerAdapterContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every ShelfLife adapter passes, run against the Acme adapter, and what it makes of
 * a typical Acme report.
 */
class AcmeScannerAdapterTest extends ScannerAdapterContract {

    private static final ContractSample SHOP_API =
            ContractSample.ofResource(AcmeScannerAdapterTest.class, "shop-api-1.4.2.acme.json", 6);

    @Override
    protected ScannerAdapter adapter() {
        return new AcmeScannerAdapter();
    }

    @Override
    protected List<ContractSample> samples() {
        return List.of(SHOP_API, ContractSample.ofResource(AcmeScannerAdapterTest.class, "clean.acme.json", 0));
    }

    @Test
    void isFoundByShelfLifeAndDetectsItsReportAmongAllInstalledAdapters() {
        ScannerAdapters installed = ScannerAdapters.load();

        assertThat(installed.detect(SHOP_API.source()).adapter()).isInstanceOf(AcmeScannerAdapter.class);
        assertThat(installed.detect(SHOP_API.source()).detection().schemaVersion())
                .hasValue("1");
    }

    @Test
    void readsTheImageTheScannerAndEveryEntry() {
        ScanReport report = adapter().read(SHOP_API.source());

        assertThat(report.format().toString()).contains("acme-scan-json");
        assertThat(report.scanner().version()).hasValue("4.2.0");
        assertThat(report.artifact())
                .isEqualTo(new Artifact("registry.acme.example/shop/api:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("registry.acme.example/shop/api:1.4.2"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 4, 1, 1));
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.severity(),
                        f -> f.fix().state())
                .containsExactly(
                        tuple("CVE-2024-45490", Severity.CRITICAL, FixState.FIXED),
                        tuple("CVE-2024-2961", Severity.HIGH, FixState.FIXED),
                        tuple("CVE-2023-45853", Severity.MEDIUM, FixState.NOT_FIXED),
                        tuple("GHSA-57j2-w4cx-62h2", Severity.UNKNOWN, FixState.FIXED));
        assertThat(report.findings().get(0).fix().versions()).containsExactly("2.5.0-1+deb12u1");
        assertThat(report.findings().get(0).target()).isEqualTo("var/lib/dpkg/status");
        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "shop-api-1.4.2.acme.json:16:5 (/findings/4/severity): unknown severity \"elevated\": read as UNKNOWN",
                        "shop-api-1.4.2.acme.json:18:5 (/findings/5): a finding without a package: skipped");
    }
}
