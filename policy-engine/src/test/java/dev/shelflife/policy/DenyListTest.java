package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.debFinding;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.DenyList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenyListTest {

    private static final Finding LOG4SHELL = new Finding(
            Vulnerability.builder("GHSA-jfh8-c2jp-5v3q")
                    .alias("CVE-2021-44228")
                    .severity(Severity.CRITICAL)
                    .build(),
            InstalledPackage.builder("org.apache.logging.log4j:log4j-core")
                    .version("2.14.1")
                    .purl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                    .build(),
            Fix.fixed("2.15.0"),
            "app.jar");

    private static Verdict evaluate(DenyList deny, ImageRecord record) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.BUILD, Mode.ENFORCE, deny).build())
                .evaluate(record, Stage.BUILD, T0);
    }

    @Test
    void deniesAVulnerabilityByIdOrAliasIgnoringCase() {
        Verdict verdict = evaluate(
                DenyList.of(List.of("cve-2021-44228"), List.of()),
                record(report("Grype", T0, LOG4SHELL, fixable("CVE-2", Severity.CRITICAL, "zlib", "1", "2"))));

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            // A merged finding is named by its CVE, whichever scanner reported it under which id.
            assertThat(v.vulnerabilityId()).contains("CVE-2021-44228");
            assertThat(v.finding().orElseThrow().vulnerability().aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
            assertThat(v.message()).contains("is denied (vulnerability cve-2021-44228)");
        });
    }

    @Test
    void deniesPackagesByNameOrPackageUrlPrefix() {
        ImageRecord record = record(report(
                "Trivy",
                T0,
                LOG4SHELL,
                debFinding("CVE-3", Severity.LOW, "telnet", "0.17-44", "0.17-45"),
                debFinding("CVE-4", Severity.LOW, "telnetd", "0.17-44", "0.17-45")));

        Verdict byName = evaluate(DenyList.of(List.of(), List.of("telnet")), record);
        Verdict byPurl =
                evaluate(DenyList.of(List.of(), List.of("pkg:maven/org.apache.logging.log4j/log4j-core@2.14")), record);
        Verdict byNamespace = evaluate(DenyList.of(List.of(), List.of("PKG:deb/debian/telnet")), record);

        assertThat(byName.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-3");
        assertThat(byPurl.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2021-44228");
        assertThat(byNamespace.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-3", "CVE-4");
    }

    @Test
    void refusesEmptyListsAndEntriesThatAreNotPackageUrls() {
        assertThatThrownBy(() -> DenyList.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DenyList.of(List.of(" "), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DenyList.of(List.of(), List.of("pkg:npm")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
