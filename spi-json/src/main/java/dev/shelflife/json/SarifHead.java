package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the head of a SARIF log says: whether it is one (a {@code $schema} naming SARIF, or
 * {@code version} 2.1.0 with {@code runs}), its version, and the first run's
 * {@code tool.driver.name}, which decides which adapter reads the log.
 *
 * <p>SARIF is written by many tools, and ShelfLife reads it in more than one adapter, each for its
 * own tools (Snyk's, Trivy's and Grype's): the driver's name is how each tells its logs from the
 * others', so that no two adapters ever claim one log. The head is read as a stream for as far as
 * that needs: the look stops once the log is known to be SARIF and the tool is named, before the
 * run's results, and at a key that identifies another format ({@link FormatKeys}), or another
 * format's container of entries that holds something. Malformed or cut input ends the look
 * quietly, with what was seen before.
 *
 * @param sarif whether the log is SARIF
 * @param version the log's {@code version}, if it has one
 * @param tool the first run's {@code tool.driver.name}, if it names one
 * @param foreign what stopped the look before the log was known to be SARIF: another format's key or container
 * @since 0.2
 */
public record SarifHead(boolean sarif, Optional<String> version, Optional<String> tool, Optional<String> foreign) {

    /** Validates the parts. */
    public SarifHead {
        java.util.Objects.requireNonNull(version, "version");
        java.util.Objects.requireNonNull(tool, "tool");
        java.util.Objects.requireNonNull(foreign, "foreign");
    }

    /**
     * Reads the head of a log. Never throws for input that is not SARIF, or malformed.
     *
     * @param source the input
     * @return what the head says
     * @throws ReportParseException only if the source cannot be opened
     */
    public static SarifHead read(ReportSource source) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        Walk walk = new Walk(opened);
        try (JsonCursor cursor = opened) {
            if (cursor.nextToken() == JsonToken.START_OBJECT) {
                cursor.forEachFieldWhile(walk::field);
            }
        } catch (ReportParseException malformedOrCut) {
            // Decide on what was seen before.
        }
        return new SarifHead(
                walk.sarif(),
                Optional.ofNullable(walk.version),
                Optional.ofNullable(walk.tool),
                Optional.ofNullable(walk.foreign));
    }

    /**
     * Why a log is not SARIF, for a detection's reason.
     *
     * @return {@code not a SARIF log (…)}, naming what stopped the look
     */
    public String notSarif() {
        return "not a SARIF log (no sarif $schema, nor version 2.1.0 with runs)"
                + foreign.map(f -> ", before " + f).orElse("");
    }

    /** The walk over the head, field by field. */
    private static final class Walk {
        private final JsonCursor cursor;
        private boolean schemaSarif;
        private String version;
        private boolean runs;
        private String tool;
        private String foreign;

        Walk(JsonCursor cursor) {
            this.cursor = cursor;
        }

        private boolean field(String name) {
            switch (name) {
                case "$schema" ->
                    schemaSarif |= scalar().toLowerCase(Locale.ROOT).contains("sarif");
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
         * Whether the container the cursor is on holds something, leaving the cursor inside it
         * when it does (the look stops there) and on its end when it does not.
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
        private boolean inside(String key, String wanted, BooleanSupplier walk) {
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
    }
}
