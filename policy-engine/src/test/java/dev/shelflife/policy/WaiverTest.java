package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.fixable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Severity;
import dev.shelflife.Stage;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaiverTest {

    private static Waiver.Builder waiver() {
        return Waiver.builder("SEC-1").owner("team").reason("accepted risk").expires(T0);
    }

    @Test
    void appliesUntilTheInstantItExpires() {
        Waiver waiver = waiver().vulnerability("CVE-1").build();

        assertThat(waiver.isActiveAt(T0.minusNanos(1))).isTrue();
        assertThat(waiver.isActiveAt(T0)).isFalse();
    }

    @Test
    void coversTheStagesItListsOrAllWhenItListsNone() {
        assertThat(waiver().vulnerability("CVE-1").build().covers(Stage.RUN)).isTrue();
        Waiver deployOnly =
                waiver().vulnerability("CVE-1").stages(Stage.RUN, Stage.DEPLOY).build();
        assertThat(deployOnly.covers(Stage.DEPLOY)).isTrue();
        assertThat(deployOnly.covers(Stage.BUILD)).isFalse();
        assertThat(deployOnly.stages())
                .hasValueSatisfying(stages -> assertThat(stages).containsExactly(Stage.DEPLOY, Stage.RUN));
        assertThat(waiver().vulnerability("CVE-1").build().stages()).isEmpty();
        assertThat(waiver().vulnerability("CVE-1").everyStage().build())
                .isEqualTo(waiver().vulnerability("CVE-1").build());
    }

    @Test
    void refusesAStageSetThatNamesNoStageInsteadOfCoveringEveryStage() {
        assertThatThrownBy(() ->
                        new Waiver("W", Optional.of("CVE-1"), Optional.empty(), "me", "why", T0, Optional.of(Set.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waiver W names no stage: name the stages it covers, or leave them out for every stage");
        assertThatThrownBy(() -> waiver().vulnerability("CVE-1").stages())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waiver SEC-1: stages() names no stage; name at least one, or say everyStage()");
        assertThatThrownBy(() -> waiver().vulnerability("CVE-1")
                        .stages(Stage.RUN)
                        .everyStage()
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choose one");
    }

    @Test
    void matchesByVulnerabilityAndPackageTogether() {
        Waiver both = waiver().vulnerability("cve-1").pkg("openssl").build();

        assertThat(both.matches(fixable("CVE-1", Severity.HIGH, "openssl", "3", "4")))
                .isTrue();
        assertThat(both.matches(fixable("CVE-1", Severity.HIGH, "libssl3", "3", "4")))
                .isFalse();
        assertThat(both.matches(fixable("CVE-2", Severity.HIGH, "openssl", "3", "4")))
                .isFalse();
    }

    @Test
    void refusesWaiversThatMatchNothingOrLackAnOwnerReasonOrExpiry() {
        assertThatThrownBy(() -> waiver().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches nothing");
        assertThatThrownBy(() -> Waiver.builder("W")
                        .vulnerability("CVE-1")
                        .reason("r")
                        .expires(T0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
        assertThatThrownBy(() -> waiver().pkg("pkg:").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a package URL");
        assertThatThrownBy(() -> waiver().vulnerability(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTwoWaiversWithOneIdInAPolicy() {
        Waiver waiver = waiver().vulnerability("CVE-1").build();

        assertThatThrownBy(() -> Policy.builder().waiver(waiver).waiver(waiver).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEC-1");
    }
}
