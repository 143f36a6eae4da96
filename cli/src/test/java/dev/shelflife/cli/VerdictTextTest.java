package dev.shelflife.cli;

import static dev.shelflife.cli.EvaluateFixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Stage;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTextTest {

    private static String text(Verdict verdict, EvaluateInput input) {
        return EvaluateFixtures.render(out -> VerdictText.write(verdict, Optional.empty(), input, out));
    }

    @Test
    void printsTheHeadlineWhatWasReadAndEveryViolation() {
        String text = text(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(text)
                .startsWith(
                        "deploy  ENFORCE  @2026-11-22T09:00:00Z  => FAIL\n"
                                + "image    ghcr.io/acme/shop-api:1.4.2\n"
                                + "policy   the built-in default policy\n"
                                + "reports  reports/trivy shop-api.json: Trivy 0.58.1, scanned 2026-11-15T08:00:00Z\n"
                                + "         reports/vex.cdx.json: assessment, 1 statement\n\n"
                                + "3 violations, 3 blocking:\n"
                                + "  [sla BLOCK] CVE-2026-1001 CRITICAL in libxml2 2.9.14 passed its 7d SLA on 2026-11-22T08:00:00Z");
        assertThat(text)
                .contains("\n  [scan-age BLOCK] the latest scan, made 2026-11-15T08:00:00Z, reached the 7d age limit");
    }

    @Test
    void printsWaiversActionsAndTheNextChange() {
        String text = text(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(text)
                .containsSubsequence(
                        "1 waiver applied:\n",
                        "  vex:CVE-2026-1002  VEX not_affected: code_not_present (the <b>minizip</b> code is not shipped);"
                                + " 1 finding (zlib1g 1.2.13)\n",
                        "actions:\n",
                        "  RESCAN  (for 1 violation)\n",
                        "  BUMP libxml2 2.9.14 -> 2.9.14+dfsg-1.4, a bump of unknown size  (for 1 violation)\n",
                        "next change: " + EvaluateFixtures.HIGH_DEADLINE
                                + ": CVE-2026-1000 HIGH in openssl 3.0.13 reaches its 30d SLA");
    }

    @Test
    void flagsAStaleWaiverWithTheFixNowAvailable() {
        String text = text(EvaluateFixtures.shopApiWithStaleWaiver(), EvaluateFixtures.shopApi());

        assertThat(text)
                .contains("\n1 waiver stale, a fix is now available:\n"
                        + "  SEC-9  CVE-2026-1000 in openssl 3.0.13 fixed in 3.0.15\n");
    }

    @Test
    void saysUntilWhenAPassingVerdictPassesAndThatAFailingOneDoesNot() {
        String passing = EvaluateFixtures.render(out -> VerdictText.write(
                EvaluateFixtures.shopApiAtScan(),
                EvaluateFixtures.shopApiAtScanValidUntil(),
                EvaluateFixtures.shopApi(),
                out));
        String failing = text(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(passing)
                .contains("=> PASS\n")
                .contains("\nvalid until: 2026-11-22T08:00:00Z: 2 findings reach their deadline on 2026-11-22"
                        + " (CVE-2026-1001, CVE-2026-6666); the latest scan");
        assertThat(failing).contains("\nvalid until: not passing (FAIL)\nnext change: ");
    }

    @Test
    void groupsFindingsThatReachTheirDeadlineAtOnceAndKeepsTheOtherReasons() {
        Forecast many = new Forecast(
                EvaluateFixtures.HIGH_DEADLINE,
                List.of(
                        "CVE-2026-1 HIGH in a 1.0 reaches its 30d SLA (counted from fix-available …)",
                        "CVE-2026-2 CRITICAL in b; c 2.0 reaches the KEV due date (kev)",
                        "waiver SEC-1 expires"));
        Forecast one = new Forecast(
                EvaluateFixtures.HIGH_DEADLINE,
                List.of("CVE-2026-1 HIGH in a 1.0 reaches its 30d SLA", "waiver SEC-1 expires"));

        // A package named "b; c" is one reason, not two: the reasons are a list, not a joined text.
        assertThat(VerdictText.grouped(many))
                .isEqualTo(
                        "2 findings reach their deadline on 2026-12-15 (CVE-2026-1, CVE-2026-2); waiver SEC-1 expires");
        assertThat(VerdictText.grouped(one)).isEqualTo(one.reason());
    }

    @Test
    void escapesControlCharactersFromTheReports() {
        String text = text(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(text).doesNotContain("\u001b").contains("1.0\\u001b[31m*bold*");
    }

    @Test
    void saysSoWhenThereIsNothingToReport() {
        Policy off = Policy.builder().stage(Stage.DEPLOY, Mode.OFF).build();

        String text = text(
                EvaluateFixtures.evaluate(off, EvaluateFixtures.shopApi(), Stage.DEPLOY, AT),
                EvaluateFixtures.shopApi());

        assertThat(text)
                .startsWith("deploy  OFF  @2026-11-22T09:00:00Z  => PASS\n")
                .contains("\nno violations\n")
                .endsWith("\nvalid until: no end in time: only new evidence or a new policy changes it\n"
                        + "next change: none\n")
                .doesNotContain("waiver")
                .doesNotContain("action");
    }
}
