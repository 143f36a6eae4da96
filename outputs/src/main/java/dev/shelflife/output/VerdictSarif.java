package dev.shelflife.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.Finding;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.ImportedWaivers;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleType;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import java.io.File;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a verdict as a SARIF 2.1.0 log for code-scanning tools: one run, one result per
 * violation.
 *
 * <p>A result's rule is the policy rule's id, followed by {@code /} and the vulnerability for a
 * violation about a finding ({@code sla/CVE-2024-2961}), so that code scanning tracks each
 * vulnerability as its own alert; image-level violations keep the bare rule id
 * ({@code image-age}). Blocking violations are {@code error}s, warnings {@code warning}s. The
 * location is the report file the finding came from (for image-level violations, the first scan)
 * as {@code artifactLocation}, and the package, or the image, as a logical location. A report is
 * named as the {@link EvaluatedEvidence} names it. Each rule is described by its
 * {@link RuleType#description() type}, found among the {@link RuleTypes} given; a rule of no type
 * says only that it is a rule of the policy. {@code docs/cli.md} has the whole mapping.
 *
 * <pre>{@code
 * EvaluatedEvidence evidence = new EvaluatedEvidence(record, List.of("trivy.json"), Optional.empty());
 * VerdictSarif.write(verdict, evidence, policy, "1.0.0", RuleTypes.load(), System.out);
 * }</pre>
 *
 * @since 0.2
 */
public final class VerdictSarif {

    /** The OASIS schema the output declares and is tested against. */
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final Verdict verdict;
    private final EvaluatedEvidence evidence;
    private final Policy policy;
    private final String toolVersion;
    private final RuleTypes types;
    private final Optional<Optional<Forecast>> validUntil;

    private VerdictSarif(
            Verdict verdict,
            EvaluatedEvidence evidence,
            Policy policy,
            String toolVersion,
            RuleTypes types,
            Optional<Optional<Forecast>> validUntil) {
        this.validUntil = validUntil;
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.types = Objects.requireNonNull(types, "types");
    }

    /**
     * The verdict's SARIF log as a tree.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param policy the policy evaluated, whose rules describe the results
     * @param toolVersion the version the log gives the tool ShelfLife
     * @param types the rule types that describe the policy's rules, usually {@link RuleTypes#load()}
     * @return a new tree
     */
    public static ObjectNode tree(
            Verdict verdict, EvaluatedEvidence evidence, Policy policy, String toolVersion, RuleTypes types) {
        return new VerdictSarif(verdict, evidence, policy, toolVersion, types, Optional.empty()).log();
    }

    /**
     * The verdict's SARIF log as a tree, with until when it passes: the run's property
     * {@code validUntil}, as {@link VerdictJson#tree(Verdict, EvaluatedEvidence, Optional)} writes it.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param validUntil for a passing verdict, what {@code PolicyEngine.validUntil} says of it;
     *     ignored for the others
     * @param policy the policy evaluated, whose rules describe the results
     * @param toolVersion the version the log gives the tool ShelfLife
     * @param types the rule types that describe the policy's rules, usually {@link RuleTypes#load()}
     * @return a new tree
     */
    public static ObjectNode tree(
            Verdict verdict,
            EvaluatedEvidence evidence,
            Optional<Forecast> validUntil,
            Policy policy,
            String toolVersion,
            RuleTypes types) {
        Objects.requireNonNull(validUntil, "validUntil");
        return new VerdictSarif(verdict, evidence, policy, toolVersion, types, Optional.of(validUntil)).log();
    }

    /**
     * Writes the verdict as one SARIF log, pretty-printed, and a line break, as the command line does.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param policy the policy evaluated, whose rules describe the results
     * @param toolVersion the version the log gives the tool ShelfLife
     * @param types the rule types that describe the policy's rules, usually {@link RuleTypes#load()}
     * @param out where to write
     * @throws UncheckedIOException if the tree cannot be written
     */
    public static void write(
            Verdict verdict,
            EvaluatedEvidence evidence,
            Policy policy,
            String toolVersion,
            RuleTypes types,
            PrintStream out) {
        print(tree(verdict, evidence, policy, toolVersion, types), out);
    }

    /**
     * Writes the verdict as one SARIF log with until when it passes, pretty-printed, and a line
     * break, as the command line does.
     *
     * @param verdict the verdict
     * @param evidence what it was reached on, with the name of each report
     * @param validUntil for a passing verdict, what {@code PolicyEngine.validUntil} says of it
     * @param policy the policy evaluated, whose rules describe the results
     * @param toolVersion the version the log gives the tool ShelfLife
     * @param types the rule types that describe the policy's rules
     * @param out where to write
     * @throws UncheckedIOException if the tree cannot be written
     */
    public static void write(
            Verdict verdict,
            EvaluatedEvidence evidence,
            Optional<Forecast> validUntil,
            Policy policy,
            String toolVersion,
            RuleTypes types,
            PrintStream out) {
        print(tree(verdict, evidence, validUntil, policy, toolVersion, types), out);
    }

    private static void print(ObjectNode log, PrintStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(log));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode log() {
        ObjectNode log = MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "ShelfLife");
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        List<String> ruleIds = new ArrayList<>();
        ArrayNode results = run.putArray("results");
        for (Violation violation : verdict.violations()) {
            String ruleId = ruleId(violation);
            if (!ruleIds.contains(ruleId)) {
                ruleIds.add(ruleId);
                rule(rules.addObject(), ruleId, violation);
            }
            result(results.addObject(), ruleId, ruleIds.indexOf(ruleId), violation);
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("stage", verdict.stage().name());
        properties.put("mode", verdict.mode().name());
        properties.put("evaluatedAt", verdict.evaluatedAt().toString());
        properties.put("outcome", verdict.outcome().name());
        verdict.nextChange().ifPresent(change -> {
            properties.put("nextChangeAt", change.at().toString());
            properties.put("nextChangeReason", change.reason());
        });
        ValidUntil.put(properties, verdict, validUntil);
        ArrayNode stale = properties.putArray("staleWaivers");
        verdict.staleWaivers().forEach(waiver -> stale.add(waiver.id()));
        return log;
    }

    private static String ruleId(Violation violation) {
        return violation
                .vulnerabilityId()
                .map(id -> violation.ruleId() + "/" + id)
                .orElse(violation.ruleId());
    }

    private void rule(ObjectNode json, String ruleId, Violation violation) {
        json.put("id", ruleId);
        String purpose = describe(violation.ruleId());
        Optional<Finding> finding = violation.finding();
        String title = finding.map(f -> f.vulnerability().id()
                        + f.vulnerability().title().map(t -> ": " + t).orElse(""))
                .orElse(violation.ruleId() + ": " + purpose);
        json.putObject("shortDescription").put("text", title);
        json.putObject("fullDescription")
                .put(
                        "text",
                        "Policy rule " + violation.ruleId() + " at stage " + verdict.stage() + ": " + purpose + ".");
        finding.flatMap(f -> f.vulnerability().primaryUrl())
                .flatMap(VerdictSarif::webAddress)
                .ifPresent(url -> json.put("helpUri", url));
        ArrayNode tags = json.putObject("properties").putArray("tags");
        tags.add("security");
        tags.add(finding.isPresent() ? "vulnerability" : "image");
    }

    private void result(ObjectNode json, String ruleId, int ruleIndex, Violation violation) {
        json.put("ruleId", ruleId);
        json.put("ruleIndex", ruleIndex);
        json.put("level", violation.effect() == Effect.BLOCK ? "error" : "warning");
        json.putObject("message").put("text", violation.message());
        List<String> files = violation
                .finding()
                .map(evidence::namesReporting)
                .filter(found -> !found.isEmpty())
                .orElseGet(() -> evidence.imageReportName().stream().toList());
        ArrayNode locations = json.putArray("locations");
        for (String file : files) {
            ObjectNode location = locations.addObject();
            location.putObject("physicalLocation").putObject("artifactLocation").put("uri", uri(file));
            logicalLocation(location.putArray("logicalLocations"), violation);
        }
        ObjectNode properties = json.putObject("properties");
        properties.put("effect", violation.effect().name());
        violation.severity().ifPresent(s -> properties.put("severity", s.name()));
        violation.clock().ifPresent(c -> properties.put("clock", c));
        violation.clockValue().ifPresent(v -> properties.put("clockValue", v.toString()));
        violation.deadline().ifPresent(d -> properties.put("deadline", d.toString()));
    }

    /** The package a violation is about, or else the image, if the reports name it. */
    private void logicalLocation(ArrayNode json, Violation violation) {
        violation
                .finding()
                .ifPresentOrElse(
                        finding -> {
                            ObjectNode pkg = json.addObject();
                            pkg.put("name", finding.pkg().name());
                            pkg.put(
                                    "fullyQualifiedName",
                                    finding.pkg()
                                            .purl()
                                            .orElse(finding.pkg().name()
                                                    + finding.pkg()
                                                            .version()
                                                            .map(v -> "@" + v)
                                                            .orElse("")));
                            pkg.put("kind", "package");
                        },
                        () -> evidence.record().image().ref().ifPresent(ref -> {
                            ObjectNode image = json.addObject();
                            image.put("name", ref.toString());
                            image.put("kind", "image");
                        }));
    }

    /** What a rule of the evaluated stage is for, from its type; a rule of no type says only that it is one. */
    private String describe(String ruleId) {
        Optional<Rule> rule = policy.stage(verdict.stage()).stream()
                .flatMap(stage -> stage.rules().stream())
                .filter(r -> r.id().equals(ruleId))
                .findFirst();
        if (rule.isEmpty()) {
            return ruleId.equals(ImportedWaivers.KEY)
                    ? "the rules of ignore files imported as waivers should expire, and have what the policy requires"
                    : "a rule of the policy";
        }
        Rule found = rule.get();
        return types.describing(found)
                .map(RuleType::description)
                .orElse("a rule of the policy (" + found.getClass().getSimpleName() + ")");
    }

    /**
     * The report file as a URI reference: an absolute path as a {@code file:} URI, a relative one
     * percent-encoded with {@code /} separators.
     */
    static String uri(String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        String slashed = file.replace(File.separatorChar, '/');
        int colon = slashed.indexOf(':');
        int slash = slashed.indexOf('/');
        // A colon before the first slash would read as a scheme: "c:x.json" is "./c:x.json".
        String relative = colon >= 0 && (slash < 0 || colon < slash) ? "./" + slashed : slashed;
        try {
            return new URI(null, null, relative, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot make a URI of " + file, e);
        }
    }

    /** A report's link, if it is an absolute web address; anything else is left out of the log. */
    private static Optional<String> webAddress(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    ? Optional.of(uri.toString())
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
