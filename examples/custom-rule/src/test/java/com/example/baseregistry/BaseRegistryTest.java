package com.example.baseregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Stage;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseRegistryTest {

    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");
    private static final BaseRegistry ACME_ONLY = BaseRegistry.allowing(List.of("registry.acme.example"));

    private static ImageRecord builtOn(Optional<String> base) {
        Image.Builder image = Image.builder().ref(ImageRef.parse("registry.acme.example/shop/api:1.4.2"));
        base.ifPresent(name -> image.baseImage(BaseImage.of(name, "sha256:" + "c".repeat(64))));
        return ImageRecord.of(List.of(ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .image(image.build())
                .scannedAt(AT.minusSeconds(3600))
                .build()));
    }

    private static Verdict evaluate(BaseRegistry rule, ImageRecord record) {
        Policy policy = Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, rule).build();
        return PolicyEngine.of(policy).evaluate(record, Stage.DEPLOY, AT);
    }

    @Test
    void passesABaseFromAnAllowedRegistry() {
        Verdict verdict = evaluate(ACME_ONLY, builtOn(Optional.of("registry.acme.example/base/python:3.12")));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.nextChange()).isEmpty();
    }

    @Test
    void failsADockerHubBaseAndAsksToUpdateIt() {
        Verdict verdict = evaluate(ACME_ONLY, builtOn(Optional.of("python:3.12-slim")));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("base-registry");
            assertThat(v.message())
                    .isEqualTo("the base image python:3.12-slim is from docker.io, not from an allowed"
                            + " registry (registry.acme.example)");
        });
        assertThat(verdict.actions()).extracting(Action::kind).containsExactly(Action.Kind.UPDATE_BASE_IMAGE);
    }

    @Test
    void comparesRegistriesIgnoringCaseAndKeepsThePort() {
        BaseRegistry local = BaseRegistry.allowing(List.of("LocalHost:5000"));

        assertThat(evaluate(local, builtOn(Optional.of("localhost:5000/python:3.12")))
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(evaluate(local, builtOn(Optional.of("localhost:5001/python:3.12")))
                        .outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void treatsAnUnknownBaseAsItsWhenUnknownSays() {
        ImageRecord unknown = builtOn(Optional.empty());

        assertThat(evaluate(ACME_ONLY, unknown).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .isEqualTo("the image's base image is not known, so its registry cannot be checked"
                                + " (when-unknown: fail)"));
        assertThat(evaluate(ACME_ONLY.whenUnknown(Treatment.WARN), unknown).outcome())
                .isEqualTo(Outcome.WARN);
        assertThat(evaluate(ACME_ONLY.whenUnknown(Treatment.IGNORE), unknown).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void onlyWarnsWithTheEffectWarn() {
        Verdict verdict = evaluate(ACME_ONLY.withEffect(Effect.WARN), builtOn(Optional.of("python:3.12-slim")));

        assertThat(verdict.outcome()).isEqualTo(Outcome.WARN);
    }

    @Test
    void refusesAnEmptyListAndAnythingButARegistryHost() {
        assertThatThrownBy(() -> BaseRegistry.allowing(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allow at least one registry");
        assertThatThrownBy(() -> BaseRegistry.allowing(List.of("https://registry.acme.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a registry host");
    }
}
