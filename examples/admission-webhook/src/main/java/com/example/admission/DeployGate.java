package com.example.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.ShelfLifeException;
import dev.shelflife.Stage;
import dev.shelflife.output.EvaluatedEvidence;
import dev.shelflife.output.VerdictJson;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answers a Kubernetes {@code AdmissionReview} for a pod: each of its images is judged at a stage
 * of a policy, at the clock's instant, from the scanner reports kept for it in a folder. The pod is
 * admitted when no verdict fails; a warning verdict admits it with a warning that {@code kubectl}
 * shows. An image without reports is judged all the same, on no evidence, so that the policy's
 * coverage rule decides (the default policy refuses it at deploy).
 */
public final class DeployGate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PolicyEngine engine;
    private final Stage stage;
    private final Path reports;
    private final Clock clock;
    private final ScannerAdapters adapters = ScannerAdapters.load();

    /**
     * A gate.
     *
     * @param engine the policy engine
     * @param stage the stage to judge at, usually {@code deploy}
     * @param reports a folder with one folder per image, named as {@link #folder(String)} says,
     *     holding that image's reports
     * @param clock when to judge: the system clock in a cluster, a fixed one in a test
     */
    public DeployGate(PolicyEngine engine, Stage stage, Path reports, Clock clock) {
        this.engine = engine;
        this.stage = stage;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * The folder of an image's reports: its reference with {@code /}, {@code :} and {@code @}
     * replaced by {@code _}, as the pipeline that scans it stores them.
     *
     * @param image the image reference, as the pod names it
     * @return the folder's name
     */
    public static String folder(String image) {
        return image.replaceAll("[/:@]", "_");
    }

    /**
     * The response to a review.
     *
     * @param review an {@code AdmissionReview} with a {@code request} for a pod
     * @return the {@code AdmissionReview} with the {@code response}
     */
    public ObjectNode review(JsonNode review) {
        JsonNode request = review.path("request");
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String image : images(request.path("object").path("spec"))) {
            try {
                EvaluatedEvidence evidence = evidence(image);
                Verdict verdict = engine.evaluate(evidence.record(), stage, clock.instant());
                // The verdict as `shelflife evaluate --output json` writes it, for the audit log.
                verdicts.put(
                        "verdict-" + verdicts.size(),
                        new String(VerdictJson.compact(verdict, evidence), StandardCharsets.UTF_8));
                if (verdict.outcome() == Outcome.FAIL) {
                    refusals.add(image + ": " + reasons(verdict));
                } else if (verdict.outcome() == Outcome.WARN) {
                    warnings.add(image + ": " + reasons(verdict));
                }
            } catch (ShelfLifeException e) {
                refusals.add(image + ": unreadable report: " + e.getMessage());
            }
        }
        ObjectNode response = NODES.objectNode()
                .put("uid", request.path("uid").asText())
                .put("allowed", refusals.isEmpty());
        if (!refusals.isEmpty()) {
            response.putObject("status").put("code", 403)
                    .put("message", "ShelfLife, stage " + stage + ": " + String.join("; ", refusals));
        }
        warnings.forEach(response.putArray("warnings")::add);
        ObjectNode audit = response.putObject("auditAnnotations");
        verdicts.forEach(audit::put);
        ObjectNode answer = NODES.objectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        answer.set("response", response);
        return answer;
    }

    /** Every image of a pod spec, once: init, app and ephemeral containers. */
    private static Set<String> images(JsonNode spec) {
        Set<String> images = new LinkedHashSet<>();
        for (String containers : List.of("initContainers", "containers", "ephemeralContainers")) {
            spec.path(containers).forEach(container -> images.add(container.path("image").asText()));
        }
        return images;
    }

    /** The image's reports, each with its file name, as the verdict's JSON names them. */
    private EvaluatedEvidence evidence(String image) {
        Path folder = reports.resolve(folder(image));
        if (!Files.isDirectory(folder)) {
            return new EvaluatedEvidence(ImageRecord.of(List.of()), List.of(), Optional.empty());
        }
        Map<ScanReport, String> names = new IdentityHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.sorted().forEach(file -> names.put(adapters.read(ReportSource.of(file)), file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The record orders its evidence by kind: the names follow the record's order.
        ImageRecord record = ImageRecord.of(List.copyOf(names.keySet()));
        return new EvaluatedEvidence(record, record.reports().stream().map(names::get).toList(), Optional.empty());
    }

    private static String reasons(Verdict verdict) {
        return verdict.outcome() + " (" + verdict.violations().stream().map(Violation::ruleId).distinct()
                .collect(Collectors.joining(", ")) + ")";
    }
}
