package dev.shelflife.cli;

import static dev.shelflife.cli.EvaluateFixtures.AT;
import static dev.shelflife.cli.EvaluateFixtures.HIGH_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Fix;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.rule.SeverityGate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerdictMarkdownTest {

    private static String markdown(Verdict verdict, EvaluateInput input) {
        return EvaluateFixtures.render(out -> VerdictMarkdown.write(verdict, Optional.empty(), input, out));
    }

    private static EvaluateInput scanWithHighs(int count) {
        return EvaluateInput.of(
                List.of(new ImageEvidence.Report(
                        "many.json",
                        EvaluateFixtures.scan(report -> IntStream.range(0, count)
                                .forEach(i -> report.finding(EvaluateFixtures.finding(
                                        "CVE-2026-" + (2000 + i),
                                        Severity.HIGH,
                                        "pkg" + i,
                                        "1.0",
                                        Fix.fixed("1.1"))))))),
                false,
                Optional.empty());
    }

    private static Verdict atBuild(EvaluateInput input) {
        Policy gate = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .build();
        return EvaluateFixtures.evaluate(gate, input, Stage.BUILD, AT);
    }

    @Test
    void groupsFindingsThatReachTheirDeadlineAtOnceInTheForecast() {
        EvaluateInput five = scanWithHighs(5);
        EvaluateInput one = scanWithHighs(1);

        String grouped = markdown(EvaluateFixtures.evaluate(Policies.defaults(), five, Stage.DEPLOY, AT), five);
        String single = markdown(EvaluateFixtures.evaluate(Policies.defaults(), one, Stage.DEPLOY, AT), one);

        assertThat(grouped)
                .contains("> ⏰ **This verdict changes on " + HIGH_DEADLINE + ":** 5 findings reach their deadline on"
                        + " 2026-12-15 (CVE-2026-2000, CVE-2026-2001, CVE-2026-2002 and 2 more)\n");
        assertThat(single).contains(":** CVE-2026-2000 HIGH in pkg0 1.0 reaches its 30d SLA");
    }

    @Test
    void saysUntilWhenTheVerdictPasses() {
        String passing = EvaluateFixtures.render(out -> VerdictMarkdown.write(
                EvaluateFixtures.shopApiAtScan(),
                EvaluateFixtures.shopApiAtScanValidUntil(),
                EvaluateFixtures.shopApi(),
                out));
        String failing = markdown(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(passing)
                .contains("\n\n**Valid until:** 2026-11-22T08:00:00Z: 2 findings reach their deadline on 2026-11-22"
                        + " (CVE-2026-1001, CVE-2026-6666)");
        assertThat(failing).contains("\n\n**Valid until:** not passing (FAIL)\n");
    }

    @Test
    void flagsAStaleWaiverBesideTheOthers() {
        String md = markdown(EvaluateFixtures.shopApiWithStaleWaiver(), EvaluateFixtures.shopApi());

        assertThat(md)
                .contains("- 🔧 `SEC-9` **is stale: a fix is available** — `CVE-2026-1000` in `openssl` `3.0.13`"
                        + " fixed in `3.0.15`\n");
    }

    @Test
    void headsTheCommentWithTheOutcomeTheSummaryAndTheForecast() {
        String md = markdown(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(md)
                .startsWith("## ❌ ShelfLife: **FAIL** at stage `deploy`\n\n"
                        + "`ghcr.io/acme/shop-api:1.4.2`, evaluated at 2026-11-22T09:00:00Z with the built-in default policy"
                        + " (stage `deploy`: enforce).\n\n"
                        + "**3 violations** (all blocking) · 1 finding waived by 1 waiver · ");
        assertThat(md)
                .contains("> ⏰ **This verdict changes on " + HIGH_DEADLINE + ":** CVE-2026-1000 HIGH in openssl 3.0.13"
                        + " reaches its 30d SLA");
    }

    @Test
    void groupsViolationsBySeverityWithImageViolationsFirst() {
        String md = markdown(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(md)
                .containsSubsequence(
                        "### Violations",
                        "**Image**",
                        "- 🛑 block **scan-age**: the latest scan",
                        "**CRITICAL** (2)",
                        "| | Rule | Vulnerability | Package | Installed | Fixed in | Deadline | Found by |",
                        "| 🛑 block | sla | `CVE-2026-1001` | `libxml2` | `2.9.14` | `2.9.14+dfsg-1.4` | 2026-11-22T08:00:00Z | Trivy |",
                        "### Actions",
                        "- **Bump** `libxml2` `2.9.14` → `2.9.14+dfsg-1.4`, a bump of unknown size — for 1 violation",
                        "### Waivers",
                        "<sub>Reports: `trivy shop-api.json` (Trivy 0.58.1, scanned 2026-11-15T08:00:00Z)"
                                + " · `vex.cdx.json` (VEX, 1 statement)");
        assertThat(md).doesNotContain("**HIGH**").doesNotContain("**MEDIUM**");
    }

    @Test
    void listsTheVexWaiverWithItsReasonAndFindings() {
        String md = markdown(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(md)
                .contains(
                        "- `vex:CVE-2026-1002` (VEX): VEX not\\_affected: code\\_not\\_present"
                                + " (the &lt;b&gt;minizip&lt;/b&gt; code is not shipped) — waives 1 finding in `zlib1g` `1.2.13`");
    }

    @Test
    void keepsHostileValuesInertInsideCodeSpansAndEscapedText() {
        String md = markdown(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        String row =
                md.lines().filter(l -> l.contains("CVE-2026-6666")).findFirst().orElseThrow();
        assertThat(row)
                .contains("| `evil\\|pkg'<img src=x>@acme/security [x](https://evil.example)` |")
                .contains("| `1.0\\u001b[31m*bold*` |")
                .contains("| `2.0]` |");
        // Eight columns, so nine unescaped pipes: the package's own pipe is escaped.
        assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(10);
        // Outside code spans, nothing of the hostile values survives unescaped.
        assertThat(md.replaceAll("`[^`\n]*`", ""))
                .doesNotContain("<img")
                .doesNotContain("](")
                .doesNotContain("@acme");
        assertThat(md).doesNotContain("\u001b");
        assertThat(VerdictMarkdown.text("ping @acme/security <script>*x*</script> [a](b) | c"))
                .isEqualTo("ping @\u2060acme/security &lt;script&gt;\\*x\\*&lt;/script&gt; \\[a\\](b) \\| c");
    }

    @Test
    void foldsLongTablesAndCutsVeryLongOnes() {
        String folded = markdown(atBuild(scanWithHighs(11)), scanWithHighs(11));
        String cut = markdown(atBuild(scanWithHighs(120)), scanWithHighs(120));

        assertThat(folded)
                .contains("<details><summary><b>HIGH</b> (11)</summary>\n\n| | Rule |")
                .containsPattern("\\| `CVE-2026-2010` \\|[^\n]*\n\n</details>");
        assertThat(folded).contains("<details><summary>Actions (11)</summary>");
        assertThat(cut)
                .contains("<summary><b>HIGH</b> (120)</summary>")
                .contains("`CVE-2026-2097`")
                .doesNotContain("`CVE-2026-2098`")
                .contains("… and 22 more: see `--output json` for all of them.");
    }

    @Test
    void saysWhenAVerdictPassesAndNeverChanges() {
        EvaluateInput clean = scanWithHighs(0);
        String md = markdown(atBuild(clean), clean);

        assertThat(md)
                .startsWith("## ✅ ShelfLife: **PASS** at stage `build`")
                .contains("\nNo violations\n")
                .contains("> This verdict does not change with time: only new reports, waivers or policy change it.")
                .doesNotContain("### Violations")
                .doesNotContain("### Actions")
                .doesNotContain("### Waivers");
    }

    @Test
    void marksWarningsInAStageThatOnlyWarns() {
        Verdict run = EvaluateFixtures.evaluate(Policies.defaults(), EvaluateFixtures.shopApi(), Stage.RUN, AT);

        String md = markdown(run, EvaluateFixtures.shopApi());

        assertThat(md)
                .startsWith("## ⚠️ ShelfLife: **WARN** at stage `run`")
                .contains("(none blocking)")
                .contains("| ⚠️ warn | sla | `CVE-2026-1001` |")
                .doesNotContain("🛑");
    }
}
