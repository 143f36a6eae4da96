package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a SARIF log of Snyk's package scanners from its structure, read as a stream for as
 * far as the decision needs: a {@code $schema} naming SARIF, or {@code version} 2.1.0 with
 * {@code runs}, and the first run's {@code tool.driver.name}. The look stops once both are known,
 * before the run's results, and, without a claim, at a key that identifies another format.
 */
final class SarifSniffer {

    private static final List<String> PACKAGE_TOOLS = List.of("Snyk Container", "Snyk Open Source");

    private final JsonCursor cursor;
    private boolean schemaSarif;
    private String version;
    private boolean runs;
    private String tool;
    private String foreign;

    private SarifSniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        SarifSniffer sniffer = new SarifSniffer(opened);
        try (JsonCursor cursor = opened) {
            if (cursor.nextToken() == JsonToken.START_OBJECT) {
                cursor.forEachFieldWhile(sniffer::field);
            }
        } catch (ReportParseException malformedOrCut) {
            // Decide on what was seen before.
        }
        return sniffer.verdict();
    }

    static boolean isPackageTool(String name) {
        return PACKAGE_TOOLS.stream().anyMatch(name::startsWith);
    }

    private boolean field(String name) {
        switch (name) {
            case "$schema" -> schemaSarif |= scalar().toLowerCase(Locale.ROOT).contains("sarif");
            case "version" -> version = scalar();
            case "runs" -> {
                runs = true;
                if (!firstRun()) {
                    return false;
                }
            }
            default -> {
                Optional<String> format = FormatKeys.identifies(name).filter(f -> !f.equals("SARIF"));
                if (format.isPresent()) {
                    foreign = "\"" + name + "\", which " + format.get() + " writes";
                    return false;
                }
                Optional<String> container = FormatKeys.container(name);
                if (container.isPresent() && holdsSomething()) {
                    foreign = "\"" + name + "\", " + container.get();
                    return false;
                }
                if (container.isEmpty()) {
                    cursor.skip();
                }
            }
        }
        return !decided();
    }

    /**
     * Whether the container the cursor is on holds something, leaving the cursor inside it when
     * it does (the look stops there) and on its end when it does not.
     */
    private boolean holdsSomething() {
        JsonToken token = cursor.currentToken();
        if (!token.isStructStart()) {
            return token != JsonToken.VALUE_NULL;
        }
        return !cursor.nextToken().isStructEnd();
    }

    private boolean sarif() {
        return schemaSarif || "2.1.0".equals(version) && runs;
    }

    private boolean decided() {
        return tool != null && sarif();
    }

    /** Walks the first run as far as its tool's name; says whether to look further. */
    private boolean firstRun() {
        if (cursor.currentToken() != JsonToken.START_ARRAY) {
            cursor.skip();
            return true;
        }
        JsonToken first = cursor.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return true;
        }
        if (first == JsonToken.START_OBJECT && !cursor.forEachFieldWhile(key -> inside(key, "tool", this::tool))) {
            return false;
        }
        cursor.skipRest();
        return true;
    }

    private boolean tool() {
        return cursor.forEachFieldWhile(key -> inside(key, "driver", this::driver));
    }

    private boolean driver() {
        return cursor.forEachFieldWhile(key -> {
            if (key.equals("name") && cursor.currentToken() == JsonToken.VALUE_STRING) {
                tool = cursor.text();
                return !decided();
            }
            cursor.skip();
            return true;
        });
    }

    /** Walks into the object under {@code wanted} with {@code walk}, skipping every other key. */
    private boolean inside(String key, String wanted, java.util.function.BooleanSupplier walk) {
        if (key.equals(wanted) && cursor.currentToken() == JsonToken.START_OBJECT) {
            return walk.getAsBoolean();
        }
        cursor.skip();
        return true;
    }

    private String scalar() {
        if (cursor.currentToken().isScalarValue()) {
            String text = cursor.text();
            return text == null ? "" : text;
        }
        cursor.skip();
        return "";
    }

    private Detection verdict() {
        String format = SnykSarifReader.FORMAT;
        if (!sarif()) {
            return Detection.none(
                    format,
                    "not a SARIF log (no sarif $schema, nor version 2.1.0 with runs)"
                            + (foreign == null ? "" : ", before " + foreign));
        }
        if (tool == null) {
            return Detection.of(0.2, format, "a SARIF log whose first run names no tool");
        }
        if (isPackageTool(tool)) {
            return Detection.certain(format, version, "a SARIF log from " + tool);
        }
        if (tool.startsWith("Snyk")) {
            return Detection.of(
                    0.3,
                    format,
                    "a SARIF log from " + tool
                            + ", which reports code or configuration issues, not vulnerable packages");
        }
        return Detection.of(0.1, format, "a SARIF log from " + tool + ", not from Snyk");
    }
}
