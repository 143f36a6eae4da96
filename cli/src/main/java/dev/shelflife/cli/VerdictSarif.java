package dev.shelflife.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.Finding;
import dev.shelflife.policy.AgeLimit;
import dev.shelflife.policy.Coverage;
import dev.shelflife.policy.DenyList;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.ImportedWaivers;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.RemediationSla;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.SeverityGate;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a verdict as a SARIF 2.1.0 log for code-scanning tools: one run, one result per
 * violation.
 *
 * <p>A result's rule is the policy rule's id, followed by {@code /} and the vulnerability for a
 * violation about a finding ({@code sla/CVE-2024-2961}), so that code scanning tracks each
 * vulnerability as its own alert; image-level violations keep the bare rule id
 * ({@code image-age}). Blocking violations are {@code error}s, warnings {@code warning}s. The
 * location is the report file the finding came from (for image-level violations, the first scan)
 * as {@code artifactLocation}, and the package, or the image, as a logical location.
 * {@code docs/cli.md} has the whole mapping.
 */
final class VerdictSarif {

    /** The OASIS schema the output declares and is tested against. */
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private final Verdict verdict;
    private final EvaluateInput input;
    private final Policy policy;
    private final Function<Finding, List<ImageEvidence.Report>> scans;

    private VerdictSarif(Verdict verdict, EvaluateInput input, Policy policy) {
        this.verdict = verdict;
        this.input = input;
        this.policy = policy;
        this.scans = input.scansReporting();
    }

    /**
     * Writes the verdict as one SARIF log, pretty-printed, and a line break.
     *
     * @param verdict the verdict
     * @param input what was evaluated
     * @param policy the policy evaluated, whose rules describe the results
     * @param out where to write
     */
    static void write(Verdict verdict, EvaluateInput input, Policy policy, PrintStream out) {
        VerdictJson.print(new VerdictSarif(verdict, input, policy).log(), out);
    }

    private ObjectNode log() {
        ObjectNode log = VerdictJson.object();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "ShelfLife");
        driver.put("version", Main.version());
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
                .map(f ->
                        scans.apply(f).stream().map(ImageEvidence.Report::file).toList())
                .filter(found -> !found.isEmpty())
                .orElseGet(() -> List.of(input.imageFile()));
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
                        () -> input.record().image().ref().ifPresent(ref -> {
                            ObjectNode image = json.addObject();
                            image.put("name", ref.toString());
                            image.put("kind", "image");
                        }));
    }

    /** What a rule of the evaluated stage is for, from its type; a rule of one's own says only its id. */
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
        if (found instanceof SeverityGate) {
            return "findings at or above a minimum severity, among the fix states that count, are violations";
        }
        if (found instanceof RemediationSla) {
            return "findings must be remediated within the time their severity allows, counted from a clock";
        }
        if (found instanceof AgeLimit) {
            return "the image, its latest scan or its vulnerability database must not be older than a limit";
        }
        if (found instanceof DenyList) {
            return "denied vulnerabilities and packages are violations whatever their severity";
        }
        if (found instanceof Coverage) {
            return "the evidence must be complete: a scan, reports without problems, known severities";
        }
        return "a rule of the policy (" + found.getClass().getSimpleName() + ")";
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
