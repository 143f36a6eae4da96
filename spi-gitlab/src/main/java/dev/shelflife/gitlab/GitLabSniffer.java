package dev.shelflife.gitlab;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a GitLab container scanning report from its structure, read as a stream for as far
 * as the decision needs: {@code remediations}, which GitLab's reports alone have at their top
 * level; a {@code scan} whose {@code type} is {@code container_scanning}; or a first entry with
 * both {@code identifiers} and {@code location}. Values are skipped unread; the look stops, without
 * a claim, at a key that identifies another format, or at another format's container of entries
 * that holds something.
 */
final class GitLabSniffer implements TopLevelLook {

    private static final double VERSION_ONLY = 0.2;
    private static final double OTHER = 0.05;

    private final JsonCursor cursor;
    private boolean remediations;
    private String scanType;
    private boolean gitLabEntry;
    private boolean version;
    private String foreign;

    private GitLabSniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        return TopLevelLook.detect(source, GitLabSniffer::new);
    }

    @Override
    public boolean field(String name) {
        switch (name) {
            case "remediations" -> remediations = true;
            case "version" -> {
                version = true;
                cursor.skip();
            }
            case "scan" -> scan();
            case "vulnerabilities" -> {
                if (firstEntry()) {
                    return false;
                }
            }
            default -> {
                foreign = FormatKeys.otherFormat(cursor, name, "GitLab").orElse(null);
                if (foreign != null) {
                    return false;
                }
            }
        }
        return !decided();
    }

    private void scan() {
        if (cursor.currentToken() != JsonToken.START_OBJECT) {
            cursor.skip();
            return;
        }
        cursor.forEachField(key -> {
            if (key.equals("type") && cursor.currentToken().isScalarValue()) {
                scanType = cursor.text();
            } else {
                cursor.skip();
            }
        });
    }

    /**
     * Looks at the keys of the first entry, and stops there (the entries may be the whole report)
     * once it has decided; an empty array is passed over.
     *
     * @return whether the look stopped inside the entries
     */
    private boolean firstEntry() {
        if (cursor.currentToken() != JsonToken.START_ARRAY) {
            cursor.skip();
            return false;
        }
        JsonToken element = cursor.nextToken();
        if (element == JsonToken.END_ARRAY) {
            return false;
        }
        if (element != JsonToken.START_OBJECT) {
            return true;
        }
        List<String> keys = new ArrayList<>();
        cursor.forEachFieldWhile(key -> {
            keys.add(key);
            if (keys.contains("identifiers") && keys.contains("location")) {
                gitLabEntry = true;
                return false;
            }
            cursor.skip();
            return true;
        });
        return true;
    }

    private boolean decided() {
        return remediations || GitLabReader.CONTAINER_SCANNING.equals(scanType) || gitLabEntry;
    }

    @Override
    public Detection verdict() {
        if (decided()) {
            String why = remediations
                    ? "GitLab's remediations"
                    : gitLabEntry
                            ? "GitLab's entries with identifiers and location"
                            : "a scan of type container_scanning";
            return Detection.certain(GitLabReader.FORMAT, null, "a JSON object with " + why);
        }
        String before = foreign == null ? "" : ", before " + foreign;
        if (scanType != null) {
            return Detection.none(
                    GitLabReader.FORMAT, "a GitLab " + scanType + " report, not container scanning" + before);
        }
        if (version) {
            return Detection.of(
                    VERSION_ONLY,
                    GitLabReader.FORMAT,
                    "a JSON object with a version but none of GitLab's scan, remediations or entries" + before);
        }
        return Detection.of(
                OTHER, GitLabReader.FORMAT, "no GitLab report: no scan, remediations or GitLab entries" + before);
    }
}
