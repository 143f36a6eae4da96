package dev.shelflife.cli;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a report for people: a summary, one table row per finding (most severe first), the VEX
 * statements and the problems.
 *
 * <p>Every value from the report passes through {@link #clean(String)}: a report is untrusted
 * input, and control characters in it must not reach the terminal.
 */
final class ReportText {

    /** Most severe first; {@code UNKNOWN}, which has no rank, last. */
    private static final List<Severity> SEVERITY_ORDER = List.of(
            Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE, Severity.UNKNOWN);

    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(
                    (Finding f) -> SEVERITY_ORDER.indexOf(f.severity()))
            .thenComparing(f -> f.vulnerability().id())
            .thenComparing(f -> f.pkg().name());
    private static final String UNKNOWN = "unknown";

    /** What each kind of evidence is, in words. */
    private static final Map<EvidenceKind, String> KINDS = Map.of(
            EvidenceKind.SCAN, "scan (a vulnerability scan: its findings are judged)",
            EvidenceKind.INVENTORY, "inventory (an SBOM without vulnerability analysis: never a scan)",
            EvidenceKind.ASSESSMENT, "assessment (VEX or an ignore file: its statements and rules act as waivers)");

    private final PrintStream out;

    private ReportText(PrintStream out) {
        this.out = out;
    }

    /**
     * Writes the report.
     *
     * @param report the report
     * @param out where to write
     */
    static void write(ScanReport report, PrintStream out) {
        new ReportText(out).report(report);
    }

    private void report(ScanReport report) {
        field("format", report.format() + ", read by " + report.format().adapterId());
        field("kind", KINDS.get(report.kind()));
        field("scanner", report.scanner().toString());
        Artifact artifact = report.artifact();
        field(
                "artifact",
                artifact.name().isEmpty()
                        ? UNKNOWN
                        : artifact.name() + " ("
                                + artifact.type()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', ' ') + ")");
        image(report.image());
        field("scanned at", report.scannedAt().map(Object::toString).orElse(UNKNOWN));
        field("database", report.databaseBuiltAt().map(i -> "built " + i).orElse("build time unknown"));
        ReportCounts counts = report.counts();
        field(
                "entries",
                counts.entries() + ": " + counted(counts.findings(), "finding") + ", "
                        + (counts.statements() > 0 ? counted(counts.statements(), "statement") + ", " : "")
                        + (counts.rules() > 0 ? counted(counts.rules(), "rule") + ", " : "")
                        + counted(counts.duplicates(), "duplicate") + ", " + counts.skipped() + " skipped");
        if (!report.components().isEmpty()) {
            field("components", String.valueOf(report.components().size()));
        }
        findings(report.findings());
        vexStatements(report.vexStatements());
        ignoreRules(report.ignoreRules());
        problems(report.problems());
    }

    private void ignoreRules(List<IgnoreRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RULE", "VULNERABILITY", "PACKAGE", "PATHS", "EXPIRES", "REASON"));
        for (IgnoreRule rule : rules) {
            List<String> pkg = new ArrayList<>(rule.packageUrls());
            rule.packageName()
                    .ifPresent(n ->
                            pkg.add(n + rule.packageVersion().map(v -> " " + v).orElse("")));
            rule.packageType().ifPresent(t -> pkg.add("type " + t));
            rule.fixState().ifPresent(s -> pkg.add("fix " + s.name()));
            rule.vexStatus().ifPresent(s -> pkg.add("vex " + s));
            rows.add(List.of(
                    rule.id(),
                    rule.vulnerability().orElse("(any)"),
                    pkg.isEmpty() ? "(any)" : String.join(", ", pkg),
                    rule.paths().isEmpty() ? "(any)" : String.join(", ", rule.paths()),
                    rule.expires().map(Object::toString).orElse("never"),
                    rule.reason().orElse("-")));
        }
        table(rows, out);
    }

    private void image(Image image) {
        if (image.equals(Image.unknown())) {
            return;
        }
        List<String> parts = new ArrayList<>();
        image.ref().ifPresent(ref -> parts.add(ref.toString()));
        image.manifestDigest().ifPresent(d -> parts.add("manifest " + d));
        image.configDigest().ifPresent(d -> parts.add("config " + d));
        image.createdAt().ifPresent(i -> parts.add("built " + i));
        image.os().ifPresent(parts::add);
        image.platform().ifPresent(parts::add);
        image.baseImage()
                .ifPresent(base -> parts.add(
                        "base " + base.name() + base.digest().map(d -> "@" + d).orElse("")));
        for (int i = 0; i < parts.size(); i++) {
            field(i == 0 ? "image" : "", parts.get(i));
        }
    }

    private void findings(List<Finding> findings) {
        out.println();
        if (findings.isEmpty()) {
            out.println("no findings");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SEVERITY", "VULNERABILITY", "PACKAGE", "INSTALLED", "FIX", "TARGET"));
        findings.stream()
                .sorted(MOST_SEVERE_FIRST)
                .forEach(f -> rows.add(List.of(
                        f.severity().name(),
                        f.vulnerability().id(),
                        f.pkg().name(),
                        f.pkg().version().orElse("-"),
                        fix(f),
                        f.target())));
        table(rows, out);
        out.println();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        findings.forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
        out.println(findings.size() + " findings: "
                + SEVERITY_ORDER.stream()
                        .filter(bySeverity::containsKey)
                        .map(s -> bySeverity.get(s) + " " + s.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
        long fixable = findings.stream().filter(f -> f.fix().isAvailable()).count();
        out.println(fixable + " with a fixed version");
    }

    /**
     * A finding's fix as the tables show it.
     *
     * @param finding the finding
     * @return the fix state, and the fixed versions after it: {@code FIXED 1.26.19, 2.2.2}
     */
    static String fix(Finding finding) {
        FixState state = finding.fix().state();
        List<String> versions = finding.fix().versions();
        return versions.isEmpty() ? state.name() : state.name() + " " + String.join(", ", versions);
    }

    private void vexStatements(List<VexStatement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VULNERABILITY", "STATE", "JUSTIFICATION", "PRODUCTS"));
        for (VexStatement statement : statements) {
            rows.add(List.of(
                    statement.vulnerabilityId(),
                    statement.state().name(),
                    statement.justification().orElse("-"),
                    statement.products().isEmpty()
                            ? "(all)"
                            : statement.products().stream()
                                    .map(p -> statement.subcomponentsOf(p).isEmpty()
                                            ? p
                                            : p + " [" + String.join(", ", statement.subcomponentsOf(p)) + "]")
                                    .collect(Collectors.joining(", "))));
        }
        table(rows, out);
    }

    private void problems(List<Problem> problems) {
        out.println();
        if (problems.isEmpty()) {
            out.println("no problems");
            return;
        }
        out.println(counted(problems.size(), "problem") + ":");
        for (Problem problem : problems) {
            out.println("  " + problem.kind() + " " + clean(problem.toString()));
        }
    }

    private void field(String name, String value) {
        out.println(String.format("%-11s %s", name, clean(value)));
    }

    /**
     * Writes rows as a table with columns padded to their widest cell, every cell
     * {@linkplain #clean(String) cleaned}; the first row is the header.
     *
     * @param rows the rows, each with as many cells as the first
     * @param out where to write
     */
    static void table(List<List<String>> rows, PrintStream out) {
        List<List<String>> cleaned = rows.stream()
                .map(row -> row.stream().map(ReportText::clean).toList())
                .toList();
        int columns = cleaned.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : cleaned) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : cleaned) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row.get(c) : String.format("%-" + widths[c] + "s  ", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * Escapes control and format characters ({@code \u001b}, NUL, bidirectional overrides) as
     * {@code \}{@code uXXXX}, so a hostile report cannot drive the terminal.
     */
    static String clean(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                cleaned.append(String.format("\\u%04x", c));
            } else {
                cleaned.appendCodePoint(c);
            }
        });
        return cleaned.toString();
    }

    private static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
