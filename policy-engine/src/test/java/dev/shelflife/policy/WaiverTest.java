package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.fixable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Severity;
import dev.shelflife.Stage;
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
        assertThat(deployOnly.stages()).containsExactly(Stage.DEPLOY, Stage.RUN);
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
