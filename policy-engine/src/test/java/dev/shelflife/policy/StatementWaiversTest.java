package dev.shelflife.policy;

import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * VEX documents as the engine sees them, through {@link ImageRecord} and {@link PolicyEngine}: the
 * statement made last about a finding decides, whichever document comes first, and a statement
 * about an image applies to the image being judged only.
 */
class StatementWaiversTest {

    private static final String DIGEST = "sha256:2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912";
    private static final String IMAGE =
            "pkg:oci/shop-api@" + DIGEST.replace(":", "%3A") + "?repository_url=ghcr.io/acme/shop-api";
    private static final Finding ZLIB = new Finding(
            Vulnerability.builder("CVE-2023-45853").severity(Severity.CRITICAL).build(),
            InstalledPackage.builder("zlib1g")
                    .version("1:1.2.13.dfsg-1")
                    .purl("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64")
                    .build(),
            Fix.fixed("1:1.2.13.dfsg-2"),
            "");
    private static final PolicyEngine ENGINE = PolicyEngine.of(Policy.builder()
            .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
            .build());
    private static final Instant JANUARY = days(0);
    private static final Instant MARCH = days(60);
    private static final Instant APRIL = days(90);

    /** A scan of ghcr.io/acme/shop-api:1.4.2 by its digest, which finds zlib1g's CVE. */
    private static ScanReport scan() {
        return report("Trivy", JANUARY.minusSeconds(3600), ZLIB)
                .withImage(Image.builder()
                        .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
                        .repoDigest("ghcr.io/acme/shop-api@" + DIGEST)
                        .build());
    }

    /** A VEX document made at an instant with one statement of its own. */
    private static ScanReport vex(Instant made, VexStatement.State state, String product, String... subcomponents) {
        return ScanReport.builder(
                        EvidenceKind.ASSESSMENT,
                        ReportFormat.of("openvex", "openvex-json", "0.2.0"),
                        ScannerTool.of("ACME Product Security", null))
                .scannedAt(made)
                .statement(new VexStatement(
                        "CVE-2023-45853",
                        List.of(),
                        List.of(product),
                        state,
                        Optional.of("vulnerable_code_not_in_execute_path"),
                        List.of(),
                        Optional.empty(),
                        Optional.of(made),
                        subcomponents.length == 0 ? Map.of() : Map.of(product, List.of(subcomponents))))
                .build();
    }

    private static Verdict judge(Instant at, ScanReport... reports) {
        return ENGINE.evaluate(ImageRecord.of(List.of(reports)), Stage.BUILD, at);
    }

    @Test
    void leavesAFindingInWhenAnAffectedStatementFromMarchFollowsANotAffectedOneFromJanuary() {
        ScanReport january = vex(JANUARY, VexStatement.State.NOT_AFFECTED, IMAGE, "pkg:deb/debian/zlib1g");
        ScanReport march = vex(MARCH, VexStatement.State.EXPLOITABLE, IMAGE, "pkg:deb/debian/zlib1g");

        for (Verdict verdict : List.of(judge(APRIL, scan(), january, march), judge(APRIL, scan(), march, january))) {
            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(verdict.waiversApplied()).isEmpty();
            assertThat(verdict.violations())
                    .extracting(v -> v.vulnerabilityId().orElseThrow())
                    .containsExactly("CVE-2023-45853");
        }
    }

    @Test
    void takesAFindingOutWhenANotAffectedStatementFromMarchFollowsAnAffectedOneFromJanuary() {
        ScanReport january = vex(JANUARY, VexStatement.State.EXPLOITABLE, IMAGE);
        ScanReport march = vex(MARCH, VexStatement.State.NOT_AFFECTED, IMAGE, "pkg:deb/debian/zlib1g");

        for (Verdict verdict : List.of(judge(APRIL, scan(), january, march), judge(APRIL, january, scan(), march))) {
            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(verdict.waiversApplied()).singleElement().satisfies(waiver -> {
                assertThat(waiver.id()).isEqualTo("vex:CVE-2023-45853");
                assertThat(waiver.origin()).isEqualTo(AppliedWaiver.Origin.VEX);
                assertThat(waiver.reason()).isEqualTo("VEX not_affected: vulnerable_code_not_in_execute_path");
                assertThat(waiver.findings()).containsExactly(ZLIB);
            });
        }
    }

    @Test
    void judgesByTheStatementsMadeByTheEvaluationInstantAndForecastsTheNextOne() {
        ScanReport january = vex(JANUARY, VexStatement.State.NOT_AFFECTED, IMAGE);
        ScanReport march = vex(MARCH, VexStatement.State.EXPLOITABLE, IMAGE);

        Verdict february = judge(days(30), scan(), january, march);

        assertThat(february.outcome())
                .as("March's statement does not exist yet")
                .isEqualTo(Outcome.PASS);
        assertThat(february.nextChange())
                .hasValueSatisfying(
                        change -> assertThat(change.at()).isEqualTo(MARCH.minus(PolicyEngine.DEFAULT_CLOCK_SKEW)));
    }

    @Test
    void appliesAStatementAboutAnImageToThatImageAloneWhereverTheDocumentComesInTheRecord() {
        String otherImage = "pkg:oci/cart-api@sha256%3Affffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                + "?repository_url=ghcr.io/acme/cart-api";

        assertThat(judge(APRIL, vex(JANUARY, VexStatement.State.NOT_AFFECTED, IMAGE), scan())
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(APRIL, scan(), vex(JANUARY, VexStatement.State.NOT_AFFECTED, otherImage))
                        .outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(judge(APRIL, scan(), vex(JANUARY, VexStatement.State.NOT_AFFECTED, IMAGE, "pkg:deb/debian/libc6"))
                        .outcome())
                .as("a statement about another package of the image")
                .isEqualTo(Outcome.FAIL);
    }
}
