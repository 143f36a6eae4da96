package dev.shelflife.spdx;

import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an SPDX document says that an inventory needs, whichever of the three syntaxes it came in
 * (2.x JSON, 2.x tag-value, 3.0 JSON-LD): its version, its creators, when it was made, its packages,
 * and which elements it describes. Each reader fills one; {@link InventoryMapper} makes the report.
 */
final class SpdxDocument {

    /**
     * One package.
     *
     * @param ref its SPDX id
     * @param name its name, or {@code null}
     * @param version its version, or {@code null}
     * @param purls its package URLs as written, in document order
     * @param purpose its primary purpose, lower case with hyphens ({@code container}, {@code operating-system}), or {@code null}
     * @param attributes Trivy's {@code Key: Value} notes (in annotations or attribution texts), by key
     * @param location where it starts
     */
    record SpdxPackage(
            String ref,
            String name,
            String version,
            List<String> purls,
            String purpose,
            Map<String, List<String>> attributes,
            ReportLocation location) {

        SpdxPackage {
            purls = List.copyOf(purls);
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(location, "location");
        }

        /**
         * The values a note of Trivy's gives under a key.
         *
         * @param key {@code RepoTag}, {@code RepoDigest}, {@code ImageID} …
         * @return the values, in document order
         */
        List<String> attribute(String key) {
            return attributes.getOrDefault(key, List.of());
        }
    }

    /** The syntax the document came in. */
    enum Syntax {
        JSON("spdx-json"),
        TAG_VALUE("spdx-tag-value"),
        JSON_LD("spdx-jsonld");

        private final String format;

        Syntax(String format) {
            this.format = format;
        }

        /** @return the format's name for {@link dev.shelflife.ReportFormat} */
        String format() {
            return format;
        }
    }

    private final Syntax syntax;
    private final ReportLocation start;
    private String version;
    private String name;
    private String created;
    private ReportLocation createdAt;
    private final List<String> tools = new ArrayList<>();
    private final List<SpdxPackage> packages = new ArrayList<>();
    private final Set<String> described = new LinkedHashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param syntax the syntax it came in
     * @param start where the document starts
     */
    SpdxDocument(Syntax syntax, ReportLocation start) {
        this.syntax = syntax;
        this.start = start;
    }

    Syntax syntax() {
        return syntax;
    }

    ReportLocation start() {
        return start;
    }

    /** @return the SPDX version as written ({@code SPDX-2.3}, {@code 3.0.1}), or {@code null} */
    String version() {
        return version;
    }

    void version(String value) {
        version = value;
    }

    /** @return the document's name, or {@code null} */
    String name() {
        return name;
    }

    void name(String value) {
        name = value;
    }

    /** @return when the document was made, as written, or {@code null} */
    String created() {
        return created;
    }

    /** @return where {@link #created()} is */
    ReportLocation createdAt() {
        return createdAt;
    }

    void created(String value, ReportLocation at) {
        created = value;
        createdAt = at;
    }

    /** @return the tools that made it, as their creator entries or elements name them, in document order */
    List<String> tools() {
        return tools;
    }

    void tool(String value) {
        if (value != null && !value.isBlank()) {
            tools.add(value.strip());
        }
    }

    /** @return the packages, in document order */
    List<SpdxPackage> packages() {
        return packages;
    }

    void add(SpdxPackage pkg) {
        packages.add(pkg);
    }

    /** @return the ids of the elements the document describes */
    Set<String> described() {
        return described;
    }

    void describes(String ref) {
        if (ref != null && !ref.isBlank()) {
            described.add(ref.strip());
        }
    }

    /** @return what the reader found wrong or left out, in document order */
    List<Problem> problems() {
        return problems;
    }

    void problem(Problem problem) {
        problems.add(problem);
    }

    /**
     * Reads Trivy's {@code Key: Value} notes.
     *
     * @param notes the notes
     * @return the values by key, in document order; notes of another shape are left out
     */
    static Map<String, List<String>> attributes(List<String> notes) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String note : notes) {
            if (note == null) {
                continue;
            }
            int colon = note.indexOf(": ");
            if (colon > 0 && note.substring(0, colon).chars().allMatch(Character::isLetterOrDigit)) {
                attributes
                        .computeIfAbsent(note.substring(0, colon), k -> new ArrayList<>())
                        .add(note.substring(colon + 2).strip());
            }
        }
        return attributes;
    }
}
