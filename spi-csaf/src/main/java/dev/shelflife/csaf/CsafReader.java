package dev.shelflife.csaf;

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
import java.util.List;
import java.util.Set;

/**
 * Walks one CSAF document with a {@link JsonCursor}: the outer object token by token, the
 * {@code document} and {@code product_tree} bound as {@link CsafJson} records, each vulnerability
 * field by field with its product status walked id by id, so that each raw entry keeps its
 * location. The top-level keys come in any order, and the vulnerabilities refer to products of the
 * tree, so the {@link CsafMapper} maps them once the document has been read. Also sniffs the head
 * of a source for {@link CsafScannerAdapter#detect}.
 */
final class CsafReader {

    /** The format name reports and detections carry. */
    static final String FORMAT = "csaf-json";
    /** The CSAF version this reader reads. */
    static final String VERSION = "2.0";

    /** The categories of a product status, each a list of product ids: one raw entry each. */
    static final Set<String> STATUSES = Set.of(
            "first_affected",
            "first_fixed",
            "fixed",
            "known_affected",
            "known_not_affected",
            "last_affected",
            "recommended",
            "under_investigation");

    private static final int KEYS_IN_MESSAGES = 5;
    private static final Set<String> TOP_LEVEL = Set.of("document", "product_tree", "vulnerabilities");
    private static final Set<String> VULNERABILITY =
            Set.of("cve", "ids", "flags", "threats", "remediations", "product_status");
    /** Every key a CSAF 2.0 vulnerability may have: its schema allows no other. */
    private static final Set<String> VULNERABILITY_KEYS = Set.of(
            "acknowledgments",
            "cve",
            "cwe",
            "discovery_date",
            "flags",
            "ids",
            "involvements",
            "notes",
            "product_status",
            "references",
            "release_date",
            "remediations",
            "scores",
            "threats",
            "title");

    private final ReportSource source;
    private final JsonCursor cursor;
    private final CsafMapper mapper;
    private final List<String> keys = new ArrayList<>();
    private final List<Vulnerability> vulnerabilities = new ArrayList<>();
    private int entriesRead;

    private CsafReader(ReportSource source, JsonCursor cursor) {
        this.source = source;
        this.cursor = cursor;
        this.mapper = new CsafMapper();
        cursor.reportProblemsTo(mapper::problem);
    }

    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            return new CsafReader(source, cursor).readDocument();
        }
    }

    private ScanReport readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            throw new UnsupportedReportException(
                    start,
                    "not a CSAF document: expected a JSON object with a \"document\" and \"vulnerabilities\", found "
                            + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
        }
        CsafJson.Document[] document = new CsafJson.Document[1];
        ReportLocation[] documentAt = new ReportLocation[1];
        CsafJson.ProductTree[] tree = new CsafJson.ProductTree[1];
        ReportLocation[] treeAt = new ReportLocation[1];
        boolean[] listsVulnerabilities = {false};
        cursor.forEachField(name -> {
            if (keys.size() < KEYS_IN_MESSAGES) {
                keys.add(name);
            }
            switch (name) {
                case "document" -> {
                    documentAt[0] = cursor.location();
                    document[0] = cursor.read(CsafJson.Document.class);
                }
                case "product_tree" -> {
                    treeAt[0] = cursor.location();
                    tree[0] = cursor.read(CsafJson.ProductTree.class);
                }
                case "vulnerabilities" -> listsVulnerabilities[0] = readVulnerabilities();
                // A key spelled like one CSAF has, or another format's entries, are reported.
                default -> cursor.skipUnread(name, TOP_LEVEL);
            }
        });
        cursor.requireEnd();
        if (document[0] == null && tree[0] == null) {
            throw new UnsupportedReportException(
                    start,
                    "not a CSAF document: no \"document\" and no \"product_tree\""
                            + (keys.isEmpty()
                                    ? " (an empty object)"
                                    : " (its keys start " + String.join(", ", keys) + ")"));
        }
        String version = document[0] == null ? null : document[0].csafVersion();
        if (version != null && !version.equals(VERSION)) {
            throw new UnsupportedReportException(
                    documentAt[0].withPath("/document/csaf_version"),
                    "CSAF " + version + " is not read: this adapter reads CSAF " + VERSION);
        }
        return mapper.build(new CsafMapper.Read(
                document[0],
                documentAt[0] != null ? documentAt[0] : start.withPath("/document"),
                tree[0],
                treeAt[0] != null ? treeAt[0] : start.withPath("/product_tree"),
                vulnerabilities,
                listsVulnerabilities[0],
                start));
    }

    /** Reads the vulnerabilities; a {@code null} is none, as a missing key is. */
    private boolean readVulnerabilities() {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected \"vulnerabilities\" to be an array, found " + JsonCursor.describe(token));
        }
        cursor.forEachElement(index -> readVulnerability());
        return true;
    }

    private void readVulnerability() {
        ReportLocation at = cursor.location();
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            mapper.ignored("a vulnerability that is null: it lists no product status", at);
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw cursor.failure("expected a vulnerability (an object), found " + JsonCursor.describe(token));
        }
        Vulnerability vulnerability = new Vulnerability(at);
        cursor.forEachField(name -> {
            switch (name) {
                case "cve" -> vulnerability.cve = cursor.text();
                case "ids" -> vulnerability.ids = list(CsafJson.Id.class, "ids");
                case "flags" -> {
                    vulnerability.flagsAt = cursor.location();
                    vulnerability.flags = list(CsafJson.Flag.class, "flags");
                }
                case "threats" -> vulnerability.threats = list(CsafJson.Threat.class, "threats");
                case "remediations" -> vulnerability.remediations = list(CsafJson.Remediation.class, "remediations");
                case "product_status" -> readProductStatus(vulnerability);
                default -> cursor.skipUnread(name, VULNERABILITY);
            }
        });
        vulnerabilities.add(vulnerability);
    }

    private <T> List<T> list(Class<T> type, String what) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw cursor.failure("expected \"" + what + "\" to be an array, found " + JsonCursor.describe(token));
        }
        List<T> values = new ArrayList<>();
        cursor.forEachElement(i -> {
            T value = cursor.read(type);
            if (value != null) {
                values.add(value);
            }
        });
        return values;
    }

    private void readProductStatus(Vulnerability vulnerability) {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw cursor.failure("expected \"product_status\" to be an object, found " + JsonCursor.describe(token));
        }
        vulnerability.productStatus = true;
        cursor.forEachField(category -> {
            if (!STATUSES.contains(category)) {
                cursor.skipUnread(category, STATUSES);
                return;
            }
            JsonToken list = cursor.currentToken();
            if (list == JsonToken.VALUE_NULL) {
                return;
            }
            if (list != JsonToken.START_ARRAY) {
                throw cursor.failure("expected \"" + category + "\" to be an array of product ids, found "
                        + JsonCursor.describe(list));
            }
            cursor.forEachElement(i -> {
                int max = source.limits().maxEntries();
                if (++entriesRead > max) {
                    throw cursor.failure(
                            "limit exceeded: more than " + max + " product status entries (ReadLimits.maxEntries)");
                }
                ReportLocation at = cursor.location();
                vulnerability.entries.add(new Entry(category, cursor.text(), at));
            });
        });
    }

    /** One product id that a product status lists: a raw entry. */
    record Entry(String category, String productId, ReportLocation at) {}

    /** One vulnerability as written, before its product ids are resolved. */
    static final class Vulnerability {
        final ReportLocation at;
        String cve;
        List<CsafJson.Id> ids = List.of();
        ReportLocation flagsAt;
        List<CsafJson.Flag> flags = List.of();
        List<CsafJson.Threat> threats = List.of();
        List<CsafJson.Remediation> remediations = List.of();
        boolean productStatus;
        final List<Entry> entries = new ArrayList<>();

        Vulnerability(ReportLocation at) {
            this.at = at;
        }
    }

    /**
     * Looks at a source's top-level keys for CSAF's, read as a stream for as far as the decision
     * needs: a {@code document} that names a {@code csaf_version} decides where it stands, and CSAF
     * writes it first; without one, a {@code product_tree} and a first vulnerability with a
     * {@code product_status} do. The look stops, without a claim on what it saw before, at a key
     * that identifies another format ({@link FormatKeys#identifies(String)}) or another format's
     * container of entries that holds something.
     */
    static Detection detect(ReportSource source) {
        return TopLevelLook.detect(source, Sniff::new);
    }

    /** What the look saw. */
    private static final class Sniff implements TopLevelLook {
        private final JsonCursor cursor;
        private String csafVersion;
        private String category;
        private boolean productTree;
        private boolean statusShaped;
        private String foreign;

        Sniff(JsonCursor cursor) {
            this.cursor = cursor;
        }

        /** Looks at one top-level key; says whether to look further. */
        @Override
        public boolean field(String name) {
            switch (name) {
                case "document" -> sniffDocument();
                case "product_tree" -> {
                    productTree = true;
                    cursor.skip();
                }
                case "vulnerabilities" -> sniffVulnerabilities();
                default -> {
                    return other(name);
                }
            }
            return foreign == null && csafVersion == null && !(productTree && statusShaped);
        }

        private void sniffDocument() {
            if (cursor.currentToken() != JsonToken.START_OBJECT) {
                cursor.skip();
                return;
            }
            cursor.forEachField(key -> {
                if (key.equals("csaf_version") && cursor.currentToken() == JsonToken.VALUE_STRING) {
                    csafVersion = cursor.text();
                } else if (key.equals("category") && cursor.currentToken() == JsonToken.VALUE_STRING) {
                    category = cursor.text();
                } else {
                    cursor.skip();
                }
            });
        }

        private void sniffVulnerabilities() {
            if (cursor.currentToken() != JsonToken.START_ARRAY) {
                cursor.skip();
                return;
            }
            JsonToken first = cursor.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                cursor.forEachFieldWhile(key -> {
                    if (!VULNERABILITY_KEYS.contains(key)) {
                        // Another format's vulnerabilities (Snyk's, CycloneDX's, GitLab's): not worth reading on.
                        foreign = "vulnerabilities whose first entry has \"" + key + "\", which CSAF's have not";
                        return false;
                    }
                    cursor.skip();
                    statusShaped |= key.equals("product_status");
                    return !statusShaped;
                });
                if (foreign != null) {
                    return;
                }
                if (statusShaped) {
                    cursor.skipRest();
                }
            }
            cursor.skipRest();
        }

        private boolean other(String name) {
            foreign = FormatKeys.otherFormat(cursor, name, "CSAF").orElse(null);
            return foreign == null;
        }

        @Override
        public Detection notAnObject() {
            return Detection.none(FORMAT, "not a JSON object");
        }

        @Override
        public Detection verdict() {
            if (csafVersion != null && foreign == null) {
                return Detection.certain(
                        FORMAT,
                        csafVersion,
                        "document.csaf_version is \"" + csafVersion + "\""
                                + (category == null ? "" : ", category " + category));
            }
            if (foreign != null) {
                return Detection.none(FORMAT, "a JSON object with " + foreign);
            }
            if (productTree && statusShaped) {
                return Detection.of(
                        0.8, FORMAT, "a product_tree and vulnerabilities with a product_status, but no csaf_version");
            }
            return Detection.none(FORMAT, "no document.csaf_version, and no product_tree with product statuses");
        }
    }
}
