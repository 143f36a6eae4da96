package dev.shelflife.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Component;
import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Image;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a report as the JSON object of {@code shelflife parse --output json}.
 *
 * <p>The shape is an interface scripts depend on, documented in {@code docs/cli.md}: it is
 * written field by field here rather than by serialising the records, so that renaming a record
 * component cannot change it by accident. Every key is always present; an unknown value is
 * {@code null}, an absent list {@code []}.
 */
final class ReportJson {

    /** The version of the output shape; raised only when a key is removed or changes meaning. */
    static final int OUTPUT_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;

    private ReportJson(JsonGenerator json) {
        this.json = json;
    }

    /**
     * Writes one report as one pretty-printed JSON object and a line break, in UTF-8.
     *
     * @param report the report
     * @param out where to write; not closed
     */
    static void write(ScanReport report, OutputStream out) {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.useDefaultPrettyPrinter();
            new ReportJson(generator).report(report);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(ScanReport report) throws IOException {
        json.writeStartObject();
        json.writeNumberField("outputVersion", OUTPUT_VERSION);
        json.writeStringField("kind", report.kind().name());
        json.writeObjectFieldStart("format");
        json.writeStringField("adapter", report.format().adapterId());
        json.writeStringField("name", report.format().name());
        string("schemaVersion", report.format().schemaVersion());
        json.writeEndObject();
        json.writeObjectFieldStart("scanner");
        json.writeStringField("name", report.scanner().name());
        string("version", report.scanner().version());
        json.writeEndObject();
        artifact(report.artifact());
        image(report.image());
        string("scannedAt", report.scannedAt().map(Object::toString));
        string("databaseBuiltAt", report.databaseBuiltAt().map(Object::toString));
        json.writeArrayFieldStart("findings");
        for (Finding finding : report.findings()) {
            finding(finding);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("components");
        for (Component component : report.components()) {
            component(component);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("vexStatements");
        for (VexStatement statement : report.vexStatements()) {
            vexStatement(statement);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("ignoreRules");
        for (IgnoreRule rule : report.ignoreRules()) {
            ignoreRule(rule);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("problems");
        for (Problem problem : report.problems()) {
            problem(problem);
        }
        json.writeEndArray();
        counts(report.counts());
        json.writeEndObject();
    }

    private void artifact(Artifact artifact) throws IOException {
        json.writeObjectFieldStart("artifact");
        json.writeStringField("name", artifact.name());
        json.writeStringField("type", artifact.type().name());
        json.writeEndObject();
    }

    private void image(Image image) throws IOException {
        json.writeObjectFieldStart("image");
        string("ref", image.ref().map(Object::toString));
        string("manifestDigest", image.manifestDigest());
        string("configDigest", image.configDigest());
        strings("repoDigests", image.repoDigests());
        string("createdAt", image.createdAt().map(Object::toString));
        string("os", image.os());
        string("platform", image.platform());
        json.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : new TreeMap<>(image.labels()).entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        optional("baseImage", image.baseImage(), this::baseImage);
        json.writeEndObject();
    }

    private void finding(Finding finding) throws IOException {
        json.writeStartObject();
        vulnerability(finding.vulnerability());
        json.writeStringField("severity", finding.severity().name());
        installedPackage(finding.pkg());
        json.writeObjectFieldStart("fix");
        json.writeStringField("state", finding.fix().state().name());
        strings("versions", finding.fix().versions());
        json.writeEndObject();
        json.writeStringField("target", finding.target());
        json.writeEndObject();
    }

    private void vulnerability(Vulnerability vulnerability) throws IOException {
        json.writeObjectFieldStart("vulnerability");
        json.writeStringField("id", vulnerability.id());
        strings("aliases", vulnerability.aliases());
        string("severitySource", vulnerability.severitySource());
        string("title", vulnerability.title());
        string("primaryUrl", vulnerability.primaryUrl());
        string("published", vulnerability.published().map(Object::toString));
        string("modified", vulnerability.modified().map(Object::toString));
        strings("cwes", vulnerability.cwes());
        json.writeArrayFieldStart("ratings");
        for (Rating rating : vulnerability.ratings()) {
            json.writeStartObject();
            json.writeStringField("source", rating.source());
            string("severity", rating.severity().map(Enum::name));
            optional("score", rating.score(), json::writeNumber);
            string("vector", rating.vector());
            json.writeEndObject();
        }
        json.writeEndArray();
        optional("epss", vulnerability.epss(), this::epss);
        optional("knownExploited", vulnerability.knownExploited(), this::knownExploited);
        json.writeEndObject();
    }

    private void baseImage(BaseImage base) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", base.name());
        string("digest", base.digest());
        string("scannerAdvice", base.scannerAdvice());
        json.writeEndObject();
    }

    private void epss(Epss epss) throws IOException {
        json.writeStartObject();
        json.writeNumberField("score", epss.score());
        json.writeNumberField("percentile", epss.percentile());
        string("date", epss.date().map(Object::toString));
        json.writeEndObject();
    }

    private void knownExploited(KnownExploited kev) throws IOException {
        json.writeStartObject();
        json.writeStringField("catalog", kev.catalog());
        string("dateAdded", kev.dateAdded().map(Object::toString));
        string("dueDate", kev.dueDate().map(Object::toString));
        optional("ransomware", kev.ransomware(), json::writeBoolean);
        json.writeEndObject();
    }

    private void installedPackage(InstalledPackage pkg) throws IOException {
        json.writeObjectFieldStart("package");
        json.writeStringField("name", pkg.name());
        string("version", pkg.version());
        string("purl", pkg.purl());
        string("type", pkg.type());
        string("sourcePackage", pkg.sourcePackage());
        string("path", pkg.path());
        string("layer", pkg.layer());
        json.writeEndObject();
    }

    private void component(Component component) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", component.name());
        string("version", component.version());
        string("purl", component.purl());
        string("type", component.type());
        string("ref", component.ref());
        json.writeEndObject();
    }

    private void vexStatement(VexStatement statement) throws IOException {
        json.writeStartObject();
        json.writeStringField("vulnerabilityId", statement.vulnerabilityId());
        strings("aliases", statement.aliases());
        strings("products", statement.products());
        json.writeObjectFieldStart("subcomponents");
        for (Map.Entry<String, List<String>> product : statement.subcomponents().entrySet()) {
            strings(product.getKey(), product.getValue());
        }
        json.writeEndObject();
        json.writeStringField("state", statement.state().name());
        string("justification", statement.justification());
        strings("responses", statement.responses());
        string("detail", statement.detail());
        string("timestamp", statement.timestamp().map(Object::toString));
        json.writeEndObject();
    }

    private void ignoreRule(IgnoreRule rule) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        string("vulnerability", rule.vulnerability());
        string("packageName", rule.packageName());
        string("packageVersion", rule.packageVersion());
        string("packageType", rule.packageType());
        strings("packageUrls", rule.packageUrls());
        strings("paths", rule.paths());
        string("fixState", rule.fixState().map(Enum::name));
        string("vexStatus", rule.vexStatus());
        string("reason", rule.reason());
        string("expires", rule.expires().map(Object::toString));
        string("owner", rule.owner());
        location(rule.location());
        json.writeEndObject();
    }

    private void problem(Problem problem) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", problem.kind().name());
        json.writeStringField("message", problem.message());
        location(problem.location());
        json.writeEndObject();
    }

    private void location(ReportLocation location) throws IOException {
        json.writeObjectFieldStart("location");
        json.writeStringField("source", location.source());
        number("line", location.line());
        number("column", location.column());
        json.writeStringField("pointer", location.path());
        json.writeStringField("text", location.toString());
        json.writeEndObject();
    }

    private void counts(ReportCounts counts) throws IOException {
        json.writeObjectFieldStart("counts");
        json.writeNumberField("entries", counts.entries());
        json.writeNumberField("findings", counts.findings());
        json.writeNumberField("statements", counts.statements());
        json.writeNumberField("rules", counts.rules());
        json.writeNumberField("duplicates", counts.duplicates());
        json.writeNumberField("skipped", counts.skipped());
        json.writeEndObject();
    }

    @FunctionalInterface
    private interface ValueWriter<T> {
        void write(T value) throws IOException;
    }

    /** A field whose value is written by {@code writer} when present, and is {@code null} when not. */
    private <T> void optional(String name, Optional<T> value, ValueWriter<T> writer) throws IOException {
        json.writeFieldName(name);
        if (value.isPresent()) {
            writer.write(value.get());
        } else {
            json.writeNull();
        }
    }

    private void string(String name, Optional<String> value) throws IOException {
        optional(name, value, json::writeString);
    }

    /** A line or column, where the model's 0 means unknown. */
    private void number(String name, long value) throws IOException {
        json.writeFieldName(name);
        if (value > 0) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    private void strings(String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
