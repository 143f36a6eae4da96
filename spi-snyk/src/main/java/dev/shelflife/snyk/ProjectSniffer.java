package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises Snyk's JSON from the structure of a project object, or of the first project of an
 * array, read as a stream for as far as the decision needs. Snyk writes {@code vulnerabilities}
 * first and its project keys after it, so the look decides at the first entry when it names
 * {@code packageManager} and {@code packageName}, however long that entry is, and otherwise reads
 * on to the project keys. It stops, without a claim on what it saw before, at a key that
 * identifies another format, at another format's container of entries that holds something, and
 * at vulnerabilities shaped like CycloneDX's.
 */
final class ProjectSniffer {

    private static final List<String> PROJECT_KEYS =
            List.of("packageManager", "projectName", "ok", "dependencyCount", "uniqueCount");
    /** Keys of a CycloneDX vulnerability that a Snyk entry has not. */
    private static final Set<String> CYCLONEDX_ENTRY_KEYS = Set.of("affects", "ratings", "bom-ref", "analysis");

    private final JsonCursor cursor;
    private final List<String> keys = new ArrayList<>();
    private boolean array;
    private boolean vulnerabilities;
    private boolean entries;
    private boolean error;
    private String foreign;

    private ProjectSniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        ProjectSniffer sniffer = new ProjectSniffer(opened);
        try (JsonCursor cursor = opened) {
            JsonToken first = cursor.nextToken();
            if (first == JsonToken.START_ARRAY) {
                sniffer.array = true;
                first = cursor.nextToken();
            }
            if (first == JsonToken.START_OBJECT) {
                cursor.forEachFieldWhile(sniffer::field);
            }
        } catch (ReportParseException malformedOrCut) {
            // Decide on what was seen before.
        }
        return sniffer.verdict();
    }

    /** Looks at one key of the project; says whether to look further. */
    private boolean field(String name) {
        if (PROJECT_KEYS.contains(name)) {
            keys.add(name);
            cursor.skip();
        } else if (name.equals("vulnerabilities")) {
            vulnerabilities();
        } else if (name.equals("error")) {
            error = true;
            cursor.skip();
        } else {
            return other(name);
        }
        return foreign == null && !decided();
    }

    private boolean decided() {
        return vulnerabilities && (entries || !keys.isEmpty())
                || keys.contains("packageManager") && keys.contains("projectName");
    }

    private void vulnerabilities() {
        vulnerabilities = true;
        if (cursor.currentToken() != JsonToken.START_ARRAY) {
            cursor.skip();
            return;
        }
        JsonToken first = cursor.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return;
        }
        if (first == JsonToken.START_OBJECT) {
            Set<String> seen = new HashSet<>();
            cursor.forEachFieldWhile(key -> {
                seen.add(key);
                cursor.skip();
                if (CYCLONEDX_ENTRY_KEYS.contains(key)) {
                    foreign = "vulnerabilities whose entries have \"" + key + "\", as CycloneDX's do";
                    return false;
                }
                entries = seen.contains("packageManager") && seen.contains("packageName");
                return !entries;
            });
            if (entries || foreign != null) {
                return;
            }
        }
        cursor.skipRest();
    }

    private boolean other(String name) {
        if (name.equals("applications")) {
            // Snyk's own container of projects: a sign of nothing else.
            cursor.skip();
            return true;
        }
        foreign = FormatKeys.otherFormat(cursor, name, "Snyk").orElse(null);
        return foreign == null;
    }

    private Detection verdict() {
        String where = array ? "an array of Snyk projects" : "a Snyk project";
        List<String> projectKeys = keys.stream().distinct().toList();
        if (vulnerabilities && (entries || !projectKeys.isEmpty())) {
            return Detection.certain(
                    SnykJsonReader.FORMAT,
                    null,
                    where + ": vulnerabilities with "
                            + (entries
                                    ? "entries naming packageManager and packageName"
                                    : String.join(", ", projectKeys)));
        }
        if (projectKeys.contains("packageManager") && projectKeys.contains("projectName")) {
            return Detection.certain(SnykJsonReader.FORMAT, null, where + ": " + String.join(", ", projectKeys));
        }
        String before = foreign == null ? "" : ", before " + foreign;
        if (projectKeys.contains("ok") && error && foreign == null) {
            return Detection.of(0.6, SnykJsonReader.FORMAT, "a Snyk error result: ok and error, no vulnerabilities");
        }
        if (vulnerabilities) {
            return Detection.of(
                    0.2,
                    SnykJsonReader.FORMAT,
                    "a vulnerabilities array without Snyk's project or entry keys" + before);
        }
        return Detection.none(
                SnykJsonReader.FORMAT,
                "no Snyk project keys (vulnerabilities with packageManager, projectName or ok)" + before);
    }
}
