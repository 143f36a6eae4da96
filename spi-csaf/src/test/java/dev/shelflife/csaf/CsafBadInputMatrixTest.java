package dev.shelflife.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for CSAF, in the shape of a VEX document whose products are a tree of
 * branches and of an advisory whose products are relationships, and the rows that depend on
 * CSAF's fields. Rows that {@link CsafScannerAdapterTest} already holds (wrongly typed
 * vulnerabilities and product statuses, undefined product ids) are not repeated.
 */
class CsafBadInputMatrixTest extends BadInputMatrix {

    CsafBadInputMatrixTest() {
        // The rows below write vulnerabilities one per line from line 2.
        super(
                new CsafScannerAdapter(),
                EntryFrame.of(
                        "csaf.json",
                        "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, \"product_tree\":"
                                + " {\"full_product_names\": [{\"name\": \"a\", \"product_id\": \"P\"}]},"
                                + " \"vulnerabilities\": [\n",
                        "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json(
                        "vex.json", """
                        {$TOP$"document": {"category": "csaf_vex", "csaf_version": "2.0",
                                      "publisher": {"category": "vendor", "name": "ACME", "namespace": "https://acme.example"},
                                      "tracking": {"id": "ACME-1", "current_release_date": "2025-02-01T12:00:00Z"}},
                         "product_tree": {"branches": [{"category": "vendor", "name": "ACME", "branches": [
                           {"category": "product_version", "name": "1.2.4-r2", "product": {"name": "musl 1.2.4-r2", "product_id": "MUSL",
                            "product_identification_helper": {"purl": "pkg:apk/alpine/musl@1.2.4-r2"}}}]}]},
                         "vulnerabilities": [
                          {$ENTRY$"cve": "CVE-2024-0001",
                           "flags": [{"label": "vulnerable_code_not_present", "product_ids": ["MUSL"]}],
                           "threats": [{"category": "impact", "details": "never called$TEXT$"}],
                           "product_status": {"known_not_affected": ["MUSL"]}},
                          {"cve": "CVE-2024-0002", "product_status": {"known_affected": ["MUSL"]},
                           "remediations": [{"category": "vendor_fix", "details": "upgrade", "product_ids": ["MUSL"]}]}]}
                        """, 2, "", "/vulnerabilities/0", "/vulnerabilities/0/threats/0/details"),
                MatrixTemplate.json(
                        "advisory.json", """
                        {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0",
                                      "tracking": {"id": "RHSA-2025:0001", "current_release_date": "2025-01-05T10:00:00+00:00"}},
                         "vulnerabilities": [
                          {$ENTRY$"cve": "CVE-2024-1737", "ids": [{"system_name": "Red Hat Bugzilla ID", "text": "2298901$TEXT$"}],
                           "product_status": {"fixed": ["BaseOS-9:bind-32:9.16.23-18.el9_4.6.x86_64",
                                                        "BaseOS-9:bind-libs-32:9.16.23-18.el9_4.6.x86_64"]}}],
                         $TOP$"product_tree": {"branches": [{"category": "product_name", "name": "BaseOS", "product": {
                           "name": "Red Hat Enterprise Linux BaseOS (v. 9)", "product_id": "BaseOS-9",
                           "product_identification_helper": {"cpe": "cpe:/o:redhat:enterprise_linux:9::baseos"}}}],
                           "full_product_names": [
                             {"name": "bind", "product_id": "bind-32:9.16.23-18.el9_4.6.x86_64",
                              "product_identification_helper": {"purl": "pkg:rpm/redhat/bind@9.16.23-18.el9_4.6?arch=x86_64&epoch=32"}},
                             {"name": "bind-libs", "product_id": "bind-libs-32:9.16.23-18.el9_4.6.x86_64",
                              "product_identification_helper": {"purl": "pkg:rpm/redhat/bind-libs@9.16.23-18.el9_4.6?arch=x86_64&epoch=32"}}],
                           "relationships": [
                             {"category": "default_component_of", "product_reference": "bind-32:9.16.23-18.el9_4.6.x86_64",
                              "relates_to_product_reference": "BaseOS-9",
                              "full_product_name": {"name": "bind in BaseOS", "product_id": "BaseOS-9:bind-32:9.16.23-18.el9_4.6.x86_64"}},
                             {"category": "default_component_of", "product_reference": "bind-libs-32:9.16.23-18.el9_4.6.x86_64",
                              "relates_to_product_reference": "BaseOS-9",
                              "full_product_name": {"name": "bind-libs in BaseOS", "product_id": "BaseOS-9:bind-libs-32:9.16.23-18.el9_4.6.x86_64"}}]}}
                        """, 2, "", "/vulnerabilities/0", "/vulnerabilities/0/ids/0/text"));
    }

    @Test
    void readsNullAndEmptyProductStatusListsAsNoEntries() {
        ScanReport report = readEntries("""
                {"cve": "CVE-1", "product_status": {"fixed": [], "known_affected": null}},
                {"cve": "CVE-2", "product_status": {}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void countsOneEntryPerVulnerabilityStatusAndProduct() {
        ScanReport report = readEntries("""
                {"cve": "CVE-1", "product_status": {"fixed": ["P"], "known_affected": ["P"]}},
                {"cve": "CVE-2", "product_status": {"fixed": ["P", "P"]}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(4, 0, 4, 0, 0, 0));
    }
}
