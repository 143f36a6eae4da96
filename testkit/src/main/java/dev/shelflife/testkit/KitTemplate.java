package dev.shelflife.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small report in an adapter's format, with three marked places where the
 * {@link ScannerAdapterKit} puts its probes, and the pointers to them. Write it by hand, like the
 * reports of the adapter's unit tests.
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
 * Every part is named where it is given:
 *
 * <pre>{@code
 * KitTemplate.json("trivy.json", """
 *         {"SchemaVersion": 2, $TOP$"Results": [{"Target": "alpine", "Vulnerabilities": [
 *           {$ENTRY$"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl$TEXT$"},
 *           {"VulnerabilityID": "CVE-2024-0002", "PkgName": "busybox"}]}]}
 *         """)
 *         .entries(2)
 *         .topAt("")
 *         .entryAt("/Results/0/Vulnerabilities/0")
 *         .textAt("/Results/0/Vulnerabilities/0/PkgName")
 * }</pre>
 *
 * The report must hold each marker once, at least two raw entries, and no string longer than
 * {@value #MAX_PLAIN_STRING} characters. A template is immutable: each named part returns a copy.
 *
 * @since 0.2
 */
public final class KitTemplate {

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
     * @since 0.2
     */
    public enum Syntax {
        /** JSON: a probe field is {@code "name": value,}. */
        JSON,
        /** XML: a probe field is {@code <name>value</name>}. */
        XML,
        /**
         * YAML: a probe field is {@code "name": value,} as in JSON, so the template puts
         * {@value #TOP} and {@value #ENTRY} inside flow mappings (<code>{…}</code>).
         */
        YAML,
        /**
         * A text format of lines, such as a {@code .trivyignore}: a probe field is
         * {@code  name:value}, a field of the line it is put on. Nothing nests.
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

    private final String name;
    private final Syntax syntax;
    private final String text;
    private final int entries;
    private final String topPath;
    private final String entryPath;
    private final String textPath;
    private final Map<KitCheck, String> notApplicable;

    private KitTemplate(
            String name,
            Syntax syntax,
            String text,
            int entries,
            String topPath,
            String entryPath,
            String textPath,
            Map<KitCheck, String> notApplicable) {
        this.name = name;
        this.syntax = syntax;
        this.text = text;
        this.entries = entries;
        this.topPath = topPath;
        this.entryPath = entryPath;
        this.textPath = textPath;
        this.notApplicable = notApplicable;
    }

    private static KitTemplate of(String name, Syntax syntax, String text, String pointers) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        for (String marker : new String[] {TOP, ENTRY, TEXT}) {
            int at = text.indexOf(marker);
            if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
                throw new IllegalArgumentException(name + ": the template must hold " + marker + " exactly once");
            }
        }
        return new KitTemplate(name, syntax, text, -1, "", pointers, pointers, Map.of());
    }

    /**
     * A JSON template; name its {@link #entries(int)}, and where its {@link #entryAt(String) entry}
     * and {@link #textAt(String) text} stand ({@link #topAt(String)} if {@value #TOP} is not in the
     * top-level object).
     *
     * @param name the name, used as the source name in messages
     * @param text the report with its markers
     * @return the template
     */
    public static KitTemplate json(String name, String text) {
        return of(name, Syntax.JSON, text, null);
    }

    /**
     * An XML template; its pointers are XML paths ({@code /bom/vulnerabilities[1]/vulnerability[1]}).
     *
     * @param name the name, used as the source name in messages
     * @param text the report with its markers
     * @return the template
     * @see #json(String, String)
     */
    public static KitTemplate xml(String name, String text) {
        return of(name, Syntax.XML, text, null);
    }

    /**
     * A YAML template; put {@value #TOP} and {@value #ENTRY} inside flow mappings.
     *
     * @param name the name, used as the source name in messages
     * @param text the report with its markers
     * @return the template
     * @see #json(String, String)
     */
    public static KitTemplate yaml(String name, String text) {
        return of(name, Syntax.YAML, text, null);
    }

    /**
     * A template of a text format of lines; {@value #TOP} and {@value #ENTRY} stand where a field
     * of a line may be added. Its pointers are {@code ""} unless the adapter reports a path for
     * the text ({@link #textAt(String)}).
     *
     * @param name the name, used as the source name in messages
     * @param text the report with its markers
     * @return the template
     */
    public static KitTemplate text(String name, String text) {
        return of(name, Syntax.TEXT, text, "");
    }

    /**
     * This template with the number of raw entries it holds, at least two, so that one more than
     * the entry limit fits.
     *
     * @param count the raw entries, as {@link KitSetup.Builder#entriesCountedBy} counts them
     * @return a copy
     */
    public KitTemplate entries(int count) {
        if (count < 2) {
            throw new IllegalArgumentException(
                    name + ": the template must hold at least two entries, so that one more than the entry limit fits");
        }
        return copy(count, topPath, entryPath, textPath, notApplicable);
    }

    /**
     * This template with the pointer of the object that holds {@value #TOP}.
     *
     * @param pointer the JSON pointer (XML path): {@code ""}, the default, for the top-level object,
     *     {@code /bom} for a CycloneDX root element
     * @return a copy
     */
    public KitTemplate topAt(String pointer) {
        return copy(entries, Objects.requireNonNull(pointer, "pointer"), entryPath, textPath, notApplicable);
    }

    /**
     * This template with the pointer of the entry that holds {@value #ENTRY}.
     *
     * @param pointer the JSON pointer (XML path), such as {@code /findings/0}
     * @return a copy
     */
    public KitTemplate entryAt(String pointer) {
        return copy(entries, topPath, Objects.requireNonNull(pointer, "pointer"), textPath, notApplicable);
    }

    /**
     * This template with the pointer of the string that holds {@value #TEXT}.
     *
     * @param pointer the JSON pointer (XML path), such as {@code /findings/0/package}
     * @return a copy
     */
    public KitTemplate textAt(String pointer) {
        return copy(entries, topPath, entryPath, Objects.requireNonNull(pointer, "pointer"), notApplicable);
    }

    /**
     * This template with a check of templates that cannot apply to it, and why: the check is
     * reported as skipped on this template with the reason, and runs on the others.
     *
     * @param check a check of {@link KitCheck.Scope#TEMPLATE templates}
     * @param reason why it cannot apply, for the reader of the test report
     * @return a copy
     */
    public KitTemplate without(KitCheck check, String reason) {
        return copy(
                entries,
                topPath,
                entryPath,
                textPath,
                KitSetup.optOut(notApplicable, check, KitCheck.Scope.TEMPLATE, reason));
    }

    private KitTemplate copy(
            int newEntries, String newTop, String newEntry, String newText, Map<KitCheck, String> newOptOuts) {
        return new KitTemplate(name, syntax, text, newEntries, newTop, newEntry, newText, newOptOuts);
    }

    /** Fails, naming what is missing, unless every part has been given. */
    void requireComplete() {
        if (entries < 0) {
            throw new IllegalStateException(name + ": say how many raw entries the template holds, with entries(int)");
        }
        if (entryPath == null || textPath == null) {
            throw new IllegalStateException(name + ": say where " + (entryPath == null ? ENTRY : TEXT)
                    + " stands, with " + (entryPath == null ? "entryAt" : "textAt") + "(pointer)");
        }
    }

    /**
     * The template's name.
     *
     * @return the name, the source name in messages
     */
    public String name() {
        return name;
    }

    /**
     * How the report is written.
     *
     * @return the syntax
     */
    public Syntax syntax() {
        return syntax;
    }

    /**
     * The report with its markers.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The raw entries in the report.
     *
     * @return the count given to {@link #entries(int)}, or -1 before it
     */
    public int entries() {
        return entries;
    }

    /**
     * The pointer of the object that holds {@value #TOP}.
     *
     * @return the pointer
     */
    public String topPath() {
        return topPath;
    }

    /**
     * The pointer of the entry that holds {@value #ENTRY}.
     *
     * @return the pointer, or null before {@link #entryAt(String)}
     */
    public @Nullable String entryPath() {
        return entryPath;
    }

    /**
     * The pointer of the string that holds {@value #TEXT}.
     *
     * @return the pointer, or null before {@link #textAt(String)}
     */
    public @Nullable String textPath() {
        return textPath;
    }

    /**
     * The checks that do not apply to this template.
     *
     * @return each check with its reason
     */
    public Map<KitCheck, String> notApplicable() {
        return notApplicable.isEmpty() ? Map.of() : new EnumMap<>(notApplicable);
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
