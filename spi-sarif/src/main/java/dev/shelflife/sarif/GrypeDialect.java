package dev.shelflife.sarif;

import static dev.shelflife.sarif.Texts.first;

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
import dev.shelflife.sarif.SarifLog.LogicalLocation;
import dev.shelflife.sarif.SarifLog.Result;
import dev.shelflife.sarif.SarifLog.Rule;
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
 * Grype's SARIF: {@code ruleId} is {@code <vulnerability>-<package name>}, one rule per
 * vulnerability and package name, whose help says the severity, the package, its version, the fix
 * versions, the type and the location of the rule's first match; each result's message names its
 * own package and version, in one of two sentences:
 *
 * <ul>
 *   <li>{@code A low vulnerability in rpm package: package-1, version 1.1.1 was found in image user-input at: somefile-1.txt}
 *       (since Grype 0.65);</li>
 *   <li>{@code The path /usr/share/doc/tar/copyright reports tar at version 1.34+dfsg-1.2  which is a
 *       vulnerable (deb) package installed in the container} (before).</li>
 * </ul>
 *
 * Grype writes {@code low} for every severity below medium (low, negligible, unknown), and its
 * {@code security-severity} is the highest CVSS base score it knows, or, without one, a stand-in
 * for the severity word (9.0, 7.0, 4.0, 1.0, 0.0).
 */
final class GrypeDialect implements Dialect {

    private static final Pattern MESSAGE = Pattern.compile(
            "^A (\\S+) vulnerability in (\\S*) package: (.+?), version (\\S+) was found(?: (.*))?$", Pattern.DOTALL);
    private static final Pattern OLD_MESSAGE = Pattern.compile(
            "^The path (.*) reports (.+?) at version (\\S+)\\s+which is a vulnerable \\((\\S*)\\) package installed in"
                    + " the \\S+$",
            Pattern.DOTALL);
    private static final Pattern SHORT_DESCRIPTION = Pattern.compile("^(\\S+) (\\S+) vulnerability for (.+) package$");
    /** {@code userInput@layer:/path}, the layer empty when Grype does not know it. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^(.+?)@((?:[A-Za-z0-9_+.-]+:[0-9a-fA-F]{32,})?):/");

    private static final Pattern IN_IMAGE = Pattern.compile("^in image (.+) at: .*$", Pattern.DOTALL);

    private static final Set<String> HELP_KEYS = Set.of(
            Texts.VULNERABILITY,
            "Severity",
            "Package",
            "Version",
            "Fix Version",
            "Type",
            "Location",
            "Data Namespace",
            Texts.LINK);

    /** Grype's {@code security-severity} without a CVSS score: the severity word's stand-in. */
    private static final Map<String, Double> STAND_INS =
            Map.of("critical", 9.0, "high", 7.0, "medium", 4.0, "low", 1.0);

    @Override
    public String format() {
        return "grype-sarif";
    }

    /** What a result's message says of its match. */
    private record Said(String severity, String type, String name, String version, String path) {}

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
        Map<String, String> help = rule == null ? Map.of() : Texts.fields(rule.help(), HELP_KEYS);
        Matcher shortText = SHORT_DESCRIPTION.matcher(rule == null ? "" : String.valueOf(rule.shortDescription()));
        boolean described = shortText.matches();
        Said said = said(result.message());

        String name = first(said.name(), help.get("Package"), described ? shortText.group(3) : null);
        if (Texts.isBlank(name)) {
            builder.skipped("SARIF result for " + ruleId + " names no package", located.location());
            return;
        }
        String id = first(help.get(Texts.VULNERABILITY), described ? shortText.group(1) : null);
        if (Texts.isBlank(id)) {
            id = ruleId.endsWith("-" + name) && ruleId.length() > name.length() + 1
                    ? ruleId.substring(0, ruleId.length() - name.length() - 1)
                    : null;
        }
        if (Texts.isBlank(id)) {
            builder.skipped(
                    "SARIF result " + ruleId + ": no rule text names its vulnerability, and the ruleId does not end"
                            + " with its package's name",
                    located.location());
            return;
        }
        boolean speaks = ruleAt.isPresent() && rules.speaksFor(ruleId, result.ruleIndex());
        String version = first(said.version(), speaks ? help.get("Version") : null);
        // The help describes the rule's first match: its fix and type are this result's when it is that match.
        boolean helpApplies = speaks
                || !Texts.isBlank(version) && version.equals(help.get("Version")) && name.equals(help.get("Package"));

        Vulnerability.Builder vulnerability = Vulnerability.builder(id);
        String word = first(said.severity(), described ? shortText.group(2) : null, help.get("Severity"));
        Severity severity = severity(word, entry);
        vulnerability.severity(severity);
        if (severity != Severity.UNKNOWN) {
            vulnerability.severitySource("grype");
        }
        if (rule != null && rule.properties() != null) {
            Entry ruleEntry = new Entry(builder, ruleAt.get().location());
            Optional<Double> score =
                    ruleEntry.score(rule.properties().securitySeverity(), "properties/security-severity");
            if (score.isPresent() && !isStandIn(score.get(), word)) {
                vulnerability.rating(new Rating("grype", Optional.empty(), score, Optional.empty()));
            }
        }
        vulnerability.primaryUrl(Texts.linkTarget(help.get(Texts.LINK)));

        InstalledPackage.Builder pkg = InstalledPackage.builder(name.strip())
                .version(Texts.isBlank(version) ? null : version.strip())
                .type(first(said.type(), helpApplies ? help.get("Type") : null))
                .path(first(logicalPath(result), said.path(), helpApplies ? help.get("Location") : null));
        if (helpApplies
                && rule != null
                && rule.properties() != null
                && rule.properties().purls() != null) {
            rule.properties().purls().stream()
                    .filter(p -> p != null && p.startsWith("pkg:"))
                    .findFirst()
                    .ifPresent(pkg::purl);
        }
        builder.finding(new Finding(
                vulnerability.build(),
                pkg.build(),
                helpApplies ? fix(help.get("Fix Version")) : Fix.of(FixState.UNKNOWN),
                Objects.requireNonNullElse(uri(result), "")));
    }

    private static Said said(String message) {
        if (message == null) {
            return new Said(null, null, null, null, null);
        }
        Matcher current = MESSAGE.matcher(message.strip());
        if (current.matches()) {
            String where = current.group(5);
            String path = null;
            if (where != null) {
                int at = where.lastIndexOf(" at: ");
                path = where.startsWith("at: ") ? where.substring(4) : at >= 0 ? where.substring(at + 5) : null;
            }
            return new Said(current.group(1), current.group(2), current.group(3), current.group(4), path);
        }
        Matcher old = OLD_MESSAGE.matcher(message.strip());
        if (old.matches()) {
            return new Said(null, old.group(4), old.group(2), old.group(3), old.group(1));
        }
        return new Said(null, null, null, null, null);
    }

    private static boolean isStandIn(double score, String word) {
        if (score == 0.0) {
            return true;
        }
        Double standIn = word == null ? null : STAND_INS.get(word.strip().toLowerCase(Locale.ROOT));
        return standIn != null && standIn == score;
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
     * Grype's {@code Fix Version: 1.2.1,2.1.3}: written only when the fix state is {@code fixed};
     * empty for not fixed, won't fix and unknown alike, so none is {@link FixState#UNKNOWN}.
     */
    private static Fix fix(String fixVersion) {
        if (Texts.isBlank(fixVersion)) {
            return Fix.of(FixState.UNKNOWN);
        }
        List<String> versions = new ArrayList<>();
        for (String version : fixVersion.split(",")) {
            if (!version.isBlank()) {
                versions.add(version.strip());
            }
        }
        return new Fix(FixState.FIXED, versions);
    }

    private static String logicalPath(Result result) {
        return result.locations().stream()
                .filter(l -> l != null && l.logicalLocations() != null)
                .flatMap(l -> l.logicalLocations().stream())
                .filter(l -> l != null && !Texts.isBlank(l.name()))
                .map(LogicalLocation::name)
                .findFirst()
                .orElse(null);
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

    /** What the user gave Grype: the image part of a logical location, or the message's {@code in image …}. */
    private static Optional<String> userInput(Result result) {
        Optional<String> qualified = result.locations().stream()
                .filter(l -> l != null && l.logicalLocations() != null)
                .flatMap(l -> l.logicalLocations().stream())
                .filter(l -> l != null && l.fullyQualifiedName() != null)
                .map(l -> QUALIFIED_NAME.matcher(l.fullyQualifiedName()))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst();
        if (qualified.isPresent() || result.message() == null) {
            return qualified;
        }
        Matcher current = MESSAGE.matcher(result.message().strip());
        if (current.matches() && current.group(5) != null) {
            Matcher image = IN_IMAGE.matcher(current.group(5));
            if (image.matches()) {
                return Optional.of(image.group(1));
            }
        }
        return Optional.empty();
    }

    @Override
    public Subject subject(RunProperties properties, List<LocatedResult> results) {
        Optional<String> input = results.stream()
                .map(LocatedResult::result)
                .filter(Objects::nonNull)
                .map(GrypeDialect::userInput)
                .flatMap(Optional::stream)
                .findFirst();
        if (input.isEmpty()) {
            return new Subject(Artifact.unknown(), Image.unknown());
        }
        Image image = Image.builder()
                .ref(ImageNames.reference(input.get()).orElse(null))
                .build();
        return new Subject(new Artifact(input.get(), Artifact.Type.CONTAINER_IMAGE), image);
    }
}
