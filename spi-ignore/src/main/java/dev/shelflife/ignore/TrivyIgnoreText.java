package dev.shelflife.ignore;

import dev.shelflife.EvidenceKind;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a plain {@code .trivyignore}, line by line as Trivy reads it: a line that is blank or
 * starts with {@code #} (after white space) is no entry; any other line is one entry, split on
 * white space into fields, the first the id. A field {@code exp:YYYY-MM-DD} is the expiry (the
 * first such field, wherever it stands, as Trivy reads it); an expiry that is no date makes Trivy
 * drop the line, so the entry is skipped. Other fields are ignored, each recorded as a problem,
 * except those after a field that starts with {@code #}, which are a comment.
 *
 * <p>Every entry counts: an id that names a vulnerability ({@link VulnerabilityIds}) becomes a
 * rule; any other id is skipped as a problem. A line whose id holds a character no id has
 * (quotes, brackets, braces, a comma) is not a line of an ignore file: the document is refused.
 */
final class TrivyIgnoreText {

    static final String FORMAT = "trivyignore";

    private static final String EXPIRY = "exp:";

    private TrivyIgnoreText() {}

    static ScanReport read(ReportSource source) {
        IgnoreText text = IgnoreText.read(source, "text");
        ReadLimits limits = source.limits();
        String ruleName = IgnoreFiles.fileName(source.name());
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.ASSESSMENT,
                ReportFormat.of(TrivyIgnoreAdapter.ID, FORMAT, null),
                TrivyIgnoreAdapter.SCANNER);
        String[] lines = text.text().split("\n", -1);
        int entries = 0;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            long number = index + 1L;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = line.indexOf(trimmed.charAt(0));
            ReportLocation at = new ReportLocation(source.name(), number, indent + 1L, "");
            if (index == firstContent(lines) && "{[<".indexOf(trimmed.charAt(0)) >= 0) {
                throw new UnsupportedReportException(
                        at,
                        "not a .trivyignore: the text starts with \"" + trimmed.charAt(0)
                                + "\", as JSON, YAML or XML documents do, not with an id");
            }
            entries++;
            if (entries > limits.maxEntries()) {
                throw new ReportParseException(
                        at, "limit exceeded: more than " + limits.maxEntries() + " entries (ReadLimits.maxEntries)");
            }
            entry(report, line, number, ruleName, source.name(), limits);
        }
        return report.build();
    }

    private static int firstContent(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }

    private static void entry(
            ScanReport.Builder report, String line, long number, String ruleName, String source, ReadLimits limits) {
        String id = null;
        ReportLocation idAt = null;
        String expiry = null;
        ReportLocation expiryAt = null;
        boolean comment = false;
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String field = line.substring(start, i);
            ReportLocation at = new ReportLocation(source, number, start + 1L, "");
            if (field.length() > limits.maxStringLength()) {
                throw new ReportParseException(
                        at,
                        "limit exceeded: a field longer than " + limits.maxStringLength()
                                + " characters (ReadLimits.maxStringLength)");
            }
            if (id == null) {
                id = field;
                idAt = at;
                requireId(id, at);
            } else if (field.startsWith(EXPIRY)) {
                if (expiry == null) {
                    expiry = field.substring(EXPIRY.length());
                    expiryAt = at;
                } else if (!comment) {
                    report.problem(new Problem(
                            Problem.Kind.IGNORED_VALUE,
                            "a second expiry \"" + field + "\" for " + id + ": Trivy reads the first, " + EXPIRY
                                    + expiry,
                            at));
                }
            } else if (field.startsWith("#")) {
                comment = true;
            } else if (!comment) {
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "field \"" + field + "\" of " + id + " is not read: Trivy reads an id and " + EXPIRY
                                + "YYYY-MM-DD, and ignores the rest",
                        at));
            }
        }
        if (!VulnerabilityIds.isVulnerability(id)) {
            report.skipped(
                    id + " is not a vulnerability id"
                            + VulnerabilityIds.likelyKind(id)
                                    .map(k -> " (it looks like " + k + ")")
                                    .orElse("")
                            + ": ShelfLife judges vulnerabilities only, so this rule is not imported",
                    idAt);
            return;
        }
        IgnoreRule.Builder rule =
                IgnoreRule.builder(ruleName + ":" + number, idAt).vulnerability(id);
        if (expiry != null) {
            try {
                rule.expires(
                        LocalDate.parse(expiry).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                report.skipped(
                        "the expiry \"" + EXPIRY + expiry + "\" of " + id
                                + " is not a date (YYYY-MM-DD): Trivy drops the whole line, so the rule is skipped",
                        expiryAt);
                return;
            }
        }
        report.ignoreRule(rule.build());
    }

    /** Refuses a first field that no id could be: the text is another kind of document. */
    private static void requireId(String id, ReportLocation at) {
        if (id.equals("-") || id.endsWith(":")) {
            throw new UnsupportedReportException(
                    at.withPath(""),
                    "not a .trivyignore line: \"" + id + "\" is YAML; name a YAML ignore file .trivyignore.yaml");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ("{}[]<>\"'`,;=()".indexOf(c) >= 0) {
                throw new UnsupportedReportException(
                        at.withPath(""),
                        "not a .trivyignore line: \"" + id + "\" holds \"" + c
                                + "\", which no id of a vulnerability, check, secret rule or licence has");
            }
        }
    }
}
