package dev.shelflife.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A small report in an adapter's format, with three marked places where {@link BadInputMatrix}
 * puts its probes. Write it by hand, like the reports of the adapter's unit tests.
 *
 * <ul>
 *   <li>{@value #TOP} stands where a field (an element, in XML) may be added to an object the
 *       adapter walks, such as the document's top-level object: just after its <code>{</code>,
 *       or after its start tag;</li>
 *   <li>{@value #ENTRY} stands where a field may be added to the first vulnerability entry;</li>
 *   <li>{@value #TEXT} stands inside a string the adapter carries into the report, such as the
 *       first entry's package name, so that {@link dev.shelflife.ScanReport#toString()} shows it.</li>
 * </ul>
 *
 * <pre>{@code
 * {"SchemaVersion": 2, $TOP$"Results": [{"Target": "alpine", "Vulnerabilities": [
 *   {$ENTRY$"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl$TEXT$"},
 *   {"VulnerabilityID": "CVE-2024-0002", "PkgName": "busybox"}]}]}
 * }</pre>
 *
 * The report must hold at least two raw entries, and no string longer than
 * {@value #MAX_PLAIN_STRING} characters.
 *
 * @param name the template's name, used as the source name in messages
 * @param syntax how the report is written
 * @param text the report, each marker exactly once
 * @param entries the raw vulnerability entries in it
 * @param topPath the JSON pointer (XML path) of the value that holds {@value #TOP}: {@code ""} for the top-level object, {@code /bom} for a CycloneDX root element
 * @param entryPath the JSON pointer (XML path) of the entry that holds {@value #ENTRY}
 * @param textPath the JSON pointer (XML path) of the string that holds {@value #TEXT}
 * @since 0.1
 */
public record MatrixTemplate(
        String name, Syntax syntax, String text, int entries, String topPath, String entryPath, String textPath) {

    /** Marks where a field of an object the adapter walks may be added. */
    public static final String TOP = "$TOP$";
    /** Marks where a field of the first vulnerability entry may be added. */
    public static final String ENTRY = "$ENTRY$";
    /** Marks a place inside a string that the report carries. */
    public static final String TEXT = "$TEXT$";
    /** The longest string a template may hold, so that a limit just above it reads the plain report. */
    public static final int MAX_PLAIN_STRING = 1000;

    /**
     * How a report is written, and so how a probe is spelled.
     *
     * @since 0.1
     */
    public enum Syntax {
        /** JSON: a probe field is {@code "name": value,}. */
        JSON,
        /** XML: a probe field is {@code <name>value</name>}. */
        XML,
        /**
         * YAML: a probe field is {@code "name": value,} as in JSON, so the template puts
         * {@value #TOP} and {@value #ENTRY} inside flow mappings (<code>{…}</code>).
         *
         * @since 0.2
         */
        YAML,
        /**
         * A text format of lines, such as a {@code .trivyignore}: a probe field is
         * {@code  name:value}, a field of the line it is put on. Nothing nests.
         *
         * @since 0.2
         */
        TEXT;

        /**
         * A field, spelled to stand at {@link #TOP} or {@link #ENTRY}.
         *
         * @param fieldName the name
         * @param value the value as written: JSON text, or XML content
         * @return the field
         */
        public String field(String fieldName, String value) {
            return switch (this) {
                case JSON, YAML -> "\"" + fieldName + "\": " + value + ", ";
                case XML -> "<" + fieldName + ">" + value + "</" + fieldName + ">";
                case TEXT -> " " + fieldName + ":" + value;
            };
        }

        /**
         * A value nested {@code depth} levels deep: arrays in JSON, elements in XML.
         *
         * @param depth the nesting
         * @return the value
         */
        public String nested(int depth) {
            return this == XML ? "<d>".repeat(depth) + "</d>".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);
        }

        /**
         * The path of a child value, as adapters report it.
         *
         * @param parent the parent's path
         * @param childName the child's name
         * @return {@code parent/name} in JSON, {@code parent/name[1]} in XML
         */
        public String child(String parent, String childName) {
            return this == XML ? parent + "/" + childName + "[1]" : parent + "/" + childName;
        }
    }

    /** Validates the parts: every marker once, at least two entries. */
    public MatrixTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(topPath, "topPath");
        Objects.requireNonNull(entryPath, "entryPath");
        Objects.requireNonNull(textPath, "textPath");
        for (String marker : new String[] {TOP, ENTRY, TEXT}) {
            int at = text.indexOf(marker);
            if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
                throw new IllegalArgumentException(name + ": the template must hold " + marker + " exactly once");
            }
        }
        if (entries < 2) {
            throw new IllegalArgumentException(
                    name + ": the template must hold at least two entries, so that one more than the entry limit fits");
        }
    }

    /**
     * A JSON template.
     *
     * @param name the name
     * @param text the report with its markers
     * @param entries its raw entries
     * @param topPath the JSON pointer of the object that holds {@value #TOP}
     * @param entryPath the JSON pointer of the entry that holds {@value #ENTRY}
     * @param textPath the JSON pointer of the string that holds {@value #TEXT}
     * @return the template
     */
    public static MatrixTemplate json(
            String name, String text, int entries, String topPath, String entryPath, String textPath) {
        return new MatrixTemplate(name, Syntax.JSON, text, entries, topPath, entryPath, textPath);
    }

    /**
     * An XML template.
     *
     * @param name the name
     * @param text the report with its markers
     * @param entries its raw entries
     * @param topPath the path of the element that holds {@value #TOP}
     * @param entryPath the path of the entry element that holds {@value #ENTRY}
     * @param textPath the path of the element whose text holds {@value #TEXT}
     * @return the template
     */
    public static MatrixTemplate xml(
            String name, String text, int entries, String topPath, String entryPath, String textPath) {
        return new MatrixTemplate(name, Syntax.XML, text, entries, topPath, entryPath, textPath);
    }

    /**
     * A YAML template; put {@value #TOP} and {@value #ENTRY} inside flow mappings.
     *
     * @param name the name
     * @param text the report with its markers
     * @param entries its raw entries
     * @param topPath the JSON pointer of the mapping that holds {@value #TOP}
     * @param entryPath the JSON pointer of the entry that holds {@value #ENTRY}
     * @param textPath the JSON pointer of the text that holds {@value #TEXT}
     * @return the template
     * @since 0.2
     */
    public static MatrixTemplate yaml(
            String name, String text, int entries, String topPath, String entryPath, String textPath) {
        return new MatrixTemplate(name, Syntax.YAML, text, entries, topPath, entryPath, textPath);
    }

    /**
     * A template of a text format of lines; {@value #TOP} and {@value #ENTRY} stand where a field
     * of a line may be added.
     *
     * @param name the name
     * @param text the report with its markers
     * @param entries its raw entries
     * @param textPath the path the adapter reports for the text that holds {@value #TEXT} ({@code ""} when it reports none)
     * @return the template
     * @since 0.2
     */
    public static MatrixTemplate text(String name, String text, int entries, String textPath) {
        return new MatrixTemplate(name, Syntax.TEXT, text, entries, "", "", textPath);
    }

    /**
     * The report without probes, in UTF-8.
     *
     * @return the bytes
     */
    public byte[] plain() {
        return filled("", "", "").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The report with a field added at {@value #TOP}.
     *
     * @param field the field, as {@link Syntax#field(String, String)} spells it
     * @return the bytes, in UTF-8
     */
    public byte[] withTop(String field) {
        return filled(field, "", "").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The report with a field added at {@value #ENTRY}.
     *
     * @param field the field, as {@link Syntax#field(String, String)} spells it
     * @return the bytes, in UTF-8
     */
    public byte[] withEntry(String field) {
        return filled("", field, "").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The report with text at {@value #TEXT}.
     *
     * @param inserted the text, written as it stands (escape it yourself where the syntax needs it)
     * @return the bytes, in UTF-8
     */
    public byte[] withText(String inserted) {
        return filled("", "", inserted).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The report with raw bytes at {@value #TEXT}, which need not be valid in any encoding.
     *
     * @param inserted the bytes
     * @return the report's bytes
     */
    public byte[] withRawText(byte[] inserted) {
        String filled = filled("", "", TEXT);
        int at = filled.indexOf(TEXT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(filled.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(inserted);
        bytes.writeBytes(filled.substring(at + TEXT.length()).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /**
     * The 1-based line on which {@value #TEXT} stands.
     *
     * @return the line
     */
    public long textLine() {
        String before = filled("", "", TEXT);
        return 1
                + before.substring(0, before.indexOf(TEXT))
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
    }

    private String filled(String top, String entry, String inserted) {
        return text.replace(TOP, top).replace(ENTRY, entry).replace(TEXT, inserted);
    }

    @Override
    public String toString() {
        return name;
    }
}
