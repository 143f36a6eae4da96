package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatKeysTest {

    /** Walks the top-level keys of {@code json} as a detection of {@code own} would, until one shows another format. */
    private static List<String> look(String json, String own) {
        List<String> seen = new ArrayList<>();
        try (JsonCursor cursor =
                JsonCursor.openFirstPass(ReportSource.of("r.json", json.getBytes(StandardCharsets.UTF_8)))) {
            cursor.nextToken();
            cursor.forEachFieldWhile(name -> {
                String shown = FormatKeys.otherFormat(cursor, name, own).orElse("-");
                seen.add(name + ": " + shown);
                return shown.equals("-");
            });
        }
        return seen;
    }

    @Test
    void stopsAtAKeyThatIdentifiesAnotherFormat() {
        assertThat(look("{\"a\": {\"b\": [1]}, \"matches\": [], \"z\": 1}", "CSAF"))
                .containsExactly("a: -", "matches: \"matches\", which Grype writes");
    }

    @Test
    void takesTheDetectingFormatsOwnIdentifyingKeysAsNoSign() {
        assertThat(look("{\"product_tree\": {\"branches\": []}, \"z\": 1}", "CSAF"))
                .containsExactly("product_tree: -", "z: -");
    }

    @Test
    void readsOnPastEmptyOrNullContainersAndStopsAtOneThatHoldsSomething() {
        assertThat(look("{\"results\": [], \"vulnerabilities\": null, \"components\": {}, \"z\": 0}", "SARIF"))
                .containsExactly("results: -", "vulnerabilities: -", "components: -", "z: -");
        assertThat(look("{\"components\": [{}], \"z\": 1}", "SPDX"))
                .containsExactly("components: \"components\", where CycloneDX (components) keeps its packages");
        assertThat(look("{\"results\": 3, \"z\": 1}", "GitLab"))
                .containsExactly("results: \"results\", where Trivy (Results) and SARIF (results) keep their entries");
    }

    @Test
    void describesTokensInWords() {
        assertThat(JsonCursor.describe(null)).isEqualTo("end of input");
        assertThat(JsonCursor.describe(JsonToken.START_ARRAY)).isEqualTo("an array");
        assertThat(JsonCursor.describe(JsonToken.VALUE_FALSE)).isEqualTo("a boolean");
    }
}
