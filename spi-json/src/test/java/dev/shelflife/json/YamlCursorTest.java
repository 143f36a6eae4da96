package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlCursorTest {

    private static final String REPORT = """
            ---
            kind: VulnerabilityReport
            report:
              vulnerabilities:
                - vulnerabilityID: CVE-2021-3121
                  installedVersion: 1.10
                  title: "gogo/protobuf: plugin/unmarshal/unmarshal.go lacks certain index
                    validation"
                  score: 8.6
                - vulnerabilityID: CVE-2021-3122
            """;

    /** One entry, bound as adapters bind theirs. */
    record Entry(
            @JsonProperty("vulnerabilityID") String id,
            @JsonProperty("installedVersion") String version,
            @JsonProperty("title") String title,
            @JsonProperty("score") Double score) {}

    private static ReportSource yaml(String text) {
        return ReportSource.of("report.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Entry> entries(ReportSource source) {
        List<Entry> entries = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.openYaml(source)) {
            cursor.firstToken();
            cursor.forEachField(name -> {
                if (name.equals("report")) {
                    cursor.forEachField(inner -> cursor.forEachElement(index -> entries.add(cursor.read(Entry.class))));
                } else {
                    cursor.skip();
                }
            });
            cursor.requireEnd();
        }
        return entries;
    }

    private static ReportParseException failure(String text) {
        return failure(yaml(text));
    }

    private static ReportParseException failure(ReportSource source) {
        return catchThrowableOfType(ReportParseException.class, () -> entries(source));
    }

    @Test
    void walksAndBindsYamlAsTheSameTokensAsJson() {
        List<Entry> entries = entries(yaml(REPORT));

        assertThat(entries)
                .containsExactly(
                        new Entry(
                                "CVE-2021-3121",
                                "1.10",
                                "gogo/protobuf: plugin/unmarshal/unmarshal.go lacks certain index validation",
                                8.6),
                        new Entry("CVE-2021-3122", null, null, null));
    }

    @Test
    void locatesEachValueByLineColumnAndPointer() {
        try (JsonCursor cursor = JsonCursor.openYaml(yaml(REPORT))) {
            assertThat(cursor.isYaml()).isTrue();
            cursor.firstToken();
            cursor.forEachField(name -> {
                if (name.equals("report")) {
                    cursor.forEachField(inner -> cursor.forEachElement(index -> {
                        assertThat(cursor.location().path()).isEqualTo("/report/vulnerabilities/" + index);
                        assertThat(cursor.location().line()).isEqualTo(index == 0 ? 5 : 10);
                        cursor.skip();
                    }));
                } else {
                    cursor.skip();
                }
            });
        }
    }

    @Test
    void refusesADuplicateKeyWhereItStands() {
        ReportParseException failure =
                failure("kind: a\nreport:\n  vulnerabilities:\n    - title: x\n      title: y\n");

        assertThat(failure.problem()).isEqualTo("malformed YAML: Duplicate field 'title'");
        assertThat(failure.location().line()).isEqualTo(5);
        assertThat(failure.location().path()).isEqualTo("/report/vulnerabilities/0/title");
        assertThat(failure.location().source()).isEqualTo("report.yaml");
    }

    @Test
    void refusesAnchorsAliasesAndForeignTagsWhereTheyStand() {
        ReportParseException anchor = failure("kind: &k a\nreport: {}\n");
        ReportParseException alias = failure("kind: a\nother: *k\n");
        ReportParseException collection = failure("kind: a\nreport: &r\n  x: 1\n");
        ReportParseException tag = failure("kind: !custom a\n");

        assertThat(anchor.problem()).isEqualTo("unsupported YAML: YAML anchors (&k) are not allowed in a report");
        assertThat(anchor.location().line()).isEqualTo(1);
        assertThat(alias.problem())
                .isEqualTo("unsupported YAML: YAML aliases (*k) are not allowed in a report: write the value out");
        assertThat(alias.location().line()).isEqualTo(2);
        assertThat(collection.problem()).startsWith("unsupported YAML: YAML anchors (&r)");
        assertThat(tag.problem()).isEqualTo("unsupported YAML: YAML tags (!custom) are not allowed in a report");
        assertThat(entries(yaml("kind: !!str 5\nreport: {vulnerabilities: []}\n")))
                .isEmpty();
    }

    @Test
    void endsIllFormedUtf8InALocatedException() {
        for (byte[] bad :
                List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("kind: a\nreport:\n  vulnerabilities:\n    - title: x".getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(bad);
            bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));

            ReportParseException failure = failure(ReportSource.of("report.yaml", bytes.toByteArray()));

            assertThat(failure.problem())
                    .startsWith("malformed YAML: Invalid UTF-8: ")
                    .contains("at byte 49");
            assertThat(failure.location().source()).isEqualTo("report.yaml");
        }
    }

    @Test
    void readsUtf16WithAByteOrderMarkLikeUtf8AndRefusesAnUnpairedSurrogate() {
        assertThat(entries(ReportSource.of("report.yaml", ("\uFEFF" + REPORT).getBytes(StandardCharsets.UTF_16BE))))
                .isEqualTo(entries(yaml(REPORT)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("\uFEFFkind: a\ntitle: ".getBytes(StandardCharsets.UTF_16BE));
        bytes.writeBytes(new byte[] {(byte) 0xD8, 0x00});
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_16BE));
        assertThat(failure(ReportSource.of("report.yaml", bytes.toByteArray())).problem())
                .startsWith("malformed YAML: Invalid UTF-16: an unpaired high surrogate");
    }

    @Test
    void enforcesAndNamesEveryReadLimit() {
        ReadLimits limits = ReadLimits.DEFAULT;
        assertThat(failure(yaml(REPORT).withLimits(limits.withMaxDepth(2))).problem())
                .startsWith("limit exceeded")
                .contains("ReadLimits.maxDepth");
        assertThat(failure(yaml(REPORT).withLimits(limits.withMaxStringLength(20)))
                        .problem())
                .startsWith("limit exceeded")
                .contains("ReadLimits.maxStringLength");
        assertThat(failure(yaml(REPORT).withLimits(limits.withMaxDocumentBytes(100)))
                        .problem())
                .startsWith("limit exceeded")
                .contains("ReadLimits.maxDocumentBytes");
        assertThat(failure("kind: a\nreport:\n  vulnerabilities:\n    - score: " + "1".repeat(2000) + "\n")
                        .problem())
                .startsWith("limit exceeded")
                .contains("ReadLimits.maxNumberLength");
        String deep = "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThat(failure(deep).problem()).startsWith("limit exceeded").contains("ReadLimits.maxDepth");
    }

    @Test
    void presentsAStreamOfDocumentsAsTopLevelValuesAndRequireEndRefusesTheSecond() {
        String two = "---\nkind: a\n---\nkind: b\n";
        List<JsonToken> starts = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.openYaml(yaml(two))) {
            for (JsonToken token = cursor.nextToken(); token != null; token = cursor.nextToken()) {
                starts.add(token);
                cursor.skip();
            }
        }
        assertThat(starts).containsExactly(JsonToken.START_OBJECT, JsonToken.START_OBJECT);

        ReportParseException failure = failure(two);
        assertThat(failure.problem()).startsWith("trailing content after the YAML document");
        assertThat(failure.location().line()).isEqualTo(4);
    }

    @Test
    void saysAnEmptyOrMalformedDocumentIsYaml() {
        assertThat(failure("# only a comment\n").problem()).isEqualTo("empty document: expected a YAML value");
        ReportParseException malformed = failure("kind: a\n  report: [\n");
        assertThat(malformed.problem()).startsWith("malformed YAML: ");
        assertThat(malformed.location().line()).isPositive();
    }
}
