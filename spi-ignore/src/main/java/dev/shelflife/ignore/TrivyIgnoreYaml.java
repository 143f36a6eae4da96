package dev.shelflife.ignore;

import dev.shelflife.EvidenceKind;
import dev.shelflife.IgnoreRule;
import dev.shelflife.PackageUrl;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .trivyignore.yaml}: its {@code vulnerabilities} become rules ({@code id},
 * {@code paths}, {@code purls}, {@code statement} as the reason, {@code expired_at} as the
 * expiry); the entries of {@code misconfigurations}, {@code secrets} and {@code licenses} are
 * skipped as problems, since ShelfLife judges vulnerabilities only. Every entry of the four lists
 * counts. Keys Trivy does not read are recorded as problems; a document without any of the four
 * lists that has keys is not a {@code .trivyignore.yaml}.
 */
final class TrivyIgnoreYaml {

    static final String FORMAT = "trivyignore-yaml";

    static final String VULNERABILITIES = "vulnerabilities";
    /** The lists of entries, with what their entries are, in the file's order of sections. */
    static final Map<String, String> SECTIONS = Map.of(
            VULNERABILITIES,
            "vulnerability",
            "misconfigurations",
            "misconfiguration",
            "secrets",
            "secret",
            "licenses",
            "licence");
    /** The keys Trivy reads in an entry. */
    static final Set<String> ENTRY_KEYS = Set.of("id", "paths", "purls", "statement", "expired_at");

    private TrivyIgnoreYaml() {}

    static ScanReport read(ReportSource source) {
        IgnoreText text = IgnoreText.read(source, "YAML");
        ReadLimits limits = source.limits();
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.ASSESSMENT,
                ReportFormat.of(TrivyIgnoreAdapter.ID, FORMAT, null),
                TrivyIgnoreAdapter.SCANNER);
        Optional<Node> root = YamlTree.read(text, limits);
        if (root.isEmpty()) {
            return report.build();
        }
        if (!(root.get() instanceof Mapping top)) {
            throw new UnsupportedReportException(
                    root.get().location(),
                    "not a .trivyignore.yaml: the document is " + root.get().describe()
                            + ", not a mapping of vulnerabilities, misconfigurations, secrets and licenses");
        }
        Optional<String> foreign = IgnoreFiles.foreignKey(top, TrivyIgnoreAdapter.OWN_KEYS);
        if (foreign.isPresent()) {
            throw new UnsupportedReportException(top.location(), "not a .trivyignore.yaml: it has " + foreign.get());
        }
        boolean anySection = top.entries().keySet().stream().anyMatch(SECTIONS::containsKey);
        if (!anySection && !top.entries().isEmpty()) {
            throw new UnsupportedReportException(
                    top.location(),
                    "not a .trivyignore.yaml: it has none of the keys vulnerabilities, misconfigurations, secrets and"
                            + " licenses (keys: "
                            + String.join(", ", top.entries().keySet()) + ")");
        }
        String ruleName = IgnoreFiles.fileName(source.name());
        int entries = 0;
        for (Entry section : top.entries().values()) {
            String kind = SECTIONS.get(section.key());
            if (kind == null) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "\"" + section.key() + "\" is not read: Trivy reads vulnerabilities, misconfigurations,"
                                + " secrets and licenses"
                                + (SECTIONS.containsKey(section.key().toLowerCase(Locale.ROOT))
                                        ? " (spelled in lower case), so the entries under it are ignored by Trivy too"
                                        : ""),
                        section.keyLocation()));
                continue;
            }
            for (Node item : YamlValues.items(section.value(), section.key())) {
                entries = YamlValues.countEntry(entries, limits, item.location());
                Mapping entry = YamlValues.mapping(item, "an entry of " + section.key());
                if (!section.key().equals(VULNERABILITIES)) {
                    report.skipped(
                            "a " + kind + " entry"
                                    + YamlValues.text(entry.get("id").orElse(blank(entry)), "id")
                                            .map(id -> " (" + id + ")")
                                            .orElse("")
                                    + ": ShelfLife judges vulnerabilities only, so it is not imported",
                            entry.location());
                    continue;
                }
                vulnerability(report, entry, ruleName);
            }
        }
        return report.build();
    }

    private static Node blank(Mapping entry) {
        return new YamlTree.Scalar(entry.location(), "", true);
    }

    private static void vulnerability(ScanReport.Builder report, Mapping entry, String ruleName) {
        for (Entry key : entry.entries().values()) {
            if (!ENTRY_KEYS.contains(key.key())) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "\"" + key.key() + "\" is not read: Trivy reads id, paths, purls, statement and expired_at",
                        key.keyLocation()));
            }
        }
        ReportLocation at = entry.location();
        IgnoreRule.Builder rule = IgnoreRule.builder(ruleName + ":" + at.line(), at);
        Optional<String> id = entry.get("id").flatMap(n -> YamlValues.text(n, "id"));
        id.ifPresent(rule::vulnerability);
        List<String> paths =
                entry.get("paths").map(n -> YamlValues.texts(n, "paths")).orElse(List.of());
        List<String> purls =
                entry.get("purls").map(n -> YamlValues.texts(n, "purls")).orElse(List.of());
        entry.get("statement").flatMap(n -> YamlValues.text(n, "statement")).ifPresent(rule::reason);
        entry.get("expired_at")
                .flatMap(n -> YamlValues.instant(n, "expired_at"))
                .ifPresent(rule::expires);
        for (String purl : purls) {
            if (!PackageUrl.isPackageUrl(purl)) {
                report.skipped(
                        "purl \"" + purl + "\" of " + id.orElse("an entry")
                                + " is not a package URL (pkg:TYPE/NAME): Trivy refuses the file; the rule is skipped",
                        entry.get("purls").orElseThrow().location());
                return;
            }
            rule.packageUrl(purl);
        }
        for (String path : paths) {
            rule.path(path);
        }
        IgnoreRule built;
        try {
            built = rule.build();
        } catch (IllegalArgumentException badPattern) {
            report.skipped(
                    "a path of " + id.orElse("an entry") + " is not a valid pattern: " + badPattern.getMessage()
                            + "; Trivy refuses the file, and the rule is skipped",
                    entry.get("paths").orElseThrow().location());
            return;
        }
        if (!built.hasConditions()) {
            report.skipped("an entry without id, paths or purls: it names nothing to ignore, so it is skipped", at);
            return;
        }
        report.ignoreRule(built);
    }
}
