package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
