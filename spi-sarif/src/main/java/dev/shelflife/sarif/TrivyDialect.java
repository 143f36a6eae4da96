package dev.shelflife.sarif;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Rating;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.sarif.RunRules.LocatedRule;
import dev.shelflife.sarif.SarifLog.Location;
import dev.shelflife.sarif.SarifLog.Result;
import dev.shelflife.sarif.SarifLog.Rule;
import dev.shelflife.sarif.SarifLog.RuleProperties;
import dev.shelflife.sarif.SarifLog.RunProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trivy's SARIF, in the three shapes its versions wrote:
 *
 * <ul>
 *   <li>since 0.18 (Go writer): {@code ruleId} is the vulnerability id; the result's message is
 *       {@code Package: …\nInstalled Version: …\nVulnerability …\nSeverity: …\nFixed Version: …\nLink: …};
 *       the location's message is {@code path: name@version}; the rule carries the CVSS scores
 *       ({@code cvssv3_baseScore} …), the title and a help text for its first package;
 *       misconfigurations, secrets and licences are results too, told apart by the rule's first tag;</li>
 *   <li>the template of 0.1x: {@code ruleId} is {@code [SEVERITY] CVE-…}, one rule per result, whose
 *       help says {@code Package}, {@code Installed Version} and {@code Fixed Version}; the
 *       message is the description;</li>
 *   <li>older templates: {@code ruleId} is {@code target: package-version CVE-…}.</li>
 * </ul>
 */
final class TrivyDialect implements Dialect {

    /** {@code [MEDIUM] CVE-2019-0001}: the 0.1x template. */
    private static final Pattern BRACKETED = Pattern.compile("^\\[(\\w+)] (\\S+)$");
    /** {@code alpine:3.10 (alpine 3.10.2): libssl1.1-1.1.1c-r0 CVE-2019-1549}: older templates. */
    private static final Pattern TARGETED = Pattern.compile("^(.+): (\\S+) (\\S+)$");

    private static final Set<String> MESSAGE_KEYS =
            Set.of("Package", "Installed Version", Texts.VULNERABILITY, "Severity", "Fixed Version", Texts.LINK);
    private static final Set<String> NOT_VULNERABILITIES = Set.of("misconfiguration", "secret", "license");
    private static final Set<String> NOT_VULNERABILITY_RULES = Set.of("Misconfiguration", "Secret", "License");

    @Override
    public String format() {
        return "trivy-sarif";
    }

    @Override
    public void add(LocatedResult located, RunRules rules, ScanReport.Builder builder) {
        Result result = located.result();
        if (result == null) {
            builder.skipped("a null SARIF result", located.location());
            return;
        }
        String ruleId = result.ruleId();
        if (Texts.isBlank(ruleId)) {
            builder.skipped("a SARIF result without a ruleId", located.location());
            return;
        }
        Entry entry = new Entry(builder, located.location());
        Optional<LocatedRule> ruleAt = rules.find(ruleId, result.ruleIndex());
        Rule rule = ruleAt.map(LocatedRule::rule).orElse(null);
        Optional<String> kind = otherKind(rule, result.message());
        if (kind.isPresent()) {
            builder.skipped(
                    "a Trivy " + kind.get() + " (rule " + ruleId + "), not a vulnerability: not a finding",
                    located.location());
            return;
        }
        Map<String, String> message = Texts.fields(result.message(), MESSAGE_KEYS);
        boolean speaks = ruleAt.isPresent() && rules.speaksFor(ruleId, result.ruleIndex());
        Map<String, String> help = speaks ? Texts.fields(rule.help(), MESSAGE_KEYS) : Map.of();

        String id;
        String severityWord = null;
        String packageVersion = null;
        String target = null;
        Matcher bracketed = BRACKETED.matcher(ruleId);
        Matcher targeted = TARGETED.matcher(ruleId);
        if (bracketed.matches()) {
            severityWord = bracketed.group(1);
            id = bracketed.group(2);
        } else if (targeted.matches()) {
            target = targeted.group(1);
            packageVersion = targeted.group(2);
            id = targeted.group(3);
        } else if (ruleId.strip().chars().noneMatch(Character::isWhitespace)) {
            id = ruleId.strip();
        } else {
            builder.skipped(
                    "ruleId \"" + ruleId
                            + "\" is none of the shapes Trivy writes (CVE-…, [SEVERITY] CVE-…, target: package-version CVE-…)",
                    located.location());
            return;
        }

        Optional<String[]> fromLocation = locationPackage(result);
        String name =
                Texts.first(message.get("Package"), fromLocation.map(p -> p[0]).orElse(null), help.get("Package"));
        String version = Texts.first(
                message.get("Installed Version"),
                fromLocation.map(p -> p[1]).orElse(null),
                help.get("Installed Version"));
        if (packageVersion != null) {
            String[] split = split(packageVersion, name, version);
            if (split == null) {
                entry.coerced(
                        "\"" + packageVersion + "\" names the package and its version, and nothing in the result says"
                                + " where one ends: read as the package's name, its version unknown",
                        "ruleId");
                split = new String[] {packageVersion, null};
            }
            name = Texts.first(name, split[0]);
            version = Texts.first(version, split[1]);
        }
        if (Texts.isBlank(name)) {
            builder.skipped("SARIF result for " + id + " names no package", located.location());
            return;
        }

        Vulnerability.Builder vulnerability = Vulnerability.builder(id);
        String stated = Texts.first(message.get("Severity"), severityWord, help.get("Severity"));
        Severity severity = severity(stated, entry);
        vulnerability.severity(severity);
        if (severity != Severity.UNKNOWN) {
            vulnerability.severitySource("trivy");
        }
        if (rule != null) {
            ruleValues(rule, ruleAt.get(), builder, vulnerability);
        }
        vulnerability.primaryUrl(
                Texts.first(rule == null ? null : rule.helpUri(), Texts.linkTarget(message.get(Texts.LINK))));

        builder.finding(new Finding(
                vulnerability.build(),
                InstalledPackage.builder(name.strip())
                        .version(Texts.isBlank(version) ? null : version.strip())
                        .build(),
                fix(message.containsKey("Fixed Version") ? message : help),
                Objects.requireNonNullElse(Texts.first(uri(result), target), "")));
    }

    /** What a result is when it is no vulnerability: the rule's first tag or name, or Trivy's {@code Artifact:} message. */
    private static Optional<String> otherKind(Rule rule, String message) {
        if (rule != null) {
            RuleProperties properties = rule.properties();
            if (properties != null
                    && properties.tags() != null
                    && !properties.tags().isEmpty()) {
                String first = String.valueOf(properties.tags().get(0)).toLowerCase(Locale.ROOT);
                if (NOT_VULNERABILITIES.contains(first)) {
                    return Optional.of(first);
                }
            }
            if (rule.name() != null && NOT_VULNERABILITY_RULES.contains(rule.name())) {
                return Optional.of(rule.name().toLowerCase(Locale.ROOT));
            }
        }
        if (message != null && message.startsWith("Artifact: ")) {
            return Optional.of("misconfiguration, secret or licence");
        }
        return Optional.empty();
    }

    /** The CVSS scores, title and link of the rule: the vulnerability's, so every result's. */
    private static void ruleValues(
            Rule rule, LocatedRule located, ScanReport.Builder builder, Vulnerability.Builder vulnerability) {
        Entry at = new Entry(builder, located.location());
        RuleProperties properties = rule.properties();
        if (properties != null) {
            rating(at, "cvssv3_baseScore", properties.cvss3Score(), properties.cvss3Vector(), vulnerability);
            rating(at, "cvssv2_score", properties.cvss2Score(), properties.cvss2Vector(), vulnerability);
            rating(at, "cvssv40_baseScore", properties.cvss4Score(), properties.cvss4Vector(), vulnerability);
            // Trivy's security-severity is the CVSS v3 score above when it has one, and a stand-in
            // for the severity word otherwise (9.5, 8.0, 5.5, 2.0): checked, never a rating of its own.
            at.score(properties.securitySeverity(), "properties/security-severity");
        }
        String title = rule.shortDescription();
        if (!Texts.isBlank(title) && !title.strip().equals(rule.id()) && !title.startsWith(idOf(rule) + " Package:")) {
            vulnerability.title(title.strip());
        }
    }

    private static String idOf(Rule rule) {
        Matcher bracketed = BRACKETED.matcher(rule.id());
        return bracketed.matches() ? bracketed.group(2) : rule.id();
    }

    private static void rating(
            Entry at, String field, String score, String vector, Vulnerability.Builder vulnerability) {
        Optional<Double> value = at.score(score, "properties/" + field);
        String writtenVector = Texts.isBlank(vector) ? null : vector.strip();
        if (value.isPresent() || writtenVector != null) {
            vulnerability.rating(new Rating("trivy", Optional.empty(), value, Optional.ofNullable(writtenVector)));
        }
    }

    private static Severity severity(String word, Entry entry) {
        if (Texts.isBlank(word)) {
            return Severity.UNKNOWN;
        }
        Optional<Severity> severity = Severity.find(word.strip());
        if (severity.isEmpty()) {
            entry.coerced("unknown severity \"" + word + "\": read as UNKNOWN", "message/text");
            return Severity.UNKNOWN;
        }
        return severity.get();
    }

    /**
     * The fix a text states: {@code Fixed Version: 1.1.1d-r0} (several joined with {@code ", "}).
     * None stated is {@link FixState#UNKNOWN}: Trivy's SARIF drops the {@code Status} that says
     * whether a fix will come (affected, will_not_fix, fix_deferred, end_of_life).
     */
    private static Fix fix(Map<String, String> fields) {
        String fixed = fields.get("Fixed Version");
        if (Texts.isBlank(fixed)) {
            return Fix.of(FixState.UNKNOWN);
        }
        List<String> versions = new ArrayList<>();
        for (String version : fixed.split(",")) {
            if (!version.isBlank()) {
                versions.add(version.strip());
            }
        }
        return new Fix(FixState.FIXED, versions);
    }

    /** The package and version of Trivy's location message, {@code library/nginx: apt@2.6.1}. */
    private static Optional<String[]> locationPackage(Result result) {
        for (Location location : result.locations()) {
            if (location == null
                    || location.message() == null
                    || location.message().text() == null) {
                continue;
            }
            String text = location.message().text();
            int colon = text.lastIndexOf(": ");
            String coordinates = colon < 0 ? text : text.substring(colon + 2);
            int at = coordinates.lastIndexOf('@');
            if (at > 0 && at < coordinates.length() - 1) {
                return Optional.of(new String[] {coordinates.substring(0, at), coordinates.substring(at + 1)});
            }
        }
        return Optional.empty();
    }

    /**
     * Splits {@code name-version} where the name or the version, known from elsewhere, says;
     * {@code null} when neither is known and the split would be a guess.
     */
    private static String[] split(String packageVersion, String name, String version) {
        if (!Texts.isBlank(name) && packageVersion.startsWith(name.strip() + "-")) {
            return new String[] {
                name.strip(), packageVersion.substring(name.strip().length() + 1)
            };
        }
        if (!Texts.isBlank(version) && packageVersion.endsWith("-" + version.strip())) {
            return new String[] {
                packageVersion.substring(
                        0, packageVersion.length() - version.strip().length() - 1),
                version.strip()
            };
        }
        return null;
    }

    private static String uri(Result result) {
        return result.locations().stream()
                .filter(Objects::nonNull)
                .map(Location::physicalLocation)
                .filter(p -> p != null
                        && p.artifactLocation() != null
                        && !Texts.isBlank(p.artifactLocation().uri()))
                .map(p -> p.artifactLocation().uri())
                .findFirst()
                .orElse(null);
    }

    @Override
    public Subject subject(RunProperties properties, List<LocatedResult> results) {
        if (properties == null) {
            String uri = results.stream()
                    .map(LocatedResult::result)
                    .filter(Objects::nonNull)
                    .map(TrivyDialect::uri)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse("");
            return new Subject(new Artifact(uri, Artifact.Type.UNKNOWN), Image.unknown());
        }
        Image.Builder image = Image.builder();
        List<String> names = new ArrayList<>();
        if (properties.repoTags() != null) {
            names.addAll(properties.repoTags());
        }
        names.add(properties.imageName());
        names.stream()
                .map(ImageNames::reference)
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(image::ref);
        if (properties.repoDigests() != null) {
            for (String repoDigest : properties.repoDigests()) {
                image.repoDigest(repoDigest);
            }
            properties.repoDigests().stream()
                    .filter(d -> d != null && d.indexOf('@') > 0)
                    .findFirst()
                    .ifPresent(d -> image.manifestDigest(d.substring(d.indexOf('@') + 1)));
        }
        image.configDigest(properties.imageId());
        String name = Objects.requireNonNullElse(properties.imageName(), "");
        return new Subject(new Artifact(name, Artifact.Type.CONTAINER_IMAGE), image.build());
    }
}
