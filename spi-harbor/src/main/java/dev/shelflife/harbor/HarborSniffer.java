package dev.shelflife.harbor;

import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;

/**
 * Recognises a Harbor report from its top-level keys, read as a stream for as far as the decision
 * needs: a key that is a Harbor report's MIME type decides at once; a bare report needs
 * {@code generated_at} with {@code scanner} or {@code vulnerabilities}, and the look stops at
 * {@code vulnerabilities}, which may be the whole document. Values are skipped unread;
 * the look stops, without a claim, at a key that identifies another format, or at another
 * format's container of entries that holds something.
 */
final class HarborSniffer implements TopLevelLook {

    private static final double GENERATED_AT_ONLY = 0.3;
    private static final double OTHER = 0.05;

    private final JsonCursor cursor;
    private String version;
    private boolean generatedAt;
    private boolean scanner;
    private boolean vulnerabilities;
    private String foreign;

    private HarborSniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        return TopLevelLook.detect(source, HarborSniffer::new);
    }

    @Override
    public boolean field(String name) {
        String mime = HarborReader.versionOf(name);
        if (mime != null) {
            version = mime;
            return false;
        }
        switch (name) {
            case "generated_at" -> generatedAt = true;
            case "scanner" -> scanner = true;
            case "vulnerabilities" -> {
                // The entries may be the whole document: never skipped. Harbor writes generated_at before them.
                vulnerabilities = true;
                return false;
            }
            default -> {
                foreign = FormatKeys.otherFormat(cursor, name, "Harbor").orElse(null);
                if (foreign != null) {
                    return false;
                }
            }
        }
        if (decided()) {
            return false;
        }
        if (cursor.currentToken().isStructStart()) {
            cursor.skip();
        }
        return true;
    }

    private boolean decided() {
        return generatedAt && (scanner || vulnerabilities);
    }

    @Override
    public Detection verdict() {
        if (version != null) {
            return Detection.certain(
                    HarborReader.FORMAT, version, "a Harbor vulnerability report v" + version + " under its MIME type");
        }
        if (decided()) {
            return Detection.certain(
                    HarborReader.FORMAT,
                    null,
                    "a JSON object with Harbor's generated_at and " + (scanner ? "scanner" : "vulnerabilities"));
        }
        String before = foreign == null ? "" : ", before " + foreign;
        if (generatedAt) {
            return Detection.of(
                    GENERATED_AT_ONLY,
                    HarborReader.FORMAT,
                    "a JSON object with generated_at but neither scanner nor vulnerabilities" + before);
        }
        return Detection.of(
                OTHER, HarborReader.FORMAT, "no Harbor report: no generated_at and no Harbor MIME type" + before);
    }
}
