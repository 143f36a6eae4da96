package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopLevelLookTest {

    /** Notes the keys it is shown, skips their values, and stops after a key named {@code stop}. */
    private static final class Keys implements TopLevelLook {
        private final JsonCursor cursor;
        private final List<String> seen = new ArrayList<>();

        Keys(JsonCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean field(String name) throws IOException {
            seen.add(name);
            cursor.skip();
            return !name.equals("stop");
        }

        @Override
        public Detection verdict() {
            return seen.isEmpty()
                    ? Detection.none("keys", "no key")
                    : Detection.of(0.5, "keys", String.join(",", seen));
        }
    }

    private static Detection detect(String json) {
        return TopLevelLook.detect(ReportSource.of("doc.json", json.getBytes(StandardCharsets.UTF_8)), Keys::new);
    }

    @Test
    void showsTheTopLevelKeysUntilTheLookStops() {
        assertThat(detect("{\"a\": {\"x\": 1}, \"stop\": [1], \"b\": 2}").reason())
                .isEqualTo("a,stop");
        assertThat(detect("{\"a\": 1, \"b\": 2}").reason()).isEqualTo("a,b");
    }

    @Test
    void judgesADocumentThatBreaksOffOrIsNoJsonByWhatWasSeenBefore() {
        assertThat(detect("{\"a\": 1, \"b\": [1, 2").reason()).isEqualTo("a,b");
        assertThat(detect("not json").confidence()).isZero();
    }

    @Test
    void asksTheLookAboutAWellFormedDocumentThatIsNoObject() {
        assertThat(detect("[1, 2]").reason()).isEqualTo("no key");
    }
}
