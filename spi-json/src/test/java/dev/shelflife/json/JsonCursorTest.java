package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonCursorTest {

    private static final String NESTED = """
            {"Results": [{"Target": "a", "Vulnerabilities": [{"ID": 1, "CVSS": {"nvd": {"V3Score": 5.3}}}, null, [], {}]},
                         {"a/b": {"c~d": [[1, 2], {"": true}]}}],
             "empty": {}, "list": [[], [[]]], "last": "x"}""";

    @Test
    void printsThePointerJacksonPrintsAtEveryToken() throws IOException {
        List<String> ours = new ArrayList<>();
        List<String> jacksons = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(NESTED)) {
            while (parser.nextToken() != null) {
                ours.add(JsonCursor.pointer(parser.getParsingContext()));
                jacksons.add(parser.getParsingContext().pathAsPointer().toString());
            }
        }

        assertThat(ours)
                .hasSize(jacksons.size())
                .isEqualTo(jacksons)
                .contains("/Results/0/Vulnerabilities/0/CVSS/nvd/V3Score", "/Results/1/a~1b/c~0d/1/", "/list/1/0");
    }

    @Test
    void locatesTheValueItIsOn() {
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of("r.json", NESTED.getBytes(StandardCharsets.UTF_8)))) {
            cursor.firstToken();
            List<ReportLocation> targets = new ArrayList<>();
            cursor.forEachField(name -> {
                if (name.equals("Results")) {
                    cursor.forEachElement(index -> cursor.forEachField(field -> {
                        if (field.equals("Target")) {
                            targets.add(cursor.location());
                        }
                        cursor.skip();
                    }));
                } else {
                    cursor.skip();
                }
            });

            assertThat(targets).containsExactly(new ReportLocation("r.json", 1, 25, "/Results/0/Target"));
            assertThat(cursor.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        }
    }

    @Test
    void refusesADuplicateKeyWhereAFirstPassLetsItThrough() {
        ReportSource source = ReportSource.of(
                "r.json", "{\"a\": {\"x\": 1, \"x\": 2}, \"b\": [1, 2".getBytes(StandardCharsets.UTF_8));
        try (JsonCursor cursor = JsonCursor.open(source)) {
            cursor.firstToken();
            assertThatThrownBy(() -> cursor.forEachField(name -> cursor.skip()))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("r.json:1:19 (/a/x): malformed JSON: Duplicate field 'x'");
        }
        try (JsonCursor firstPass = JsonCursor.openFirstPass(source)) {
            firstPass.firstToken();
            // Every other check still applies: the document is cut short.
            assertThatThrownBy(() -> firstPass.forEachField(name -> firstPass.skip()))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageContaining("(/b/1): truncated document");
        }
    }

    @Test
    void failsAtTheLocationOfAWronglyTypedValue() {
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of("r.json", NESTED.getBytes(StandardCharsets.UTF_8)))) {
            cursor.firstToken();
            cursor.forEachField(name -> {
                if (name.equals("empty")) {
                    assertThatThrownBy(() -> cursor.forEachElement(index -> cursor.skip()))
                            .isInstanceOf(ReportParseException.class)
                            .hasMessage("r.json:3:11 (/empty): expected an array (an array), found an object");
                }
                cursor.skip();
            });
        }
    }

    @Test
    void reportsAKeyThatSpellsOneItReadsInAnotherCaseAndSkipsOthersSilently() {
        String text = """
                {"SchemaVersion": 2, "results": [{"x": 1}], "Misconfigurations": [{"a": 1}],
                 "RESULTS": null, "Extra": {"deep": [1, 2]}}""";
        List<Problem> problems = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(source(text))) {
            cursor.reportProblemsTo(problems::add);
            cursor.firstToken();
            cursor.forEachField(name -> {
                if (name.equals("SchemaVersion")) {
                    cursor.text();
                } else {
                    cursor.skipUnread(name, Set.of("SchemaVersion", "Results"));
                }
            });
            cursor.requireEnd();
        }

        assertThat(problems)
                .extracting(Problem::kind, p -> p.location().path(), Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Problem.Kind.IGNORED_VALUE,
                                "/results",
                                "\"results\" is not \"Results\", the key this format has here: its value was not"
                                        + " read, and the entries or values it holds are missing"),
                        org.assertj.core.groups.Tuple.tuple(
                                Problem.Kind.IGNORED_VALUE,
                                "/RESULTS",
                                "\"RESULTS\" is not \"Results\", the key this format has here: its value was not"
                                        + " read, and the entries or values it holds are missing"));
        assertThat(problems.get(0).location().line()).isEqualTo(1);
    }

    @Test
    void reportsAnotherFormatsContainerOfEntriesWhenItHoldsSomething() {
        String text = """
                {"matches": [{"vulnerability": {}}], "components": [], "runs": null, "vulnerabilities": {"a": 1},
                 "Components": {}}""";
        List<Problem> problems = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(source(text))) {
            cursor.reportProblemsTo(problems::add);
            cursor.firstToken();
            cursor.forEachField(name -> cursor.skipUnread(name, Set.of("Results")));
            cursor.requireEnd();
        }

        assertThat(problems).extracting(p -> p.location().path()).containsExactly("/matches", "/vulnerabilities");
        assertThat(problems.get(0).message())
                .isEqualTo("\"matches\" holds entries that were not read: it is where Grype (matches) keeps its"
                        + " entries, not a key this format has here (if the report is of that format, read it as"
                        + " such)");
        assertThat(problems.get(0).location()).isEqualTo(new ReportLocation("r.json", 1, 13, "/matches"));
    }

    @Test
    void keepsItsProblemsUntilASinkIsSet() {
        try (JsonCursor cursor = JsonCursor.open(source("{\"vulnerabilities\": 1}"))) {
            cursor.firstToken();
            cursor.forEachField(name -> cursor.skipUnread(name, Set.of("Vulnerabilities")));
            assertThat(cursor.problems())
                    .singleElement()
                    .satisfies(
                            p -> assertThat(p.message()).startsWith("\"vulnerabilities\" is not \"Vulnerabilities\""));
        }
    }

    /** An entry bound field by field, as the adapters bind theirs. */
    static final class Entry {
        @JsonProperty("VulnerabilityID")
        String id;

        @JsonProperty("FixedVersion")
        String fixedVersion;

        @JsonProperty("Layer")
        Layer layer;
    }

    /** A nested part bound field by field. */
    static final class Layer {
        @JsonProperty("Digest")
        String digest;
    }

    /** A part bound as a record, whose unknown fields Jackson skips without asking. */
    record Part(@JsonProperty("Name") String name) {}

    @Test
    void reportsAKeyOfABoundTypeSpelledInAnotherCaseWhereItStands() {
        String text = """
                [{"VulnerabilityID": "CVE-1", "fixedVersion": "1.2",
                  "Layer": {"digest": "sha256:x", "DiffID": "y"}, "Description": "unknown, skipped"}]""";
        List<Problem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(source(text))) {
            cursor.reportProblemsTo(problems::add);
            cursor.firstToken();
            cursor.forEachElement(index -> entries.add(cursor.read(Entry.class)));
        }

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.id).isEqualTo("CVE-1");
            assertThat(entry.fixedVersion).isNull();
            assertThat(entry.layer.digest).isNull();
        });
        assertThat(problems)
                .extracting(p -> p.location().toString(), Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "r.json:1:47 (/0/fixedVersion)",
                                "\"fixedVersion\" is not \"FixedVersion\", the key this format has here: its value"
                                        + " was not read"),
                        org.assertj.core.groups.Tuple.tuple(
                                "r.json:2:23 (/0/Layer/digest)",
                                "\"digest\" is not \"Digest\", the key this format has here: its value was not"
                                        + " read"));
    }

    @Test
    void skipsTheUnknownFieldsOfARecordAsBefore() {
        List<Problem> problems = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(source("{\"name\": \"x\", \"Name\": \"y\", \"z\": [1]}"))) {
            cursor.reportProblemsTo(problems::add);
            cursor.firstToken();
            assertThat(cursor.read(Part.class)).isEqualTo(new Part("y"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void stopsAWalkOfFieldsWhereTheHandlerSaysAndNeverReadsTheRest() {
        // The rest is not even well formed: a walk that stops before it never sees it.
        String text = "{\"a\": 1, \"b\": [1, 2], \"c\": [[[ this is not JSON";
        List<String> seen = new ArrayList<>();
        try (JsonCursor cursor = JsonCursor.open(source(text))) {
            cursor.firstToken();
            boolean finished = cursor.forEachFieldWhile(name -> {
                seen.add(name);
                cursor.skip();
                return !name.equals("b");
            });

            assertThat(finished).isFalse();
        }
        assertThat(seen).containsExactly("a", "b");

        try (JsonCursor cursor = JsonCursor.open(source("{\"a\": 1, \"b\": 2}"))) {
            cursor.firstToken();
            assertThat(cursor.forEachFieldWhile(name -> {
                        cursor.skip();
                        return true;
                    }))
                    .isTrue();
            assertThat(cursor.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            cursor.requireEnd();
        }
    }

    @Test
    void skipsTheRestOfAnArrayFromInsideIt() {
        try (JsonCursor cursor = JsonCursor.open(source("{\"a\": [{\"k\": [1]}, {\"l\": {}}, 3], \"b\": true}"))) {
            cursor.firstToken();
            List<String> keys = new ArrayList<>();
            cursor.forEachField(name -> {
                keys.add(name);
                if (name.equals("a")) {
                    cursor.nextToken();
                    cursor.forEachField(key -> cursor.skip());
                    cursor.skipRest();
                    assertThat(cursor.currentToken()).isEqualTo(JsonToken.END_ARRAY);
                } else {
                    cursor.skip();
                }
            });
            cursor.requireEnd();
            assertThat(keys).containsExactly("a", "b");
        }
    }

    private static ReportSource source(String text) {
        return ReportSource.of("r.json", text.getBytes(StandardCharsets.UTF_8));
    }
}
