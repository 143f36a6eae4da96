package dev.shelflife.openvex;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one OpenVEX document with a {@link JsonCursor}: the outer object token by token, each
 * statement field by field (its {@code vulnerability} and {@code products} are strings in the older
 * shape and objects in v0.2.0), handed to an {@link OpenVexMapper}. Also sniffs the head of a
 * source for {@link OpenVexScannerAdapter#detect}.
 */
final class OpenVexReader {

    /** The format name reports and detections carry. */
    static final String FORMAT = "openvex-json";
    /** What every OpenVEX {@code @context} starts with; v0.2.0 adds {@code /v0.2.0}. */
    static final String CONTEXT = "https://openvex.dev/ns";

    private static final int KEYS_IN_MESSAGES = 5;
    private static final Set<String> TOP_LEVEL = Set.of(
            "@context",
            "@id",
            "author",
            "role",
            "timestamp",
            "last_updated",
            "version",
            "tooling",
            "supplier",
            "statements");
    private static final Set<String> STATEMENT = Set.of(
            "@id",
            "version",
            "vulnerability",
            "timestamp",
            "last_updated",
            "products",
            "subcomponents",
            "status",
            "supplier",
            "status_notes",
            "justification",
            "impact_statement",
            "action_statement",
            "action_statement_timestamp");
    private static final Set<String> VULNERABILITY = Set.of("@id", "name", "description", "aliases");
    private static final Set<String> PRODUCT = Set.of("@id", "identifiers", "hashes", "subcomponents");
    private static final Set<String> IDENTIFIERS = Set.of("purl", "cpe23", "cpe22");

    private final ReportSource source;
    private final JsonCursor cursor;
    private final OpenVexMapper mapper;
    private final List<String> keys = new ArrayList<>();
    private int statementsRead;

    private OpenVexReader(ReportSource source, JsonCursor cursor) {
        this.source = source;
        this.cursor = cursor;
        this.mapper = new OpenVexMapper();
        cursor.reportProblemsTo(mapper::problem);
    }

    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            return new OpenVexReader(source, cursor).readDocument();
        }
    }

    private ScanReport readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            throw new UnsupportedReportException(
                    start,
                    "not an OpenVEX document: expected a JSON object with a \"statements\" array, found "
                            + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
        }
        Document document = new Document();
        cursor.forEachField(name -> {
            if (keys.size() < KEYS_IN_MESSAGES) {
                keys.add(name);
            }
            switch (name) {
                case "@context" -> document.context(cursor.location(), context());
                case "author" -> document.author = cursor.text();
                case "timestamp" -> document.timestamp = text();
                case "last_updated" -> document.lastUpdated = text();
                case "statements" -> document.statements = readStatements();
                // A key spelled like one OpenVEX writes, or another format's entries, are reported.
                default -> cursor.skipUnread(name, TOP_LEVEL);
            }
        });
        cursor.requireEnd();
        if (document.foreignContext != null) {
            throw new UnsupportedReportException(
                    document.contextAt,
                    "not an OpenVEX document: its @context is " + document.foreignContext + ", not " + CONTEXT + "…");
        }
        if (!document.openVexContext && !document.statements) {
            throw new UnsupportedReportException(
                    start,
                    "not an OpenVEX document: no @context " + CONTEXT + "… and no \"statements\""
                            + (keys.isEmpty()
                                    ? " (an empty object)"
                                    : " (its keys start " + String.join(", ", keys) + ")"));
        }
        if (!document.openVexContext) {
            mapper.missing(
                    "no @context: read as OpenVEX for its statements, though the document does not say it is one",
                    start.withPath("/@context"));
        }
        if (!document.statements) {
            mapper.missing(
                    "no \"statements\": an OpenVEX document keeps its statements there, so this one may be cut"
                            + " down, and says nothing",
                    start.withPath("/statements"));
        }
        return mapper.build(document.version, document.author, document.timestamp, document.lastUpdated);
    }

    /** What the top level of the document says. */
    private static final class Document {
        private boolean openVexContext;
        private String version;
        private String foreignContext;
        private ReportLocation contextAt;
        private String author;
        private Located timestamp;
        private Located lastUpdated;
        private boolean statements;

        void context(ReportLocation at, List<String> values) {
            contextAt = at;
            for (String value : values) {
                if (value != null && value.startsWith(CONTEXT)) {
                    openVexContext = true;
                    version = versionOf(value);
                    foreignContext = null;
                    return;
                }
            }
            foreignContext = values.isEmpty() ? "not a string" : "\"" + String.join("\", \"", values) + "\"";
        }
    }

    /** The {@code @context}: a string, or an array of strings; anything else is no OpenVEX context. */
    private List<String> context() {
        JsonToken token = cursor.currentToken();
        List<String> values = new ArrayList<>();
        if (token == JsonToken.VALUE_STRING) {
            values.add(cursor.text());
        } else if (token == JsonToken.START_ARRAY) {
            cursor.forEachElement(i -> {
                if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                    values.add(cursor.text());
                } else {
                    cursor.skip();
                }
            });
        } else {
            cursor.skip();
        }
        return values;
    }

    /** Reads the statements; a {@code null} is no statements, as a missing key is. */
    private boolean readStatements() {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected \"statements\" to be an array, found " + JsonCursor.describe(token));
        }
        cursor.forEachElement(index -> readStatement());
        return true;
    }

    private void readStatement() {
        int max = source.limits().maxEntries();
        if (++statementsRead > max) {
            throw cursor.failure("limit exceeded: more than " + max + " statements (ReadLimits.maxEntries)");
        }
        ReportLocation at = cursor.location();
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            mapper.skipped("a statement that is null", at);
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw cursor.failure("expected a statement (an object), found " + JsonCursor.describe(token));
        }
        Statement statement = new Statement(at);
        cursor.forEachField(name -> {
            switch (name) {
                case "vulnerability" -> readVulnerability(statement);
                case "products" -> readProducts(statement);
                case "subcomponents" -> statement.subcomponents.addAll(readComponents());
                case "status" -> statement.status = text();
                case "status_notes" -> statement.statusNotes = cursor.text();
                case "justification" -> statement.justification = text();
                case "impact_statement" -> statement.impactStatement = cursor.text();
                case "action_statement" -> statement.actionStatement = cursor.text();
                case "timestamp" -> statement.timestamp = text();
                case "last_updated" -> statement.lastUpdated = text();
                default -> cursor.skipUnread(name, STATEMENT);
            }
        });
        mapper.statement(statement);
    }

    private void readVulnerability(Statement statement) {
        JsonToken token = cursor.currentToken();
        statement.vulnerabilityAt = cursor.location();
        if (token == JsonToken.START_OBJECT) {
            cursor.forEachField(name -> {
                switch (name) {
                    case "@id" -> statement.vulnerabilityIri = cursor.text();
                    case "name" -> statement.vulnerabilityName = cursor.text();
                    case "aliases" -> readAliases(statement);
                    default -> cursor.skipUnread(name, VULNERABILITY);
                }
            });
        } else if (token == JsonToken.START_ARRAY) {
            throw cursor.failure("expected the vulnerability to be an object or a string, found an array");
        } else {
            // The older shape: the vulnerability's name as a string.
            statement.vulnerabilityName = cursor.text();
        }
    }

    private void readAliases(Statement statement) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected the aliases to be an array of strings, found " + JsonCursor.describe(token));
        }
        cursor.forEachElement(i -> {
            String alias = cursor.text();
            if (alias != null && !alias.isBlank()) {
                statement.aliases.add(alias.strip());
            }
        });
    }

    private void readProducts(Statement statement) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected \"products\" to be an array, found " + JsonCursor.describe(token));
        }
        cursor.forEachElement(i -> {
            ReportLocation at = cursor.location();
            JsonToken element = cursor.currentToken();
            if (element == JsonToken.START_OBJECT) {
                statement.products.add(readComponent(at, true));
            } else if (element == JsonToken.VALUE_STRING) {
                // The older shape: the product's identifier as a string.
                statement.products.add(new Component(at, cursor.text(), null, null, null, List.of(), false));
            } else if (element == JsonToken.VALUE_NULL) {
                statement.products.add(new Component(at, null, null, null, null, List.of(), false));
            } else {
                throw cursor.failure(
                        "expected a product (an object or a string), found " + JsonCursor.describe(element));
            }
        });
    }

    /** The subcomponents of a product or, in the older shape, of a statement: objects or strings. */
    private List<Component> readComponents() {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected \"subcomponents\" to be an array, found " + JsonCursor.describe(token));
        }
        List<Component> components = new ArrayList<>();
        cursor.forEachElement(i -> {
            ReportLocation at = cursor.location();
            JsonToken element = cursor.currentToken();
            if (element == JsonToken.START_OBJECT) {
                components.add(readComponent(at, false));
            } else if (element == JsonToken.VALUE_STRING || element == JsonToken.VALUE_NULL) {
                components.add(new Component(at, cursor.text(), null, null, null, List.of(), false));
            } else {
                throw cursor.failure(
                        "expected a subcomponent (an object or a string), found " + JsonCursor.describe(element));
            }
        });
        return components;
    }

    private Component readComponent(ReportLocation at, boolean product) {
        String[] id = new String[1];
        String[] identifiers = new String[3];
        List<Component> subcomponents = new ArrayList<>();
        boolean[] listsSubcomponents = {false};
        cursor.forEachField(name -> {
            switch (name) {
                case "@id" -> id[0] = cursor.text();
                case "identifiers" -> readIdentifiers(identifiers);
                case "subcomponents" -> {
                    if (product) {
                        List<Component> read = readComponents();
                        listsSubcomponents[0] |= !read.isEmpty();
                        subcomponents.addAll(read);
                    } else {
                        cursor.skip();
                    }
                }
                default -> cursor.skipUnread(name, PRODUCT);
            }
        });
        return new Component(
                at, id[0], identifiers[0], identifiers[1], identifiers[2], subcomponents, listsSubcomponents[0]);
    }

    private void readIdentifiers(String[] identifiers) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw cursor.failure("expected \"identifiers\" to be an object, found " + JsonCursor.describe(token));
        }
        cursor.forEachField(name -> {
            switch (name) {
                case "purl" -> identifiers[0] = cursor.text();
                case "cpe23" -> identifiers[1] = cursor.text();
                case "cpe22" -> identifiers[2] = cursor.text();
                default -> cursor.skipUnread(name, IDENTIFIERS);
            }
        });
    }

    /** The version an OpenVEX {@code @context} names: {@code 0.2.0} for {@code https://openvex.dev/ns/v0.2.0}, none for the bare namespace. */
    static String versionOf(String context) {
        String rest = context.substring(CONTEXT.length());
        return rest.startsWith("/v") && rest.length() > 2 ? rest.substring(2) : null;
    }

    private Located text() {
        ReportLocation at = cursor.location();
        String value = cursor.text();
        return value == null ? null : new Located(value, at);
    }

    /** A string value and where it stands. */
    record Located(String value, ReportLocation at) {}

    /**
     * A product or subcomponent as written: its {@code @id} and identifiers, each possibly absent,
     * and for a product its subcomponents.
     *
     * @param listsSubcomponents whether the product lists any subcomponent, usable or not: a
     *     product whose subcomponents are all unusable must not be read as the whole product
     */
    record Component(
            ReportLocation at,
            String id,
            String purl,
            String cpe23,
            String cpe22,
            List<Component> subcomponents,
            boolean listsSubcomponents) {

        /** The identifier matching uses: the purl, else the {@code @id}, else a CPE; empty when there is none. */
        Optional<String> identifier() {
            for (String candidate : new String[] {purl, id, cpe23, cpe22}) {
                if (candidate != null && !candidate.isBlank()) {
                    return Optional.of(candidate.strip());
                }
            }
            return Optional.empty();
        }
    }

    /** One statement as written, before mapping. */
    static final class Statement {
        final ReportLocation at;
        ReportLocation vulnerabilityAt;
        String vulnerabilityIri;
        String vulnerabilityName;
        final List<String> aliases = new ArrayList<>();
        final List<Component> products = new ArrayList<>();
        /** Subcomponents the older shape lists beside the products, which apply to each of them. */
        final List<Component> subcomponents = new ArrayList<>();

        Located status;
        String statusNotes;
        Located justification;
        String impactStatement;
        String actionStatement;
        Located timestamp;
        Located lastUpdated;

        Statement(ReportLocation at) {
            this.at = at;
        }
    }

    /**
     * Looks at a source's top-level keys for OpenVEX's, read as a stream for as far as the decision
     * needs: an {@code @context} decides where it stands, and OpenVEX writes it first; without one,
     * a first statement with a {@code vulnerability} and a {@code status} does. The look stops,
     * without a claim on what it saw before, at a key that identifies another format
     * ({@link FormatKeys#identifies(String)}) or another format's container of entries that holds
     * something.
     */
    static Detection detect(ReportSource source) {
        return TopLevelLook.detect(source, Sniff::new);
    }

    /** What the look saw. */
    private static final class Sniff implements TopLevelLook {
        private final JsonCursor cursor;
        private String context;
        private String openVex;
        private boolean openVexContext;
        private boolean statementShaped;
        private String foreign;

        Sniff(JsonCursor cursor) {
            this.cursor = cursor;
        }

        /** Looks at one top-level key; says whether to look further. */
        @Override
        public boolean field(String name) {
            switch (name) {
                case "@context" -> {
                    sniffContext();
                    return false;
                }
                case "statements" -> sniffStatements();
                default -> {
                    return other(name);
                }
            }
            return !statementShaped && foreign == null;
        }

        private void sniffContext() {
            JsonToken token = cursor.currentToken();
            List<String> values = new ArrayList<>();
            if (token == JsonToken.VALUE_STRING) {
                values.add(cursor.text());
            } else if (token == JsonToken.START_ARRAY) {
                while (cursor.nextToken() == JsonToken.VALUE_STRING) {
                    values.add(cursor.text());
                }
            }
            context = values.isEmpty() ? null : String.join(", ", values);
            openVex = values.stream()
                    .filter(v -> v.startsWith(CONTEXT))
                    .findFirst()
                    .orElse(null);
            openVexContext = openVex != null;
            if (!openVexContext) {
                foreign = "an @context of another vocabulary" + (context == null ? "" : " (" + context + ")");
            }
        }

        private void sniffStatements() {
            if (cursor.currentToken() != JsonToken.START_ARRAY) {
                cursor.skip();
                return;
            }
            JsonToken first = cursor.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                Set<String> keys = new HashSet<>();
                statementShaped = !cursor.forEachFieldWhile(key -> {
                    keys.add(key);
                    cursor.skip();
                    return !(keys.contains("vulnerability") && keys.contains("status"));
                });
                if (statementShaped) {
                    return;
                }
            }
            cursor.skipRest();
        }

        private boolean other(String name) {
            foreign = FormatKeys.otherFormat(cursor, name, "OpenVEX").orElse(null);
            return foreign == null;
        }

        @Override
        public Detection notAnObject() {
            return Detection.none(FORMAT, "not a JSON object");
        }

        @Override
        public Detection verdict() {
            if (openVexContext) {
                return Detection.certain(FORMAT, versionOf(openVex), "@context " + openVex);
            }
            if (foreign != null) {
                return Detection.none(FORMAT, "a JSON object with " + foreign);
            }
            if (statementShaped) {
                return Detection.of(
                        0.9, FORMAT, "\"statements\" whose first statement has a vulnerability and a status");
            }
            return Detection.none(FORMAT, "no OpenVEX @context and no statements");
        }
    }
}
