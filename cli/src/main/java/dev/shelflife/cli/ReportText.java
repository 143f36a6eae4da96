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

    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparingInt(
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
        // A report may hold a million findings: the table is written row by row from the sorted
        // findings, the cells computed twice (once for the widths, once to write them) rather
        // than kept, so it needs no list of rows beside the findings.
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(MOST_SEVERE_FIRST);
        List<String> header = List.of("SEVERITY", "VULNERABILITY", "PACKAGE", "INSTALLED", "FIX", "TARGET");
        String[] cells = new String[header.size()];
        int[] widths = new int[header.size()];
        widen(widths, cleaned(header, cells));
        for (Finding finding : sorted) {
            widen(widths, cleaned(finding, cells));
        }
        StringBuilder line = new StringBuilder();
        out.println(row(cleaned(header, cells), widths, line));
        for (Finding finding : sorted) {
            out.println(row(cleaned(finding, cells), widths, line));
        }
        out.println();
        int[] bySeverity = new int[Severity.values().length];
        long fixable = 0;
        for (Finding finding : findings) {
            bySeverity[finding.severity().ordinal()]++;
            if (finding.fix().isAvailable()) {
                fixable++;
            }
        }
        StringBuilder counts = new StringBuilder().append(findings.size()).append(" findings: ");
        String separator = "";
        for (Severity severity : SEVERITY_ORDER) {
            if (bySeverity[severity.ordinal()] > 0) {
                counts.append(separator)
                        .append(bySeverity[severity.ordinal()])
                        .append(' ')
                        .append(severity.name().toLowerCase(Locale.ROOT));
                separator = ", ";
            }
        }
        out.println(counts);
        out.println(fixable + " with a fixed version");
    }

    /** The cells of a finding's row, cleaned, in {@code cells}. */
    private static String[] cleaned(Finding f, String[] cells) {
        cells[0] = f.severity().name();
        cells[1] = clean(f.vulnerability().id());
        cells[2] = clean(f.pkg().name());
        cells[3] = clean(f.pkg().version().orElse("-"));
        cells[4] = clean(fix(f));
        cells[5] = clean(f.target());
        return cells;
    }

    private static String[] cleaned(List<String> row, String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            cells[c] = clean(row.get(c));
        }
        return cells;
    }

    private static void widen(int[] widths, String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            widths[c] = Math.max(widths[c], cells[c].length());
        }
    }

    /**
     * One line of a table: every cell but the last padded to its column's width and followed by
     * two spaces, trailing white space stripped.
     */
    private static String row(String[] cells, int[] widths, StringBuilder line) {
        line.setLength(0);
        int last = cells.length - 1;
        for (int c = 0; c < last; c++) {
            line.append(cells[c]);
            // As String.format("%-Ns") pads: to N chars (UTF-16 units, not code points).
            for (int pad = widths[c] - cells[c].length() + 2; pad > 0; pad--) {
                line.append(' ');
            }
        }
        line.append(cells[last]);
        int end = line.length();
        while (end > 0) {
            int c = Character.codePointBefore(line, end);
            if (!Character.isWhitespace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return line.substring(0, end);
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
        int columns = rows.get(0).size();
        String[] cells = new String[columns];
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            widen(widths, cleaned(row, cells));
        }
        StringBuilder line = new StringBuilder();
        for (List<String> row : rows) {
            out.println(row(cleaned(row, cells), widths, line));
        }
    }

    /**
     * Escapes control and format characters ({@code \u001b}, NUL, bidirectional overrides) as
     * {@code \}{@code uXXXX}, so a hostile report cannot drive the terminal.
     */
    static String clean(String text) {
        // Nearly every value is clean: find the first character that is not, and return the text
        // itself when there is none. A surrogate is left to the code-point loop below, since a
        // supplementary character may be a format character (U+E0001).
        int first = 0;
        while (first < text.length()) {
            char c = text.charAt(first);
            if (Character.isSurrogate(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                break;
            }
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                cleaned.append(String.format("\\u%04x", c));
            } else {
                cleaned.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return cleaned.toString();
    }

    private static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
