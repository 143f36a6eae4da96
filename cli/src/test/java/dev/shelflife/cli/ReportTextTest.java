package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private static Finding finding(String id, Severity severity, String pkg, Fix fix) {
        return new Finding(
                Vulnerability.builder(id).severity(severity).build(),
                InstalledPackage.of(pkg, "1.0"),
                fix,
                "debian 12.8");
    }

    private static String write(ScanReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ReportText.write(report, out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ScanReport.Builder report() {
        return ScanReport.builder(
                EvidenceKind.SCAN, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of("Trivy", "0.58.1"));
    }

    @Test
    void listsTheMostSevereFindingsFirstAndUnknownLast() {
        String text = write(report().finding(finding("CVE-3", Severity.UNKNOWN, "c", Fix.of(FixState.UNKNOWN)))
                .finding(finding("CVE-2", Severity.LOW, "b", Fix.of(FixState.NOT_FIXED)))
                .finding(finding("CVE-1", Severity.CRITICAL, "a", Fix.fixed("1.1", "2.0.1")))
                .finding(finding("CVE-4", Severity.NEGLIGIBLE, "d", Fix.of(FixState.WONT_FIX)))
                .build());

        List<String> rows = text.lines()
                .filter(line -> line.matches("^(CRITICAL|LOW|NEGLIGIBLE|UNKNOWN) .*"))
                .toList();
        assertThat(rows).extracting(row -> row.split(" +")[1]).containsExactly("CVE-1", "CVE-2", "CVE-4", "CVE-3");
        assertThat(rows.get(0)).contains("FIXED 1.1, 2.0.1");
        assertThat(text)
                .contains("4 findings: 1 critical, 1 low, 1 negligible, 1 unknown")
                .contains("1 with a fixed version");
    }

    @Test
    void alignsTheColumns() {
        String text =
                write(report().finding(finding("CVE-2024-2961", Severity.HIGH, "libc6", Fix.fixed("2.36-9+deb12u7")))
                        .finding(finding("TEMP-0841856-B18BAF", Severity.LOW, "bash", Fix.of(FixState.NOT_FIXED)))
                        .build());

        List<String> table = text.lines()
                .filter(line -> line.matches("^(SEVERITY|HIGH|LOW) .*"))
                .toList();
        int pkg = table.get(0).indexOf("PACKAGE");
        int target = table.get(0).indexOf("TARGET");
        assertThat(table).hasSize(3);
        assertThat(table.get(1).substring(pkg)).startsWith("libc6 ");
        assertThat(table.get(2).substring(pkg)).startsWith("bash ");
        assertThat(table.subList(1, 3))
                .allSatisfy(row -> assertThat(row.substring(target)).isEqualTo("debian 12.8"));
    }

    @Test
    void saysHowTheEntriesWereCountedAndListsTheProblems() {
        String text = write(report().finding(finding("CVE-1", Severity.HIGH, "a", Fix.of(FixState.NOT_FIXED)))
                .finding(finding("CVE-1", Severity.HIGH, "a", Fix.of(FixState.NOT_FIXED)))
                .skipped("no VulnerabilityID", new ReportLocation("t.json", 40, 9, "/Results/0/Vulnerabilities/2"))
                .build());

        assertThat(text)
                .contains("entries     3: 1 finding, 1 duplicate, 1 skipped")
                .contains("1 problem:")
                .contains("  SKIPPED_ENTRY t.json:40:9 (/Results/0/Vulnerabilities/2): no VulnerabilityID")
                .contains("database    build time unknown");
    }

    @Test
    void saysSoWhenThereIsNothingToList() {
        String text = write(report().build());

        assertThat(text).contains("no findings").contains("no problems").contains("artifact    unknown");
    }

    @Test
    void keepsControlCharactersFromReachingTheTerminal() {
        String text = write(report().finding(
                        finding("CVE-1\u001b[2J", Severity.HIGH, "evil\u0000\u202epkg", Fix.of(FixState.NOT_FIXED)))
                .build());

        assertThat(text)
                .doesNotContain("\u001b")
                .doesNotContain("\u0000")
                .doesNotContain("\u202e")
                .contains("CVE-1\\u001b[2J")
                .contains("evil\\u0000\\u202epkg");
    }

    @Test
    void leavesPrintableTextAlone() {
        assertThat(ReportText.clean("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4 — ü 漢"))
                .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4 — ü 漢");
    }
}
