package dev.shelflife.spdx;

import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spdx.SpdxDocument.SpdxPackage;
import dev.shelflife.spdx.SpdxDocument.Syntax;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads SPDX 2.x documents in the tag-value syntax: one {@code Tag: value} per line, a value that
 * spans lines between {@code <text>} and {@code </text>}, {@code #} comments and blank lines
 * between. The first tag is {@code SPDXVersion}; {@code PackageName} starts a package, and
 * {@code FileName}, {@code SnippetSPDXID} and {@code LicenseID} start the sections that follow the
 * packages. Read strictly, line by line ({@link Lines}): a line that is none of these is refused
 * at its line, an unclosed {@code <text>} is a truncated document, and a known tag spelled in
 * another case is reported. Tags the inventory does not need are skipped, as the specification
 * adds tags in every version.
 */
final class TagValueReader {

    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final String TEXT = "<text>";
    private static final String END_TEXT = "</text>";

    /** The tags read; a tag spelled like one of these in another case is reported, not skipped. */
    private static final Set<String> TAGS = Set.of(
            "SPDXVersion",
            "SPDXID",
            "DocumentName",
            "Creator",
            "Created",
            "PackageName",
            "PackageVersion",
            "ExternalRef",
            "PrimaryPackagePurpose",
            "PackageAttributionText",
            "FileName",
            "SnippetSPDXID",
            "LicenseID",
            "Relationship");

    private final Lines lines;
    private final int maxEntries;
    private final int maxStringLength;
    private final SpdxDocument document;
    private String documentId = "SPDXRef-DOCUMENT";
    private PackageBuilder pkg;
    private int packages;
    /** Where the reader is: in the document's own section, a package, or a later section. */
    private boolean inPackage;

    private boolean afterPackages;

    private TagValueReader(Lines lines, int maxEntries, int maxStringLength, SpdxDocument document) {
        this.lines = lines;
        this.maxEntries = maxEntries;
        this.maxStringLength = maxStringLength;
        this.document = document;
    }

    /**
     * Reads a whole tag-value document.
     *
     * @param source the input
     * @return the inventory
     */
    static ScanReport read(ReportSource source) {
        try (InputStream in = open(source)) {
            Lines lines = new Lines(source.name(), in, source.limits());
            SpdxDocument document = new SpdxDocument(Syntax.TAG_VALUE, new ReportLocation(source.name(), 1, 1, ""));
            TagValueReader reader = new TagValueReader(
                    lines, source.limits().maxEntries(), source.limits().maxStringLength(), document);
            reader.readAll();
            return InventoryMapper.report(document);
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(ReportSource source) {
        try {
            return source.open();
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    private void readAll() {
        boolean versioned = false;
        String line;
        while ((line = lines.next()) != null) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String tag = colon > 0 ? line.substring(0, colon).strip() : "";
            if (!versioned) {
                if (!tag.equals("SPDXVersion")) {
                    throw new UnsupportedReportException(
                            lines.at(1, ""),
                            "not an SPDX tag-value document: its first tag is SPDXVersion, found \""
                                    + abbreviate(stripped) + "\"");
                }
                versioned = true;
            }
            if (colon <= 0 || !TAG.matcher(tag).matches()) {
                throw new ReportParseException(
                        lines.at(1, ""),
                        "malformed tag-value: expected \"Tag: value\", found \"" + abbreviate(stripped) + "\"");
            }
            long lineNumber = lines.number();
            String value = value(line.substring(colon + 1), tag);
            tag(tag, value, new ReportLocation(lines.at(1, "").source(), lineNumber, 1, path(tag)));
        }
        if (!versioned) {
            throw new ReportParseException(
                    lines.at(0, ""), "empty document: expected SPDX tag-value lines, the first SPDXVersion");
        }
        endPackage();
    }

    /** A value, and the lines that follow it when it opens a {@code <text>} it does not close. */
    private String value(String written, String tag) {
        String value = written.strip();
        if (!value.startsWith(TEXT)) {
            return value;
        }
        long opened = lines.number();
        StringBuilder text = new StringBuilder(value.substring(TEXT.length()));
        while (true) {
            int close = text.indexOf(END_TEXT);
            if (close >= 0) {
                String after = text.substring(close + END_TEXT.length());
                if (!after.isBlank()) {
                    throw new ReportParseException(
                            lines.at(0, path(tag)),
                            "malformed tag-value: \"" + abbreviate(after.strip()) + "\" after </text>");
                }
                return text.substring(0, close);
            }
            String next = lines.next();
            if (next == null) {
                throw new ReportParseException(
                        lines.at(0, path(tag)),
                        "truncated document: the <text> of " + tag + " opened at line " + opened + " is not closed");
            }
            text.append('\n').append(next);
            if (text.length() > maxStringLength + END_TEXT.length()) {
                throw new ReportParseException(
                        lines.at(0, path(tag)),
                        "limit exceeded: the <text> of " + tag + " opened at line " + opened + " is longer than "
                                + maxStringLength + " characters (ReadLimits.maxStringLength)");
            }
        }
    }

    private void tag(String tag, String value, ReportLocation at) {
        switch (tag) {
            case "SPDXVersion" -> {
                if (document.version() != null) {
                    return;
                }
                if (!JsonSpdxReader.VERSIONS_2.contains(value)) {
                    throw new UnsupportedReportException(
                            at,
                            "SPDX version \"" + value + "\" is not read (SPDX-2.2 and SPDX-2.3 in JSON and tag-value,"
                                    + " and SPDX 3.0 JSON-LD are)");
                }
                document.version(value.substring("SPDX-".length()));
            }
            case "SPDXID" -> {
                if (inPackage) {
                    pkg.ref = value;
                } else if (!afterPackages) {
                    documentId = value;
                }
            }
            case "DocumentName" -> document.name(value);
            case "Creator" -> InventoryMapper.tool(value).ifPresent(document::tool);
            case "Created" -> document.created(value, at);
            case "PackageName" -> {
                endPackage();
                if (++packages > maxEntries) {
                    throw new ReportParseException(
                            at, "limit exceeded: more than " + maxEntries + " packages (ReadLimits.maxEntries)");
                }
                pkg = new PackageBuilder(value, at.withPath("/packages/" + (packages - 1)));
                inPackage = true;
            }
            case "PackageVersion" -> {
                if (inPackage) {
                    pkg.version = value;
                }
            }
            case "ExternalRef" -> {
                if (inPackage) {
                    String[] parts = value.split("\\s+");
                    if (parts.length != 3) {
                        throw new ReportParseException(
                                at,
                                "malformed ExternalRef: expected \"CATEGORY TYPE LOCATOR\", found \""
                                        + abbreviate(value) + "\"");
                    }
                    if (JsonSpdxReader.isPurl(parts[0], parts[1])) {
                        pkg.purls.add(parts[2]);
                    }
                }
            }
            case "PrimaryPackagePurpose" -> {
                if (inPackage) {
                    pkg.purpose = InventoryMapper.purpose(value);
                }
            }
            case "PackageAttributionText" -> {
                if (inPackage) {
                    pkg.notes.add(value);
                }
            }
            case "FileName", "SnippetSPDXID", "LicenseID" -> {
                endPackage();
                afterPackages = true;
            }
            case "Relationship" -> relationship(value, at);
            default -> {
                Optional<String> meant = JsonCursor.caseVariant(tag, TAGS);
                meant.ifPresent(known -> document.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "\"" + tag + "\" is not \"" + known
                                + "\", the tag this format has here: its value was not read",
                        at)));
            }
        }
    }

    private void relationship(String value, ReportLocation at) {
        String[] parts = value.split("\\s+");
        if (parts.length != 3) {
            throw new ReportParseException(
                    at,
                    "malformed Relationship: expected \"ELEMENT TYPE ELEMENT\", found \"" + abbreviate(value) + "\"");
        }
        if (parts[1].equals("DESCRIBES") && parts[0].equals(documentId)) {
            document.describes(parts[2]);
        } else if (parts[1].equals("DESCRIBED_BY") && parts[2].equals(documentId)) {
            document.describes(parts[0]);
        }
    }

    private void endPackage() {
        if (pkg != null) {
            document.add(pkg.build());
            pkg = null;
        }
        inPackage = false;
    }

    private String path(String tag) {
        return inPackage && !tag.equals("PackageName") ? "/packages/" + (packages - 1) + "/" + tag : "/" + tag;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** A package as its lines are read. */
    private static final class PackageBuilder {
        private final String name;
        private final ReportLocation at;
        private String ref;
        private String version;
        private String purpose;
        private final List<String> purls = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        PackageBuilder(String name, ReportLocation at) {
            this.name = name;
            this.at = at;
        }

        SpdxPackage build() {
            return new SpdxPackage(ref, name, version, purls, purpose, SpdxDocument.attributes(notes), at);
        }
    }
}
