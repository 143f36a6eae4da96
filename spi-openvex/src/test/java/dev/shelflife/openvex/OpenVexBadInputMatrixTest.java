package dev.shelflife.openvex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for OpenVEX, in the v0.2.0 shape and the older shape of strings, and the
 * rows that depend on OpenVEX's fields. Rows that {@link OpenVexScannerAdapterTest} already holds
 * (wrongly typed statements, vulnerabilities and products, missing statements) are not repeated.
 */
class OpenVexBadInputMatrixTest extends BadInputMatrix {

    OpenVexBadInputMatrixTest() {
        // The rows below write statements one per line from line 2.
        super(
                new OpenVexScannerAdapter(),
                EntryFrame.of(
                        "openvex.json", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [\n", "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("v0.2.0.json", """
                        {$TOP$"@context": "https://openvex.dev/ns/v0.2.0", "author": "ACME", "timestamp": "2025-01-20T09:00:00Z",
                         "statements": [
                          {$ENTRY$"vulnerability": {"name": "CVE-2024-0001", "aliases": ["GHSA-aaaa-bbbb-cccc"]},
                           "products": [{"@id": "pkg:oci/app@sha256%3Aabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd",
                                         "subcomponents": [{"@id": "pkg:apk/alpine/musl@1.2.4-r2"}]}],
                           "status": "not_affected", "justification": "vulnerable_code_not_present",
                           "impact_statement": "never called$TEXT$"},
                          {"vulnerability": {"@id": "CVE-2024-0002"}, "products": [{"@id": "pkg:apk/alpine/busybox"}],
                           "status": "affected", "action_statement": "upgrade"}]}
                        """, 2, "", "/statements/0", "/statements/0/impact_statement"),
                MatrixTemplate.json("v0.0.1.json", """
                        {"@context": "https://openvex.dev/ns", "author": "Jane Doe",
                         "statements": [
                          {$ENTRY$"timestamp": "2022-12-22T16:36:43-05:00",
                           "products": ["pkg:oci/alpine@sha256%3Af271e74b17ced29b915d351685fd4644785c6d1559dd1f2d4189a5e851ef753a"],
                           "vulnerability": "CVE-2022-48174", "status": "under_investigation", "status_notes": "triage$TEXT$"},
                          {"products": ["nginx"], "vulnerability": "CVE-2022-41741", "status": "not_affected",
                           "justification": "component_not_present"}],
                         $TOP$"role": "vex issuer"}
                        """, 2, "", "/statements/0", "/statements/0/status_notes"));
    }

    @Test
    void readsNullAndEmptyStatementListsAsNoStatements() {
        assertThat(readDocument("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": []}")
                        .counts())
                .isEqualTo(new ReportCounts(0, 0, 0, 0));
        ScanReport nothing = readDocument("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": null}");
        assertThat(nothing.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(nothing.problems()).isNotEmpty();
    }

    @Test
    void readsAStatementOfBlankStringsAsNamingNothing() {
        ScanReport report = readEntries("""
                {"vulnerability": {"name": " ", "@id": ""}, "products": ["pkg:npm/a@1"], "status": "fixed"},
                {"vulnerability": "CVE-2", "products": [" "], "status": "fixed"}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 0, 0, 0, 2));
    }
}
