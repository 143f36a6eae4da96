package dev.shelflife.spdx;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Tells the two syntaxes of SPDX apart and recognises each from its structure, read as a stream
 * for as far as the decision needs.
 *
 * <p>A document whose first character (after white space and a UTF-8 byte-order mark) is a letter
 * or {@code #} is tag-value, and is SPDX when its first tag, after comments and blank lines, is
 * {@code SPDXVersion: SPDX-…}. Any other document is JSON (in any encoding JSON allows): SPDX 2
 * when a top-level {@code spdxVersion} says {@code SPDX-…} or an {@code SPDXID} says
 * {@code SPDXRef-…}, SPDX 3 when its {@code @context} is SPDX 3.0's; an {@code @graph} before any
 * {@code @context} is claimed less surely. The look stops at a key that identifies another format,
 * or another format's container that holds something.
 */
final class SpdxSniffer {

    private SpdxSniffer() {}

    /** The syntax a document is written in, by its first bytes. */
    enum Start {
        JSON,
        TAG_VALUE
    }

    /**
     * Which syntax a document is in, by its first significant byte; UTF-16 and UTF-32 are JSON's.
     *
     * @param source the input
     * @return the syntax
     * @throws ReportParseException if the source cannot be opened
     */
    static Start start(ReportSource source) {
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || (head[0] & 0xFF) >= 0xFE)) {
                return Start.JSON;
            }
            int offset =
                    head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                            ? 3
                            : 0;
            int b;
            int index = offset;
            while (true) {
                if (index < head.length) {
                    b = head[index++] & 0xFF;
                } else {
                    b = in.read();
                }
                if (b < 0) {
                    return Start.JSON;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    break;
                }
            }
            return b == '#' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' ? Start.TAG_VALUE : Start.JSON;
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Looks at a document. Never throws for foreign or malformed input.
     *
     * @param source the input
     * @return the detection
     */
    static Detection detect(ReportSource source) {
        try {
            return start(source) == Start.TAG_VALUE ? tagValue(source) : json(source);
        } catch (ReportParseException unreadable) {
            return Detection.none("spdx", "not an SPDX document: " + unreadable.problem());
        }
    }

    private static Detection tagValue(ReportSource source) {
        try (InputStream in = source.open()) {
            Lines lines = new Lines(source.name(), in, source.limits());
            String line;
            while ((line = lines.next()) != null) {
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                int colon = stripped.indexOf(':');
                if (colon > 0
                        && stripped.substring(0, colon).strip().equals("SPDXVersion")
                        && stripped.substring(colon + 1).strip().startsWith("SPDX-")) {
                    String version = stripped.substring(colon + 1).strip();
                    return Detection.certain(
                            SpdxDocument.Syntax.TAG_VALUE.format(),
                            version.substring("SPDX-".length()),
                            "SPDX tag-value: its first tag is SPDXVersion: " + version);
                }
                return Detection.none(
                        SpdxDocument.Syntax.TAG_VALUE.format(), "not SPDX tag-value: its first tag is not SPDXVersion");
            }
            return Detection.none(SpdxDocument.Syntax.TAG_VALUE.format(), "not SPDX tag-value: no tag");
        } catch (IOException | ReportParseException e) {
            return Detection.none(SpdxDocument.Syntax.TAG_VALUE.format(), "not SPDX tag-value: unreadable lines");
        }
    }

    private static Detection json(ReportSource source) {
        return TopLevelLook.detect(source, Walk::new);
    }

    /** The look at a JSON document's top-level keys. */
    private static final class Walk implements TopLevelLook {
        private final JsonCursor cursor;
        private Detection decided;
        private boolean graph;
        private String foreign;

        Walk(JsonCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean field(String name) {
            switch (name) {
                case "spdxVersion" -> {
                    String version = scalar();
                    if (version.startsWith("SPDX-")) {
                        decided = Detection.certain(
                                SpdxDocument.Syntax.JSON.format(),
                                version.substring("SPDX-".length()),
                                "SPDX JSON: spdxVersion " + version);
                    }
                }
                case "SPDXID" -> {
                    if (scalar().startsWith("SPDXRef-")) {
                        decided = Detection.certain(SpdxDocument.Syntax.JSON.format(), null, "SPDX JSON: an SPDXID");
                    }
                }
                case "@context" -> {
                    if (context()) {
                        decided = Detection.certain(
                                SpdxDocument.Syntax.JSON_LD.format(), null, "SPDX 3 JSON-LD: SPDX 3.0's @context");
                    } else {
                        foreign = "an @context that is not SPDX 3.0's";
                        return false;
                    }
                }
                case "@graph" -> {
                    graph = true;
                    return false;
                }
                default -> {
                    foreign = FormatKeys.otherFormat(cursor, name, "SPDX").orElse(null);
                    if (foreign != null) {
                        return false;
                    }
                }
            }
            return decided == null;
        }

        /** Whether the {@code @context} the cursor is on names SPDX 3.0's. */
        private boolean context() {
            JsonToken token = cursor.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return isSpdx3(cursor.text());
            }
            if (token == JsonToken.START_ARRAY) {
                boolean[] spdx = new boolean[1];
                cursor.forEachElement(index -> {
                    if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                        spdx[0] |= isSpdx3(cursor.text());
                    } else {
                        cursor.skip();
                    }
                });
                return spdx[0];
            }
            cursor.skip();
            return false;
        }

        private static boolean isSpdx3(String context) {
            return context != null && context.toLowerCase(Locale.ROOT).contains("spdx.org/rdf/3.0");
        }

        private String scalar() {
            if (cursor.currentToken().isScalarValue()) {
                String text = cursor.text();
                return text == null ? "" : text.strip();
            }
            cursor.skip();
            return "";
        }

        @Override
        public Detection verdict() {
            if (decided != null) {
                return decided;
            }
            if (graph) {
                return Detection.of(
                        0.6,
                        SpdxDocument.Syntax.JSON_LD.format(),
                        "an @graph, as SPDX 3 JSON-LD has, before any @context");
            }
            return Detection.none(
                    SpdxDocument.Syntax.JSON.format(),
                    "not an SPDX document: no spdxVersion, SPDXID or SPDX 3 @context"
                            + (foreign == null ? "" : ", before " + foreign));
        }
    }
}
