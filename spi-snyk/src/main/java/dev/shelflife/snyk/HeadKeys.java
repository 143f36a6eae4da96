package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys the head of a JSON document shows, by path, with the first scalar value seen at each
 * path: {@code vulnerabilities}, {@code vulnerabilities[].packageManager},
 * {@code [].projectName}, {@code runs[].tool.driver.name}. Detection looks at these instead of
 * binding anything, since the head usually ends in the middle of the document.
 */
final class HeadKeys {

    private final Map<String, String> values;

    private HeadKeys(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Walks the head of a source as far as it is well-formed JSON. Never throws for bad input:
     * a head that is not JSON at all shows no keys.
     *
     * @param source the input
     * @return the keys seen
     * @throws ReportParseException only if the source cannot be read at all
     */
    static HeadKeys of(ReportSource source) {
        Map<String, String> seen = new LinkedHashMap<>();
        ReportSource head = ReportSource.of(source.name(), source.head());
        try (JsonCursor cursor = JsonCursor.open(head)) {
            if (cursor.nextToken() != null) {
                walk(cursor, "", seen);
            }
        } catch (ReportParseException e) {
            // The head ends mid-document, or is not JSON: what was seen before is what there is.
        }
        return new HeadKeys(seen);
    }

    private static void walk(JsonCursor cursor, String path, Map<String, String> seen) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.START_OBJECT) {
            cursor.forEachField(name -> {
                String child = path.isEmpty() ? name : path + "." + name;
                seen.putIfAbsent(child, "");
                walk(cursor, child, seen);
            });
        } else if (token == JsonToken.START_ARRAY) {
            cursor.forEachElement(index -> walk(cursor, path + "[]", seen));
        } else if (!path.isEmpty()) {
            String text = cursor.text();
            String before = seen.get(path);
            if (text != null && (before == null || before.isEmpty())) {
                seen.put(path, text);
            }
        }
    }

    /**
     * Whether the head shows a key at a path.
     *
     * @param path the path, such as {@code vulnerabilities[].packageManager}
     * @return {@code true} if the key appears
     */
    boolean has(String path) {
        return values.containsKey(path);
    }

    /**
     * The first scalar value the head shows at a path.
     *
     * @param path the path
     * @return the value as text, or empty when the key is absent or holds no scalar
     */
    Optional<String> value(String path) {
        return Optional.ofNullable(values.get(path)).filter(v -> !v.isEmpty());
    }
}
