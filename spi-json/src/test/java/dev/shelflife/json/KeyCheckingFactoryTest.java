package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyCheckingFactoryTest {

    private static final JsonFactory OURS = new KeyCheckingFactory(new JsonFactoryBuilder());
    private static final JsonFactory JACKSONS = new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** What a full pass over the tokens ends with: {@code end} or the failure, with its location. */
    private static String outcome(JsonFactory factory, byte[] document, boolean skipObjects) throws IOException {
        try (JsonParser parser = factory.createParser(new ByteArrayInputStream(document))) {
            JsonToken token;
            int tokens = 0;
            while ((token = parser.nextToken()) != null) {
                tokens++;
                if (skipObjects && token == JsonToken.START_OBJECT && tokens > 1) {
                    parser.skipChildren();
                }
            }
            return "end after " + tokens + " tokens";
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return e.getOriginalMessage() + " at " + at.getLineNr() + ":" + at.getColumnNr() + " byte "
                    + at.getByteOffset() + " char " + at.getCharOffset();
        }
    }

    private static void agreesWithJackson(String document) throws IOException {
        agreesWithJackson(document.getBytes(StandardCharsets.UTF_8));
    }

    private static void agreesWithJackson(byte[] document) throws IOException {
        for (boolean skip : new boolean[] {false, true}) {
            assertThat(outcome(OURS, document, skip))
                    .as("skipping objects: %s", skip)
                    .isEqualTo(outcome(JACKSONS, document, skip));
        }
    }

    @Test
    void refusesADuplicateKeyAtTheSameLocationAndWithTheSameMessageAsJackson() throws IOException {
        agreesWithJackson("{\"a\": {\"x\": 1, \"x\": 2}}");
        agreesWithJackson("{\"a\": 1, \"b\": 2, \"c\": 3, \"a\": 4}");
        agreesWithJackson("[{\"a\": 1}, {\"a\": 1, \"b\": [{\"c\": {}, \"c\": []}]}]");
        agreesWithJackson("{\"a\\u0062\": 1,\n   \"ab\"  :  2}");
        agreesWithJackson("{\"é\": 1, \"\\u00e9\": 2}");
        agreesWithJackson("{\"\": 1, \"\": 2}");
        assertThat(outcome(OURS, "{\"a\": {\"x\": 1, \"x\": 2}}".getBytes(StandardCharsets.UTF_8), false))
                .startsWith("Duplicate field 'x' at 1:19");
    }

    @Test
    void acceptsTheSameKeysInSiblingAndNestedObjects() throws IOException {
        String document = "[{\"a\": {\"a\": {\"a\": 1}}, \"b\": 2}, {\"a\": 3, \"b\": [{\"a\": 4, \"b\": 5}]}]";
        agreesWithJackson(document);
        assertThat(outcome(OURS, document.getBytes(StandardCharsets.UTF_8), false))
                .startsWith("end");
    }

    @Test
    void startsEachOfManySiblingObjectsWithoutTheKeysOfTheOneBefore() throws IOException {
        StringBuilder siblings = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            siblings.append(i == 0 ? "" : ",").append("{\"a\": 1, \"b\": {\"a\": 2}, \"c\": 3}");
        }
        assertThat(outcome(OURS, (siblings + "]").getBytes(StandardCharsets.UTF_8), false))
                .startsWith("end");
        agreesWithJackson(siblings + ",{\"a\": 1, \"b\": {\"a\": 2, \"a\": 3}}]");
        agreesWithJackson(siblings + ",{\"c\": 1, \"a\": 2, \"c\": 3}]");
    }

    @Test
    void refusesDuplicatesInLargeObjectsAndInSmallOnesAfterThem() throws IOException {
        StringBuilder large = new StringBuilder("[{");
        for (int i = 0; i < 5000; i++) {
            large.append(i == 0 ? "" : ", ")
                    .append("\"k")
                    .append(i)
                    .append("\": ")
                    .append(i);
        }
        String fine = large + "}, {\"a\": 1, \"b\": 2}]";
        agreesWithJackson(fine);
        assertThat(outcome(OURS, fine.getBytes(StandardCharsets.UTF_8), false)).startsWith("end");
        agreesWithJackson(large + ", \"k4321\": 0}, {\"a\": 1}]");
        agreesWithJackson(large + "}, {\"a\": 1, \"b\": 2, \"a\": 3}]");
    }

    @Test
    void refusesDuplicatesAmongKeysChosenToShareOneHash() throws IOException {
        // "Aa" and "BB" share String.hashCode, and so does every string of n such pairs: 2^n keys on one hash.
        List<String> colliding = new ArrayList<>(List.of(""));
        for (int round = 0; round < 11; round++) {
            List<String> longer = new ArrayList<>();
            for (String key : colliding) {
                longer.add(key + "Aa");
                longer.add(key + "BB");
            }
            colliding = longer;
        }
        assertThat(colliding.get(0).hashCode()).isEqualTo(colliding.get(2047).hashCode());
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < colliding.size(); i++) {
            object.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(colliding.get(i))
                    .append("\": ")
                    .append(i);
        }
        agreesWithJackson("[" + object + "}, {\"a\": 1, \"b\": 2}]");
        agreesWithJackson("[" + object + ", \"" + colliding.get(1500) + "\": 0}]");
        agreesWithJackson("[" + object + "}, " + object + ", \"" + colliding.get(7) + "\": 0}]");
    }

    @Test
    void agreesWithJacksonOnRandomObjectsWithAndWithoutDuplicates() throws IOException {
        Random random = new Random(19);
        for (int document = 0; document < 300; document++) {
            StringBuilder json = new StringBuilder();
            randomValue(random, json, 0);
            agreesWithJackson(json.toString());
        }
    }

    private static void randomValue(Random random, StringBuilder json, int depth) {
        int kind = depth > 4 ? 0 : random.nextInt(4);
        if (kind == 0) {
            json.append(random.nextInt(100));
        } else if (kind == 1) {
            json.append('[');
            int length = random.nextInt(4);
            for (int i = 0; i < length; i++) {
                json.append(i == 0 ? "" : ",");
                randomValue(random, json, depth + 1);
            }
            json.append(']');
        } else {
            json.append('{');
            int length = random.nextInt(kind == 2 ? 4 : 40);
            for (int i = 0; i < length; i++) {
                // Keys from a small alphabet, so that some objects repeat one.
                json.append(i == 0 ? "" : ",\n ")
                        .append("\"k")
                        .append(random.nextInt(kind == 2 ? 12 : 400))
                        .append("\":");
                randomValue(random, json, depth + 1);
            }
            json.append('}');
        }
    }

    @Test
    void refusesDuplicatesInInputItLeavesToJacksonsParser() throws IOException {
        String duplicate = "{\"a\": 1, \"a\": 2}";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.write(bom);
        withBom.write(duplicate.getBytes(StandardCharsets.UTF_8));
        agreesWithJackson(withBom.toByteArray());
        agreesWithJackson(duplicate.getBytes(Charset.forName("UTF-16BE")));
        agreesWithJackson(duplicate.getBytes(Charset.forName("UTF-32LE")));
        agreesWithJackson("{}");
        agreesWithJackson("1");
        assertThat(outcome(OURS, withBom.toByteArray(), false)).startsWith("Duplicate field 'a'");
        try (JsonParser parser = OURS.createParser(duplicate.toCharArray())) {
            assertThatThrownBy(() -> {
                        while (parser.nextToken() != null) {
                            // every token
                        }
                    })
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageStartingWith("Duplicate field 'a'");
        }
    }

    @Test
    void refusesADuplicateKeyInAValueTheCursorSkipsOrBinds() {
        ReportSource skipped = ReportSource.of(
                "r.json",
                "{\"a\": [{\"deep\": {\"x\": 1, \"y\": 2, \"x\": 3}}], \"b\": 1}".getBytes(StandardCharsets.UTF_8));
        try (JsonCursor cursor = JsonCursor.open(skipped)) {
            cursor.firstToken();
            assertThatThrownBy(() -> cursor.forEachField(name -> cursor.skip()))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("r.json:1:37 (/a/0/deep/x): malformed JSON: Duplicate field 'x'");
        }
    }
}
