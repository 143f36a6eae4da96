package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.BaseImage;
import dev.shelflife.Severity;
import dev.shelflife.policy.merge.Baseline;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationContextTest {

    private static final BaseImage BASE = BaseImage.of("debian:12-slim", "sha256:" + "1".repeat(64));
    private static final BaseImageStatus MOVED = BaseImageStatus.of(BASE, "sha256:" + "2".repeat(64), days(1));
    private static final Baseline MAIN = Baseline.of(List.of(
            report("Trivy", T0, fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2")),
            report("Grype", T0)));

    @Test
    void startsKnowingNothing() {
        assertThat(EvaluationContext.none().baseline()).isEmpty();
        assertThat(EvaluationContext.none().baseImage()).isEmpty();
    }

    @Test
    void addsEachPartIndependentlyAndLeavesTheOriginalAsItWas() {
        EvaluationContext none = EvaluationContext.none();
        EvaluationContext withBaseline = none.withBaseline(MAIN);
        EvaluationContext both = withBaseline.withBaseImage(MOVED);

        assertThat(none.baseline()).isEmpty();
        assertThat(withBaseline.baseline()).containsSame(MAIN);
        assertThat(withBaseline.baseImage()).isEmpty();
        assertThat(both.baseline()).containsSame(MAIN);
        assertThat(both.baseImage()).containsSame(MOVED);
    }

    @Test
    void replacesAPartGivenTwice() {
        BaseImageStatus unresolved = BaseImageStatus.unresolved(BASE);
        Baseline other = Baseline.of(List.of(report("Trivy", days(1))));

        EvaluationContext context = EvaluationContext.none()
                .withBaseImage(MOVED)
                .withBaseImage(unresolved)
                .withBaseline(MAIN)
                .withBaseline(other);

        assertThat(context.baseImage()).containsSame(unresolved);
        assertThat(context.baseline()).containsSame(other);
    }

    @Test
    void isEqualByItsPartsWhateverTheOrderTheyWereAddedIn() {
        EvaluationContext one = EvaluationContext.none().withBaseline(MAIN).withBaseImage(MOVED);
        EvaluationContext other =
                EvaluationContext.none().withBaseImage(MOVED).withBaseline(Baseline.of(MAIN.reports()));

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(EvaluationContext.none().withBaseline(MAIN));
        assertThat(one).isNotEqualTo(EvaluationContext.none().withBaseImage(MOVED));
        assertThat(EvaluationContext.none()).isEqualTo(EvaluationContext.none()).isNotEqualTo(null);
    }

    @Test
    void describesTheBaselineByItsReportCountAndTheBaseImageInFull() {
        assertThat(EvaluationContext.none()).hasToString("EvaluationContext[baseline=none, baseImage=none]");
        assertThat(EvaluationContext.none().withBaseline(MAIN).withBaseImage(MOVED))
                .hasToString("EvaluationContext[baseline=2 reports, baseImage=" + MOVED + "]");
        assertThat(EvaluationContext.none().withBaseline(Baseline.of(List.of(report("Trivy", T0)))))
                .hasToString("EvaluationContext[baseline=1 report, baseImage=none]");
    }

    @Test
    void refusesNullPartsAndSaysWhatToDoInstead() {
        assertThatThrownBy(() -> EvaluationContext.none().withBaseline(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("baseline: to evaluate without one, leave withBaseline out");
        assertThatThrownBy(() -> EvaluationContext.none().withBaseImage(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status: for a tag that could not be resolved, pass BaseImageStatus.unresolved(base)");
    }
}
