package dev.shelflife.testkit;

import dev.shelflife.testkit.KitTemplate.Syntax;
import java.util.List;

/**
 * One small report of every format ShelfLife's own adapters read, written by hand in the shape
 * each scanner writes (SPDX, Inspector's and Security Hub's findings and Trivy's SARIF among them):
 * what {@link ScannerAdapterKit} hands an adapter to check that it neither claims nor reads another
 * scanner's report.
 */
final class ForeignReports {

    /**
     * A report of another format.
     *
     * @param adapterId the id of the adapter that reads it
     * @param format the format's name
     * @param syntax how it is written
     * @param text the report
     */
    record ForeignReport(String adapterId, String format, Syntax syntax, String text) {

        @Override
        public String toString() {
            return format;
        }
    }

    static final List<ForeignReport> ALL = List.of(
            new ForeignReport("trivy", "trivy-json", Syntax.JSON, """
                    {"SchemaVersion": 2, "ArtifactName": "alpine:3.19", "ArtifactType": "container_image",
                     "Results": [{"Target": "alpine:3.19 (alpine 3.19.1)", "Class": "os-pkgs", "Type": "alpine",
                       "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl",
                                            "InstalledVersion": "1.2.4-r2", "Severity": "HIGH"}]}]}
                    """),
            new ForeignReport("trivy", "trivy-legacy-array", Syntax.JSON, """
                    [{"Target": "alpine:3.9 (alpine 3.9.4)", "Vulnerabilities": [
                      {"VulnerabilityID": "CVE-2019-14697", "PkgName": "musl", "InstalledVersion": "1.1.20-r4",
                       "FixedVersion": "1.1.20-r5", "Severity": "HIGH"}]}]
                    """),
            new ForeignReport("grype", "grype-json", Syntax.JSON, """
                    {"matches": [{"vulnerability": {"id": "CVE-2024-0001", "namespace": "alpine:distro:alpine:3.19",
                                                    "severity": "High", "fix": {"versions": [], "state": "not-fixed"}},
                                  "artifact": {"name": "musl", "version": "1.2.4-r2", "type": "apk"}}],
                     "source": {"type": "image", "target": {"userInput": "alpine:3.19"}},
                     "descriptor": {"name": "grype", "version": "0.80.0"}}
                    """),
            new ForeignReport("snyk", "snyk-json", Syntax.JSON, """
                    {"vulnerabilities": [{"id": "SNYK-ALPINE319-MUSL-6157259", "packageName": "musl", "version": "1.2.4-r2",
                                          "severity": "high", "packageManager": "apk", "identifiers": {"CVE": ["CVE-2024-0001"]}}],
                     "ok": false, "dependencyCount": 14, "packageManager": "apk", "projectName": "docker-image|alpine",
                     "path": "alpine:3.19"}
                    """),
            new ForeignReport("snyk-sarif", "snyk-sarif", Syntax.JSON, """
                    {"$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
                     "version": "2.1.0",
                     "runs": [{"tool": {"driver": {"name": "Snyk Container", "rules": [
                                 {"id": "SNYK-ALPINE319-MUSL-6157259",
                                  "shortDescription": {"text": "High severity - Out-of-bounds Write vulnerability in musl"},
                                  "fullDescription": {"text": "(CVE-2024-0001) musl@1.2.4-r2"}}]}},
                               "results": [{"ruleId": "SNYK-ALPINE319-MUSL-6157259", "level": "error",
                                            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "alpine:3.19"}}}]}]}]}
                    """),
            new ForeignReport("cyclonedx", "cyclonedx-json", Syntax.JSON, """
                    {"bomFormat": "CycloneDX", "specVersion": "1.5",
                     "components": [{"bom-ref": "pkg:apk/alpine/musl@1.2.4-r2", "type": "library", "name": "musl",
                                     "version": "1.2.4-r2", "purl": "pkg:apk/alpine/musl@1.2.4-r2"}],
                     "vulnerabilities": [{"id": "CVE-2024-0001", "ratings": [{"severity": "high"}],
                                          "affects": [{"ref": "pkg:apk/alpine/musl@1.2.4-r2"}]}]}
                    """),
            new ForeignReport("cyclonedx", "cyclonedx-xml", Syntax.XML, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
                      <components>
                        <component type="library" bom-ref="musl"><name>musl</name><version>1.2.4-r2</version></component>
                      </components>
                      <vulnerabilities>
                        <vulnerability><id>CVE-2024-0001</id><affects><target><ref>musl</ref></target></affects></vulnerability>
                      </vulnerabilities>
                    </bom>
                    """),
            new ForeignReport("openvex", "openvex-json", Syntax.JSON, """
                    {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex-1", "author": "ACME",
                     "timestamp": "2025-01-20T09:00:00Z", "version": 1,
                     "statements": [{"vulnerability": {"name": "CVE-2024-0001"},
                                     "products": [{"@id": "pkg:oci/alpine?repository_url=docker.io/library/alpine",
                                                   "subcomponents": [{"@id": "pkg:apk/alpine/musl"}]}],
                                     "status": "not_affected", "justification": "vulnerable_code_not_present"}]}
                    """),
            new ForeignReport("csaf", "csaf-json", Syntax.JSON, """
                    {"document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "musl VEX",
                                  "publisher": {"category": "vendor", "name": "ACME", "namespace": "https://example.com"},
                                  "tracking": {"id": "ACME-1", "version": "1", "status": "final",
                                               "initial_release_date": "2025-01-20T09:00:00Z",
                                               "current_release_date": "2025-01-20T09:00:00Z"}},
                     "product_tree": {"full_product_names": [{"name": "musl 1.2.4-r2", "product_id": "MUSL",
                                       "product_identification_helper": {"purl": "pkg:apk/alpine/musl@1.2.4-r2"}}]},
                     "vulnerabilities": [{"cve": "CVE-2024-0001", "product_status": {"known_affected": ["MUSL"]},
                                          "remediations": [{"category": "vendor_fix", "details": "upgrade", "product_ids": ["MUSL"]}]}]}
                    """),
            new ForeignReport("spdx", "spdx-json", Syntax.JSON, """
                    {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "alpine:3.19",
                     "creationInfo": {"creators": ["Tool: syft-1.4.1"], "created": "2025-01-14T08:03:51Z"},
                     "packages": [{"SPDXID": "SPDXRef-musl", "name": "musl", "versionInfo": "1.2.4-r2",
                                   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                                     "referenceLocator": "pkg:apk/alpine/musl@1.2.4-r2"}]}],
                     "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                                        "relatedSpdxElement": "SPDXRef-musl"}]}
                    """),
            new ForeignReport("aws-inspector2", "aws-inspector2", Syntax.JSON, """
                    {"findings": [{"findingArn": "arn:aws:inspector2:eu-west-1:012345678901:finding/1",
                                   "type": "PACKAGE_VULNERABILITY", "status": "ACTIVE", "severity": "HIGH",
                                   "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2024-0001",
                                     "vulnerablePackages": [{"name": "musl", "version": "1.2.4", "packageManager": "OS"}]},
                                   "resources": [{"type": "AWS_ECR_CONTAINER_IMAGE", "details": {"awsEcrContainerImage":
                                     {"repositoryName": "app", "imageHash": "sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802"}}}]}]}
                    """),
            new ForeignReport("aws-securityhub", "aws-securityhub", Syntax.JSON, """
                    {"Findings": [{"SchemaVersion": "2018-10-08", "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/inspector",
                                   "ProductName": "Inspector", "Severity": {"Label": "HIGH"},
                                   "Resources": [{"Type": "AwsEcrContainerImage", "Details": {"AwsEcrContainerImage":
                                     {"RepositoryName": "app", "ImageDigest": "sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802"}}}],
                                   "Vulnerabilities": [{"Id": "CVE-2024-0001", "VulnerablePackages": [{"Name": "musl", "Version": "1.2.4"}]}]}]}
                    """),
            new ForeignReport("sarif", "trivy-sarif", Syntax.JSON, """
                    {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                     "runs": [{"tool": {"driver": {"name": "Trivy", "version": "0.50.1", "rules": [{"id": "CVE-2024-0001"}]}},
                               "results": [{"ruleId": "CVE-2024-0001", "level": "error",
                                            "message": {"text": "Package: musl\\nInstalled Version: 1.2.4-r2\\nSeverity: HIGH"}}]}]}
                    """));

    private ForeignReports() {}
}
