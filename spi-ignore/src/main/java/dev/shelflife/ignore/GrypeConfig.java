package dev.shelflife.ignore;

import dev.shelflife.EvidenceKind;
import dev.shelflife.FixState;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.ignore.YamlTree.Entry;
import dev.shelflife.ignore.YamlTree.Mapping;
import dev.shelflife.ignore.YamlTree.Node;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code ignore:} rules of a Grype configuration ({@code .grype.yaml}). A Grype
 * configuration is a whole configuration: its other keys are Grype's settings, read by Grype and
 * not here. Those that change which matches Grype leaves out ({@code only-fixed},
 * {@code ignore-states}, {@code exclude}, the VEX settings) are recorded as problems, since a
 * finding they hide is not hidden here; the others ({@code output}, {@code db} …) are skipped
 * silently; a key Grype does not know is recorded as a problem. A document with no key Grype
 * knows is not a Grype configuration.
 *
 * <p>Each rule of {@code ignore:} is one entry. A rule's conditions map to an {@link IgnoreRule}:
 * {@code vulnerability}, {@code fix-state}, {@code vex-status}, {@code package.name} (a regular
 * expression the whole name must match, as Grype matches it), {@code package.version},
 * {@code package.type} (Grype's package type, written as the package URL type it stands for:
 * {@code java-archive} as {@code maven}), {@code package.language} (as the package URL type of
 * its language, where it has one) and {@code package.location} (a path pattern); {@code reason}
 * is the reason. A rule with a condition ShelfLife cannot check on a finding ({@code namespace},
 * {@code package.upstream-name}, {@code vex-justification}, {@code match-type}, a language of
 * several package types) is skipped as a problem rather than imported without it: it would leave
 * out more than Grype does. {@code include-aliases} changes nothing: ShelfLife always matches a
 * vulnerability by its id and its aliases.
 *
 * <p>Rules under {@code profiles:} apply in Grype only when the profile is selected; none is
 * here, so each of their rules is recorded as a problem, not counted as an entry.
 */
final class GrypeConfig {

    static final String FORMAT = "grype-config";

    /** Grype's settings that do not change which matches it leaves out: read by Grype, not here. */
    private static final Set<String> SETTINGS = Set.of(
            "output",
            "file",
            "distro",
            "add-cpes-if-none",
            "output-template-file",
            "check-for-app-update",
            "platform",
            "search",
            "db",
            "external-sources",
            "match",
            "fail-on-severity",
            "registry",
            "show-suppressed",
            "by-cve",
            "name",
            "default-image-pull-source",
            "match-upstream-kernel-headers",
            "log",
            "dev",
            "pretty",
            "quiet",
            "verbosity",
            "alerts",
            "timestamp",
            "sort-by",
            "fix-channel",
            "experimental",
            "config",
            "scope",
            "template");
    /** Grype's settings that change which matches it leaves out, with what they do. */
    private static final Map<String, String> FILTERS = Map.of(
            "only-fixed", "leaves out matches without a fix; a policy's fix-states decide which count",
            "only-notfixed", "leaves out matches with a fix",
            "ignore-wontfix", "leaves out matches in the fix states it lists",
            "ignore-states", "leaves out matches in the fix states it lists",
            "exclude", "leaves paths out of the scan",
            "vex-documents", "reads VEX documents: give them to ShelfLife as reports of their own",
            "vex-add", "leaves out matches that VEX documents give these statuses",
            "vex-autodiscover", "looks for VEX documents of its own");

    private static final Set<String> RULE_KEYS = Set.of(
            "vulnerability",
            "reason",
            "namespace",
            "fix-state",
            "package",
            "vex-status",
            "vex-justification",
            "match-type",
            "include-aliases");
    private static final Set<String> PACKAGE_KEYS =
            Set.of("name", "version", "language", "type", "location", "upstream-name");
    private static final Map<String, FixState> FIX_STATES = Map.of(
            "fixed", FixState.FIXED,
            "not-fixed", FixState.NOT_FIXED,
            "wont-fix", FixState.WONT_FIX,
            "unknown", FixState.UNKNOWN);
    private static final Set<String> VEX_STATUSES = Set.of("not_affected", "affected", "fixed", "under_investigation");
    /** Grype's (Syft's) package types and the package URL types they stand for, where they differ or are known. */
    private static final Map<String, String> PURL_TYPES = Map.ofEntries(
            Map.entry("apk", "apk"),
            Map.entry("deb", "deb"),
            Map.entry("rpm", "rpm"),
            Map.entry("alpm", "alpm"),
            Map.entry("portage", "ebuild"),
            Map.entry("npm", "npm"),
            Map.entry("python", "pypi"),
            Map.entry("java-archive", "maven"),
            Map.entry("jenkins-plugin", "maven"),
            Map.entry("go-module", "golang"),
            Map.entry("gem", "gem"),
            Map.entry("rust-crate", "cargo"),
            Map.entry("dotnet", "nuget"),
            Map.entry("php-composer", "composer"),
            Map.entry("php-pecl", "pecl"),
            Map.entry("hex", "hex"),
            Map.entry("conan", "conan"),
            Map.entry("dart-pub", "pub"),
            Map.entry("cocoapods", "cocoapods"),
            Map.entry("swift", "swift"),
            Map.entry("hackage", "hackage"),
            Map.entry("conda", "conda"),
            Map.entry("lua-rocks", "luarocks"),
            Map.entry("r-package", "cran"),
            Map.entry("opam", "opam"),
            Map.entry("github-action", "github"),
            Map.entry("github-action-workflow", "github"));
    /** Languages whose packages have one package URL type. */
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("python", "pypi"),
            Map.entry("javascript", "npm"),
            Map.entry("java", "maven"),
            Map.entry("go", "golang"),
            Map.entry("ruby", "gem"),
            Map.entry("rust", "cargo"),
            Map.entry("dotnet", "nuget"),
            Map.entry("php", "composer"),
            Map.entry("dart", "pub"),
            Map.entry("haskell", "hackage"),
            Map.entry("r", "cran"),
            Map.entry("lua", "luarocks"),
            Map.entry("ocaml", "opam"),
            Map.entry("elixir", "hex"),
            Map.entry("c++", "conan"));

    private GrypeConfig() {}

    static ScanReport read(ReportSource source) {
        IgnoreText text = IgnoreText.read(source, "YAML");
        ReadLimits limits = source.limits();
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.ASSESSMENT,
                ReportFormat.of(GrypeIgnoreAdapter.ID, FORMAT, null),
                GrypeIgnoreAdapter.SCANNER);
        Optional<Node> root = YamlTree.read(text, limits);
        if (root.isEmpty()) {
            return report.build();
        }
        if (!(root.get() instanceof Mapping top)) {
            throw new UnsupportedReportException(
                    root.get().location(),
                    "not a Grype configuration: the document is " + root.get().describe() + ", not a mapping");
        }
        Optional<String> foreign = IgnoreFiles.foreignKey(top, "");
        if (foreign.isPresent()) {
            throw new UnsupportedReportException(top.location(), "not a Grype configuration: it has " + foreign.get());
        }
        if (!top.entries().isEmpty() && top.entries().keySet().stream().noneMatch(GrypeConfig::isGrypeKey)) {
            throw new UnsupportedReportException(
                    top.location(),
                    "not a Grype configuration: none of its keys is one Grype reads (keys: "
                            + String.join(", ", top.entries().keySet()) + ")");
        }
        if (!top.entries().containsKey("ignore")) {
            Optional<String> unknown =
                    top.entries().keySet().stream().filter(k -> !isGrypeKey(k)).findFirst();
            if (unknown.isPresent()) {
                throw new UnsupportedReportException(
                        top.location(),
                        "not a Grype configuration: it has no ignore rules, and \"" + unknown.get()
                                + "\" is not a key Grype reads");
            }
        }
        String ruleName = IgnoreFiles.fileName(source.name());
        int entries = 0;
        for (Entry key : top.entries().values()) {
            switch (key.key()) {
                case "ignore" -> {
                    for (Node item : YamlValues.items(key.value(), "ignore")) {
                        entries = YamlValues.countEntry(entries, limits, item.location());
                        rule(report, YamlValues.mapping(item, "a rule of ignore"), ruleName);
                    }
                }
                case "profiles" -> profiles(report, key);
                default -> setting(report, key);
            }
        }
        return report.build();
    }

    static boolean isGrypeKey(String key) {
        return key.equals("ignore") || key.equals("profiles") || SETTINGS.contains(key) || FILTERS.containsKey(key);
    }

    /** Whether the document is plainly a Grype configuration with ignore rules: for detection by content. */
    static boolean hasIgnoreRules(Mapping top) {
        if (!top.entries().containsKey("ignore")
                || !top.entries().keySet().stream().allMatch(GrypeConfig::isGrypeKey)
                || !(top.entries().get("ignore").value() instanceof YamlTree.Sequence rules)) {
            return false;
        }
        return !rules.items().isEmpty()
                && rules.items().stream()
                        .allMatch(r -> r instanceof Mapping m
                                && !m.entries().isEmpty()
                                && RULE_KEYS.containsAll(m.entries().keySet()));
    }

    private static void setting(ScanReport.Builder report, Entry key) {
        String filter = FILTERS.get(key.key());
        if (filter != null) {
            if (changesNothing(key.value())) {
                return;
            }
            report.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "\"" + key.key() + "\" is not imported: in Grype it " + filter
                            + "; ShelfLife imports the rules of ignore: only, so findings it would hide are judged",
                    key.keyLocation()));
        } else if (!SETTINGS.contains(key.key())) {
            report.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "\"" + key.key() + "\" is not a key Grype reads"
                            + (key.key().equalsIgnoreCase("ignore")
                                    ? ": its rules, spelled \"ignore\", are Grype's"
                                    : "")
                            + "; it is not read",
                    key.keyLocation()));
        }
    }

    /** A filter setting left at its default: false, nothing, or an empty list. */
    private static boolean changesNothing(Node value) {
        if (value instanceof YamlTree.Scalar scalar) {
            return scalar.isNull()
                    || scalar.text().isBlank()
                    || scalar.plain() && scalar.text().equalsIgnoreCase("false");
        }
        return value instanceof YamlTree.Sequence sequence && sequence.items().isEmpty()
                || value instanceof Mapping mapping && mapping.entries().isEmpty();
    }

    private static void profiles(ScanReport.Builder report, Entry key) {
        if (key.value() instanceof YamlTree.Scalar scalar && scalar.isNull()) {
            return;
        }
        Mapping profiles = YamlValues.mapping(key.value(), "profiles");
        for (Entry profile : profiles.entries().values()) {
            if (profile.value() instanceof YamlTree.Scalar scalar && scalar.isNull()) {
                continue;
            }
            Mapping settings = YamlValues.mapping(profile.value(), "profile " + profile.key());
            Optional<Node> rules = settings.get("ignore");
            if (rules.isEmpty()) {
                continue;
            }
            for (Node rule : YamlValues.items(rules.get(), "ignore of profile " + profile.key())) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "a rule of profile \"" + profile.key() + "\" is not imported: Grype applies it only when"
                                + " the profile is selected (--profile " + profile.key() + "), and none is here",
                        rule.location()));
            }
        }
    }

    private static void rule(ScanReport.Builder report, Mapping rule, String ruleName) {
        ReportLocation at = rule.location();
        IgnoreRule.Builder built = IgnoreRule.builder(ruleName + ":" + at.line(), at);
        List<String> unchecked = new ArrayList<>();
        for (Entry key : rule.entries().values()) {
            if (!RULE_KEYS.contains(key.key())) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "\"" + key.key() + "\" is not a key of a Grype ignore rule; it is not read",
                        key.keyLocation()));
            }
        }
        Optional<String> vulnerability = text(rule, "vulnerability");
        vulnerability.ifPresent(built::vulnerability);
        text(rule, "reason").ifPresent(built::reason);
        rule.get("include-aliases").ifPresent(n -> YamlValues.bool(n, "include-aliases"));
        String name = vulnerability.orElse("a rule");
        Optional<String> fixState = text(rule, "fix-state");
        if (fixState.isPresent()) {
            FixState state = FIX_STATES.get(fixState.get());
            if (state == null) {
                report.skipped(
                        "fix-state \"" + fixState.get() + "\" of " + name + " is none of Grype's (fixed, not-fixed,"
                                + " wont-fix, unknown): Grype applies the rule to nothing, so it is skipped",
                        rule.get("fix-state").orElseThrow().location());
                return;
            }
            built.fixState(state);
        }
        Optional<String> vexStatus = text(rule, "vex-status");
        if (vexStatus.isPresent()) {
            if (!VEX_STATUSES.contains(vexStatus.get())) {
                report.skipped(
                        "vex-status \"" + vexStatus.get() + "\" of " + name + " is none of OpenVEX's (not_affected,"
                                + " affected, fixed, under_investigation), so the rule is skipped",
                        rule.get("vex-status").orElseThrow().location());
                return;
            }
            built.vexStatus(vexStatus.get());
        }
        text(rule, "namespace").ifPresent(v -> unchecked.add("namespace"));
        text(rule, "vex-justification").ifPresent(v -> unchecked.add("vex-justification"));
        text(rule, "match-type").ifPresent(v -> unchecked.add("match-type"));
        Optional<Node> pkg = rule.get("package");
        if (pkg.isPresent() && !(pkg.get() instanceof YamlTree.Scalar scalar && scalar.isNull())) {
            Mapping fields = YamlValues.mapping(pkg.get(), "package");
            for (Entry key : fields.entries().values()) {
                if (!PACKAGE_KEYS.contains(key.key())) {
                    report.problem(new Problem(
                            Problem.Kind.IGNORED_VALUE,
                            "\"" + key.key() + "\" is not a key of a Grype rule's package; it is not read",
                            key.keyLocation()));
                }
            }
            Optional<String> packageName = text(fields, "name");
            if (packageName.isPresent()) {
                try {
                    Pattern.compile(packageName.get());
                } catch (PatternSyntaxException e) {
                    report.skipped(
                            "package.name \"" + packageName.get() + "\" of " + name + " is not a regular expression ("
                                    + e.getDescription() + "): Grype applies the rule to nothing, so it is skipped",
                            fields.get("name").orElseThrow().location());
                    return;
                }
                built.packageName(packageName.get());
            }
            text(fields, "version").ifPresent(built::packageVersion);
            Optional<String> type = text(fields, "type").map(t -> PURL_TYPES.getOrDefault(t, t));
            Optional<String> language = text(fields, "language");
            if (language.isPresent()) {
                String purlType = LANGUAGES.get(language.get().toLowerCase(Locale.ROOT));
                if (purlType == null) {
                    unchecked.add("package.language " + language.get());
                } else if (type.isPresent() && !type.get().equals(purlType)) {
                    report.skipped(
                            "package.type and package.language of " + name + " name different kinds of package:"
                                    + " no package is both, so the rule is skipped",
                            fields.location());
                    return;
                } else {
                    type = Optional.of(purlType);
                }
            }
            type.ifPresent(built::packageType);
            text(fields, "location").ifPresent(built::path);
            text(fields, "upstream-name").ifPresent(v -> unchecked.add("package.upstream-name"));
        }
        if (!unchecked.isEmpty()) {
            report.skipped(
                    name + " sets " + String.join(", ", unchecked) + ", which ShelfLife cannot check on a finding:"
                            + " imported without it, the rule would leave out more than Grype does, so it is skipped",
                    at);
            return;
        }
        IgnoreRule result;
        try {
            result = built.build();
        } catch (IllegalArgumentException badPattern) {
            report.skipped(
                    "package.location of " + name + " is not a valid pattern: " + badPattern.getMessage()
                            + "; Grype applies the rule to nothing, so it is skipped",
                    at);
            return;
        }
        if (!result.hasConditions()) {
            report.skipped("a rule that sets no condition: Grype applies it to nothing, so it is skipped", at);
            return;
        }
        report.ignoreRule(result);
    }

    private static Optional<String> text(Mapping mapping, String key) {
        return mapping.get(key).flatMap(n -> YamlValues.text(n, key));
    }
}
