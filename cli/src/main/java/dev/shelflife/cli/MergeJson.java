package dev.shelflife.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ScannerTool;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.Disagreement;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.Sighting;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSON objects of {@code shelflife merge --output json} and {@code shelflife diff
 * --output json}, field by field, in the shape {@code docs/cli.md} documents: every key always
 * present, an unknown value {@code null}, an absent list {@code []}.
 */
final class MergeJson {

    /** The version of the output shapes; raised only when a key is removed or changes meaning. */
    static final int OUTPUT_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;

    private MergeJson(JsonGenerator json) {
        this.json = json;
    }

    @FunctionalInterface
    private interface Body {
        void write(MergeJson writer) throws IOException;
    }

    private static void document(OutputStream out, Body body) {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.useDefaultPrettyPrinter();
            generator.writeStartObject();
            generator.writeNumberField("outputVersion", OUTPUT_VERSION);
            body.write(new MergeJson(generator));
            generator.writeEndObject();
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a merge as one JSON object and a line break, in UTF-8.
     *
     * @param merged the merged findings
     * @param out where to write; not closed
     */
    static void merge(MergedFindings merged, OutputStream out) {
        document(out, writer -> {
            writer.json.writeStringField("severityRule", merged.severityRule().toString());
            writer.scanners("scanners", merged);
            writer.json.writeObjectFieldStart("counts");
            writer.json.writeNumberField(
                    "findings",
                    merged.groups().stream().mapToInt(g -> g.sightings().size()).sum());
            writer.json.writeNumberField("groups", merged.groups().size());
            for (Disagreement.Kind kind : Disagreement.Kind.values()) {
                writer.json.writeNumberField(
                        camelCase(kind.name()),
                        merged.disagreements().stream()
                                .filter(d -> d.kind() == kind)
                                .count());
            }
            writer.json.writeEndObject();
            Map<FindingGroup, List<Disagreement>> disagreements = byGroup(merged);
            writer.json.writeArrayFieldStart("groups");
            for (FindingGroup group : merged.groups()) {
                writer.json.writeStartObject();
                writer.group(group, disagreements.getOrDefault(group, List.of()));
                writer.json.writeEndObject();
            }
            writer.json.writeEndArray();
        });
    }

    /**
     * Writes a baseline comparison as one JSON object and a line break, in UTF-8.
     *
     * @param diff the comparison
     * @param out where to write; not closed
     */
    static void diff(BaselineDiff diff, OutputStream out) {
        document(out, writer -> {
            writer.json.writeStringField(
                    "severityRule", diff.current().severityRule().toString());
            writer.side("baseline", diff.baseline());
            writer.side("current", diff.current());
            writer.json.writeObjectFieldStart("counts");
            for (BaselineDiff.Status status : BaselineDiff.Status.values()) {
                writer.json.writeNumberField(
                        camelCase(status.name()), diff.entries(status).size());
            }
            writer.json.writeEndObject();
            Map<FindingGroup, List<Disagreement>> disagreements = byGroup(diff.baseline());
            disagreements.putAll(byGroup(diff.current()));
            writer.json.writeArrayFieldStart("findings");
            for (BaselineDiff.Entry entry : diff.entries()) {
                writer.json.writeStartObject();
                writer.json.writeStringField("status", entry.status().name());
                writer.strings("otherVersions", entry.otherVersions());
                writer.group(entry.group(), disagreements.getOrDefault(entry.group(), List.of()));
                writer.json.writeEndObject();
            }
            writer.json.writeEndArray();
        });
    }

    private void side(String name, MergedFindings merged) throws IOException {
        json.writeObjectFieldStart(name);
        scanners("scanners", merged);
        json.writeNumberField("groups", merged.groups().size());
        json.writeEndObject();
    }

    private void scanners(String name, MergedFindings merged) throws IOException {
        json.writeArrayFieldStart(name);
        for (ScannerTool scanner : merged.scanners()) {
            scanner(scanner);
        }
        json.writeEndArray();
    }

    private void scanner(ScannerTool scanner) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", scanner.name());
        string("version", scanner.version());
        json.writeEndObject();
    }

    private static Map<FindingGroup, List<Disagreement>> byGroup(MergedFindings merged) {
        Map<FindingGroup, List<Disagreement>> byGroup = new IdentityHashMap<>();
        merged.disagreements()
                .forEach(d -> byGroup.computeIfAbsent(d.group(), g -> new ArrayList<>())
                        .add(d));
        return byGroup;
    }

    /** The fields of a group, in the object the caller opened. */
    private void group(FindingGroup group, List<Disagreement> disagreements) throws IOException {
        Finding finding = group.finding();
        json.writeStringField("id", group.id());
        strings("aliases", finding.vulnerability().aliases());
        json.writeStringField("severity", group.severity().name());
        string("severitySource", finding.vulnerability().severitySource());
        json.writeStringField("severityScanner", group.severityScanner());
        json.writeObjectFieldStart("package");
        json.writeStringField("identity", group.packageIdentity());
        json.writeStringField("name", finding.pkg().name());
        string("version", finding.pkg().version());
        string("purl", finding.pkg().purl());
        string("type", finding.pkg().type());
        json.writeEndObject();
        fix(finding.fix());
        strings("scanners", group.scanners());
        json.writeArrayFieldStart("sightings");
        for (Sighting sighting : group.sightings()) {
            sighting(sighting);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("disagreements");
        for (Disagreement disagreement : disagreements) {
            json.writeStartObject();
            json.writeStringField("kind", disagreement.kind().name());
            json.writeStringField("message", disagreement.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void sighting(Sighting sighting) throws IOException {
        Finding finding = sighting.finding();
        json.writeStartObject();
        json.writeFieldName("scanner");
        scanner(sighting.scanner());
        json.writeStringField("id", finding.vulnerability().id());
        strings("aliases", finding.vulnerability().aliases());
        json.writeStringField("severity", finding.severity().name());
        string("severitySource", finding.vulnerability().severitySource());
        fix(finding.fix());
        string("path", finding.pkg().path());
        json.writeStringField("target", finding.target());
        json.writeEndObject();
    }

    private void fix(Fix fix) throws IOException {
        json.writeObjectFieldStart("fix");
        json.writeStringField("state", fix.state().name());
        strings("versions", fix.versions());
        json.writeEndObject();
    }

    private void string(String name, Optional<String> value) throws IOException {
        json.writeStringField(name, value.orElse(null));
    }

    private void strings(String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** {@code NEWLY_DISCLOSED} as {@code newlyDisclosed}, for count keys. */
    private static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
