package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.debFinding;
import static dev.shelflife.policy.Records.finding;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static dev.shelflife.policy.Records.withBase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.SeverityGate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeverityGateTest {

    private static Verdict evaluate(SeverityGate gate, ImageRecord record) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.BUILD, Mode.ENFORCE, gate).build())
                .evaluate(record, Stage.BUILD, T0);
    }

    @Test
    void blocksFixableFindingsAtOrAboveTheMinimum() {
        ImageRecord record = record(report(
                "Trivy",
                T0,
                fixable("CVE-1", Severity.CRITICAL, "openssl", "3.0.1", "3.0.2"),
                fixable("CVE-2", Severity.HIGH, "zlib", "1.2.11", "1.2.12"),
                fixable("CVE-3", Severity.MEDIUM, "curl", "7.0", "7.1"),
                unfixed("CVE-4", Severity.CRITICAL, "glibc", "2.36"),
                finding("CVE-5", Severity.UNKNOWN, "bash", "5.0", Fix.fixed("5.1"))));

        Verdict verdict = evaluate(SeverityGate.atLeast(Severity.HIGH).fixableOnly(), record);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-1", "CVE-2");
        assertThat(verdict.violations().get(0).message())
                .isEqualTo("CVE-1 CRITICAL in openssl 3.0.1 is at least HIGH; fixed in 3.0.2");
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void bumpsAPackageOnceWithTheReasonOfEveryFindingItFixes() {
        ImageRecord record = record(report(
                "Trivy",
                T0,
                fixable("CVE-1", Severity.CRITICAL, "openssl", "3.0.1", "3.0.2"),
                fixable("CVE-2", Severity.HIGH, "openssl", "3.0.1", "3.0.2"),
                fixable("CVE-3", Severity.HIGH, "openssl", "3.0.1", "3.0.3")));

        Verdict verdict = evaluate(SeverityGate.atLeast(Severity.HIGH).fixableOnly(), record);

        assertThat(verdict.actions()).singleElement().satisfies(bump -> {
            assertThat(bump.kind()).isEqualTo(Action.Kind.BUMP);
            assertThat(bump.subject()).contains("openssl");
            assertThat(bump.reasons())
                    .containsExactly(
                            "severity-gate: CVE-1 CRITICAL in openssl 3.0.1",
                            "severity-gate: CVE-2 HIGH in openssl 3.0.1",
                            "severity-gate: CVE-3 HIGH in openssl 3.0.1");
        });
    }

    @Test
    void countsOnlyTheFixStatesItIsGiven() {
        ImageRecord record = record(report(
                "Trivy",
                T0,
                unfixed("CVE-4", Severity.CRITICAL, "glibc", "2.36"),
                finding("CVE-6", Severity.HIGH, "perl", "5.36", Fix.of(FixState.WONT_FIX))));

        Verdict verdict = evaluate(SeverityGate.atLeast(Severity.HIGH).fixStates(Set.of(FixState.WONT_FIX)), record);

        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-6");
        assertThat(verdict.violations().get(0).message()).endsWith("no fix available (WONT_FIX)");
        assertThat(verdict.actions()).isEmpty();
    }

    @Test
    void asksToUpdateTheBaseImageForOperatingSystemPackages() {
        ImageRecord record = withBase(
                record(report("Trivy", T0, debFinding("CVE-1", Severity.HIGH, "libssl3", "3.0.11-1", "3.0.13-1"))),
                "debian:12-slim");

        Verdict verdict = evaluate(SeverityGate.atLeast(Severity.HIGH), record);

        assertThat(verdict.actions())
                .extracting(Action::toString)
                .containsExactly(
                        "BUMP libssl3 3.0.11-1 -> 3.0.13-1 (PATCH): severity-gate: CVE-1 HIGH in libssl3 3.0.11-1",
                        "UPDATE_BASE_IMAGE debian:12-slim: severity-gate: CVE-1 HIGH in libssl3 3.0.11-1");
    }

    @Test
    void asksForARebuildForOperatingSystemPackagesWhenTheBaseImageIsUnknown() {
        Verdict verdict = evaluate(
                SeverityGate.atLeast(Severity.HIGH),
                record(report("Trivy", T0, debFinding("CVE-1", Severity.HIGH, "libssl3", "3.0.11-1", "3.0.13-1"))));

        assertThat(verdict.actions()).extracting(Action::kind).containsExactly(Action.Kind.REBUILD, Action.Kind.BUMP);
    }

    @Test
    void refusesAnUnknownMinimum() {
        assertThatThrownBy(() -> SeverityGate.atLeast(Severity.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coverage");
        assertThatThrownBy(() -> SeverityGate.atLeast(Severity.HIGH).fixStates(Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
