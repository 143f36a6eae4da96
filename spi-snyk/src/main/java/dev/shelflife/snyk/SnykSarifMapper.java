package dev.shelflife.snyk;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Rating;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.snyk.SnykSarif.Location;
import dev.shelflife.snyk.SnykSarif.LogicalLocation;
import dev.shelflife.snyk.SnykSarif.Message;
import dev.shelflife.snyk.SnykSarif.Result;
import dev.shelflife.snyk.SnykSarif.Rule;
import dev.shelflife.snyk.SnykSarif.RuleProperties;
import dev.shelflife.snyk.SnykSarif.SarifFix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns one SARIF result of a Snyk log into a finding. Snyk's SARIF has no vulnerability fields:
 * the rule's texts carry them, as the CLI formats them — {@code "Low severity - TITLE
 * vulnerability in PACKAGE"} and {@code "(CVE-…,CVE-…) NAME@VERSION"}.
 */
final class SnykSarifMapper {

    private static final Pattern SHORT_DESCRIPTION =
            Pattern.compile("^(\\w+) severity - (.*?)(?: vulnerability in .*)?$", Pattern.DOTALL);
    private static final Pattern FULL_DESCRIPTION = Pattern.compile("^\\(([^)]*)\\)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern CWE = Pattern.compile("CWE-\\d+");
    private static final Pattern UPGRADE = Pattern.compile("^Upgrade to (.+)@([^@]+)$");

    /**
     * A rule and where it is, for the problems its values raise.
     *
     * @param rule the rule
     * @param location where it starts
     */
    record LocatedRule(Rule rule, ReportLocation location) {
        LocatedRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A package as the SARIF texts write it, {@code name@version}.
     *
     * @param name the name
     * @param version the version
     */
    record Coordinates(String name, String version) {

        /** Splits at the last {@code @}, so that {@code @scope/pkg@1.0} keeps its scope. */
        static Optional<Coordinates> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            String value = text.strip();
            int at = value.lastIndexOf('@');
            return at > 0 && at < value.length() - 1
                    ? Optional.of(new Coordinates(value.substring(0, at), value.substring(at + 1)))
                    : Optional.empty();
        }
    }

    private SnykSarifMapper() {}

    /**
     * Accounts for one result on the report.
     *
     * @param result the bound result, {@code null} for a JSON {@code null}
     * @param at where the result starts
     * @param rules the run's rules by id
     * @param builder the report
     */
    static void add(Result result, ReportLocation at, Map<String, LocatedRule> rules, ScanReport.Builder builder) {
        if (result == null) {
            builder.skipped("a null SARIF result", at);
            return;
        }
        if (SnykMapper.isBlank(result.ruleId())) {
            builder.skipped("a SARIF result without a ruleId", at);
            return;
        }
        LocatedRule located = rules.get(result.ruleId());
        Rule rule = located != null ? located.rule() : new Rule(result.ruleId(), null, null, null, null);
        Optional<LogicalLocation> logical = locations(result).stream()
                .flatMap(l -> l.logicalLocations() == null ? Stream.empty() : l.logicalLocations().stream())
                .filter(Objects::nonNull)
                .findFirst();
        Optional<Coordinates> logicalPackage =
                logical.map(LogicalLocation::fullyQualifiedName).flatMap(Coordinates::parse);
        Matcher full = FULL_DESCRIPTION.matcher(text(rule.fullDescription()));
        String described = full.matches() ? full.group(2) : text(rule.fullDescription());
        Optional<Coordinates> pkg = Coordinates.parse(described).or(() -> logicalPackage);
        if (pkg.isEmpty()) {
            builder.skipped("SARIF result for " + result.ruleId() + " names no package", at);
            return;
        }
        EntryReading reading = new EntryReading(builder, at);
        if (located == null) {
            reading.ignored(
                    "the run defines no rule " + result.ruleId() + ": severity from the result's level, no CVE",
                    "ruleId");
        }
        EntryReading ruleReading = new EntryReading(builder, located != null ? located.location() : at);
        List<String> tags = rule.properties() == null
                ? List.of()
                : SnykMapper.nonBlank(rule.properties().tags());
        String packageManager = tags.stream()
                .filter(t -> !t.equals("security") && !CWE.matcher(t).matches())
                .reduce((first, second) -> second)
                .orElse(null);
        SnykEcosystem ecosystem = SnykEcosystem.of(packageManager, null);
        String name = pkg.get().name();
        builder.finding(new Finding(
                vulnerability(result, rule, full, tags, reading, ruleReading),
                ecosystem.pkg(
                        name,
                        logicalPackage.map(Coordinates::name).orElse(null),
                        pkg.get().version()),
                fix(result, name),
                target(result)));
    }

    private static Vulnerability vulnerability(
            Result result, Rule rule, Matcher full, List<String> tags, EntryReading reading, EntryReading ruleReading) {
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(result.ruleId()).primaryUrl(SnykMapper.ADVISORY_URL + result.ruleId());
        Matcher shortText = SHORT_DESCRIPTION.matcher(text(rule.shortDescription()));
        Optional<Severity> snykSeverity = Optional.empty();
        if (shortText.matches()) {
            snykSeverity = ruleReading.optionalSeverity(shortText.group(1), "shortDescription/text");
            vulnerability.title(shortText.group(2));
        }
        if (snykSeverity.isPresent()) {
            vulnerability.severity(snykSeverity.get()).severitySource("snyk");
        } else {
            levelSeverity(result.level(), reading)
                    .ifPresent(s -> vulnerability.severity(s).severitySource("sarif-level"));
        }
        if (full.matches()) {
            for (String id : full.group(1).split(",")) {
                vulnerability.alias(id.strip());
            }
        }
        tags.stream().filter(t -> CWE.matcher(t).matches()).forEach(vulnerability::cwe);
        RuleProperties properties = rule.properties();
        Optional<Double> score = properties == null
                ? Optional.empty()
                : ruleReading
                        .score(properties.securitySeverity(), "properties/security-severity")
                        .or(() -> ruleReading.score(properties.baseScore(), "properties/cvssv3_baseScore"));
        if (snykSeverity.isPresent() || score.isPresent()) {
            vulnerability.rating(new Rating("snyk", snykSeverity, score, Optional.empty()));
        }
        return vulnerability.build();
    }

    /** Snyk writes {@code error} for critical and high, {@code warning} for medium, {@code note} for low. */
    private static Optional<Severity> levelSeverity(String level, EntryReading reading) {
        if (level == null) {
            return Optional.empty();
        }
        return switch (level) {
            case "error" -> Optional.of(Severity.HIGH);
            case "warning" -> Optional.of(Severity.MEDIUM);
            case "note" -> Optional.of(Severity.LOW);
            default -> {
                reading.ignored("SARIF level \"" + level + "\" says no severity: read as UNKNOWN", "level");
                yield Optional.empty();
            }
        };
    }

    /** A fix that upgrades the vulnerable package itself gives its version; one that upgrades a parent, none. */
    private static Fix fix(Result result, String name) {
        if (result.fixes() == null || result.fixes().isEmpty()) {
            return Fix.of(FixState.UNKNOWN);
        }
        List<String> versions = new ArrayList<>();
        for (SarifFix fix : result.fixes()) {
            Matcher upgrade = UPGRADE.matcher(fix == null ? "" : text(fix.description()));
            if (upgrade.matches() && upgrade.group(1).equals(name)) {
                versions.add(upgrade.group(2));
            }
        }
        return new Fix(FixState.FIXED, versions);
    }

    private static String target(Result result) {
        return locations(result).stream()
                .map(Location::physicalLocation)
                .filter(p -> p != null
                        && p.artifactLocation() != null
                        && p.artifactLocation().uri() != null)
                .map(p -> p.artifactLocation().uri())
                .findFirst()
                .orElse("");
    }

    /**
     * The first artifact a run's results are about, for the report's artifact.
     *
     * @param result a result
     * @return its artifact's address, or empty
     */
    static Optional<String> artifactUri(Result result) {
        return result == null ? Optional.empty() : Optional.of(target(result)).filter(uri -> !uri.isEmpty());
    }

    private static List<Location> locations(Result result) {
        return result.locations() == null
                ? List.of()
                : result.locations().stream().filter(Objects::nonNull).toList();
    }

    private static String text(Message message) {
        return message == null || message.text() == null ? "" : message.text();
    }
}
