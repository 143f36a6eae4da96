package dev.shelflife.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.Finding;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.IgnoredEvidence;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import dev.shelflife.version.VersionScheme;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a verdict as the JSON object of {@code shelflife evaluate --output json}, for the command
 * and for any program that emits verdicts: the same keys, in the same order, with the same values.
 *
 * <p>The shape is an interface documented in {@code docs/cli.md}, and is written key by key so that
 * renaming a record component cannot change it: every key is always present, an unknown value is
 * {@code null}, an absent list {@code []}. The order of every list is the verdict's own, which is
 * deterministic: violations in the order of the stage's rules and, within a rule, of the record's
 * reports; actions sorted by kind and subject. Where the object names a report (the keys
 * {@code file} and {@code reports}) it prints the name the {@link EvaluatedEvidence} gives it.
 *
 * <pre>{@code
 * Verdict verdict = engine.evaluate(record, Stage.DEPLOY, at);
 * EvaluatedEvidence evidence = new EvaluatedEvidence(record, List.of("trivy.json"), Optional.empty());
 * VerdictJson.write(verdict, evidence, System.out);             // as the command prints it
 * byte[] line = VerdictJson.compact(verdict, evidence);          // one line, for a message
 * }</pre>
 *
 * @since 0.2
 */
public final class VerdictJson {

    /** The version of the output shape; raised only when a key is removed or changes meaning. */
    public static final int OUTPUT_VERSION = 2;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final EvaluatedEvidence evidence;
    private final EvaluatedEvidence.Index scans;
    /** Until when a passing verdict passes, if the caller said; empty when it did not. */
    private final Optional<Optional<Forecast>> validUntil;

    private VerdictJson(EvaluatedEvidence evidence, Optional<Optional<Forecast>> validUntil) {
        this.evidence = evidence;
        this.scans = evidence.index();
        this.validUntil = validUntil;
    }

    /**
     * The verdict's JSON object as a tree, to write or to place inside a document of one's own.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @return a new tree
     */
    public static ObjectNode tree(Verdict verdict, EvaluatedEvidence evidence) {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
        return new VerdictJson(evidence, Optional.empty()).verdict(verdict);
    }

    /**
     * The verdict's JSON object as a tree, with until when it passes: the key {@code validUntil}
     * then answers for every verdict, where {@link #tree(Verdict, EvaluatedEvidence)} leaves it
     * {@code null} for a passing verdict whose forecast is not empty.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param validUntil for a passing verdict, what {@code PolicyEngine.validUntil} says of it;
     *     ignored for a verdict that does not pass
     * @return a new tree
     * @since 0.2
     */
    public static ObjectNode tree(Verdict verdict, EvaluatedEvidence evidence, Optional<Forecast> validUntil) {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(validUntil, "validUntil");
        return new VerdictJson(evidence, Optional.of(validUntil)).verdict(verdict);
    }

    /**
     * Writes the verdict as the command line does, with until when it passes (see
     * {@link #tree(Verdict, EvaluatedEvidence, Optional)}).
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param validUntil for a passing verdict, what {@code PolicyEngine.validUntil} says of it
     * @param out where to write
     * @throws UncheckedIOException if the tree cannot be written
     * @since 0.2
     */
    public static void write(
            Verdict verdict, EvaluatedEvidence evidence, Optional<Forecast> validUntil, PrintStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.println(
                    MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(verdict, evidence, validUntil)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the verdict as the command line does: one pretty-printed JSON object and a line break.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param out where to write
     * @throws UncheckedIOException if the tree cannot be written
     */
    public static void write(Verdict verdict, EvaluatedEvidence evidence, PrintStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(verdict, evidence)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The verdict's JSON object on one line, without a line break, in UTF-8: the same keys and
     * values as {@link #write(Verdict, EvaluatedEvidence, PrintStream)}, without the indentation.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @return the bytes
     * @throws UncheckedIOException if the tree cannot be written
     */
    public static byte[] compact(Verdict verdict, EvaluatedEvidence evidence) {
        try {
            return MAPPER.writeValueAsBytes(tree(verdict, evidence));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode verdict(Verdict verdict) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("outputVersion", OUTPUT_VERSION);
        json.put("stage", verdict.stage().name());
        json.put("mode", verdict.mode().name());
        json.put("evaluatedAt", verdict.evaluatedAt().toString());
        json.put("outcome", verdict.outcome().name());
        json.put("policy", evidence.policy().orElse(null));
        json.put("image", evidence.record().image().ref().map(Object::toString).orElse(null));
        ArrayNode violations = json.putArray("violations");
        verdict.violations().forEach(v -> violation(violations.addObject(), v));
        ObjectNode waivers = json.putObject("waivers");
        ArrayNode applied = waivers.putArray("applied");
        verdict.waiversApplied().forEach(w -> appliedWaiver(applied.addObject(), w));
        ArrayNode unmatched = waivers.putArray("unmatched");
        verdict.unmatchedWaivers().forEach(w -> waiver(unmatched.addObject(), w));
        ArrayNode expired = waivers.putArray("expired");
        verdict.expiredWaivers().forEach(w -> waiver(expired.addObject(), w));
        ArrayNode stale = waivers.putArray("stale");
        verdict.staleWaivers().forEach(w -> staleWaiver(stale.addObject(), w));
        ArrayNode actions = json.putArray("actions");
        verdict.actions().forEach(a -> action(actions.addObject(), a));
        verdict.nextChange()
                .ifPresentOrElse(
                        change -> {
                            ObjectNode next = json.putObject("nextChange");
                            next.put("at", change.at().toString());
                            next.put("reason", change.reason());
                        },
                        () -> json.putNull("nextChange"));
        ValidUntil.put(json, verdict, validUntil);
        ArrayNode ignored = json.putArray("ignoredEvidence");
        for (IgnoredEvidence ignoredEvidence : verdict.ignoredEvidence()) {
            ObjectNode entry = ignored.addObject();
            entry.put("subject", ignoredEvidence.subject());
            entry.put("madeAt", ignoredEvidence.madeAt().toString());
            entry.put("reason", ignoredEvidence.reason());
            entry.put("file", ignoredEvidence.report().flatMap(evidence::nameOf).orElse(null));
        }
        ArrayNode reports = json.putArray("reports");
        List<ScanReport> all = evidence.record().reports();
        for (int i = 0; i < all.size(); i++) {
            report(reports.addObject(), evidence.reportNames().get(i), all.get(i));
        }
        return json;
    }

    private void violation(ObjectNode json, Violation violation) {
        json.put("ruleId", violation.ruleId());
        json.put("effect", violation.effect().name());
        json.put("vulnerability", violation.vulnerabilityId().orElse(null));
        packageOf(json, violation.finding());
        json.put("severity", violation.severity().map(Enum::name).orElse(null));
        json.put("clock", violation.clock().orElse(null));
        json.put("clockValue", violation.clockValue().map(Object::toString).orElse(null));
        json.put("deadline", violation.deadline().map(Object::toString).orElse(null));
        violation
                .clockSource()
                .ifPresentOrElse(
                        scan -> {
                            ObjectNode source = json.putObject("clockSource");
                            source.put("lineage", scan.lineage());
                            source.put("scan", scan.id());
                            source.put("image", scan.image());
                            source.put("scanner", scan.scanner().toString());
                            source.put("scannedAt", scan.scannedAt().toString());
                        },
                        () -> json.putNull("clockSource"));
        json.put("message", violation.message());
        names(json.putArray("reports"), violation.finding());
    }

    private void appliedWaiver(ObjectNode json, AppliedWaiver waiver) {
        json.put("id", waiver.id());
        json.put("origin", waiver.origin().name());
        json.put("owner", waiver.owner().orElse(null));
        json.put("reason", waiver.reason());
        json.put("expires", waiver.expires().map(Object::toString).orElse(null));
        ArrayNode lacks = json.putArray("lacks");
        waiver.lacks().stream().sorted().forEach(part -> lacks.add(part.key()));
        ArrayNode findings = json.putArray("findings");
        for (Finding finding : waiver.findings()) {
            ObjectNode entry = findings.addObject();
            entry.put("vulnerability", finding.vulnerability().id());
            packageOf(entry, Optional.of(finding));
            entry.put("severity", finding.severity().name());
            names(entry.putArray("reports"), Optional.of(finding));
        }
    }

    private void staleWaiver(ObjectNode json, AppliedWaiver waiver) {
        json.put("id", waiver.id());
        json.put("origin", waiver.origin().name());
        ArrayNode findings = json.putArray("findings");
        for (Finding finding : waiver.findings()) {
            ObjectNode entry = findings.addObject();
            entry.put("vulnerability", finding.vulnerability().id());
            packageOf(entry, Optional.of(finding));
            ArrayNode fixedIn = entry.putArray("fixedIn");
            finding.fix().versions().forEach(fixedIn::add);
        }
    }

    private static void waiver(ObjectNode json, Waiver waiver) {
        json.put("id", waiver.id());
        json.put("vulnerability", waiver.vulnerability().orElse(null));
        json.put("package", waiver.pkg().orElse(null));
        json.put("owner", waiver.owner());
        json.put("reason", waiver.reason());
        json.put("expires", waiver.expires().toString());
        strings(
                json.putArray("stages"),
                // [] is every stage: a waiver that names stages names at least one.
                waiver.stages().orElse(Set.of()).stream().map(Stage::name).toList());
    }

    private static void action(ObjectNode json, Action action) {
        json.put("kind", action.kind().name());
        json.put("subject", action.subject().orElse(null));
        json.put("from", action.from().orElse(null));
        json.put("to", action.to().orElse(null));
        json.put("scheme", action.scheme().map(VersionScheme::id).orElse(null));
        json.put("size", action.size().map(Enum::name).orElse(null));
        strings(json.putArray("reasons"), action.reasons());
    }

    private static void report(ObjectNode json, String name, ScanReport report) {
        json.put("file", name);
        json.put("kind", report.kind().name());
        ObjectNode format = json.putObject("format");
        format.put("adapter", report.format().adapterId());
        format.put("name", report.format().name());
        format.put("schemaVersion", report.format().schemaVersion().orElse(null));
        ObjectNode scanner = json.putObject("scanner");
        scanner.put("name", report.scanner().name());
        scanner.put("version", report.scanner().version().orElse(null));
        json.put("scannedAt", report.scannedAt().map(Object::toString).orElse(null));
    }

    /** The names of the scans that report a finding; none for a violation about the image. */
    private void names(ArrayNode json, Optional<Finding> finding) {
        finding.ifPresent(f -> scans.reporting(f).forEach(json::add));
    }

    /** The finding's package as {@code package}, or {@code null} for a violation about the image. */
    private static void packageOf(ObjectNode json, Optional<Finding> finding) {
        if (finding.isEmpty()) {
            json.putNull("package");
            return;
        }
        InstalledPackage pkg = finding.get().pkg();
        ObjectNode node = json.putObject("package");
        node.put("name", pkg.name());
        node.put("version", pkg.version().orElse(null));
        node.put("purl", pkg.purl().orElse(null));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
