package dev.shelflife.spdx;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spdx.SpdxDocument.SpdxPackage;
import dev.shelflife.spdx.SpdxDocument.Syntax;
import dev.shelflife.spdx.SpdxJson.Annotation;
import dev.shelflife.spdx.SpdxJson.CreationInfo;
import dev.shelflife.spdx.SpdxJson.Element;
import dev.shelflife.spdx.SpdxJson.ExternalIdentifier;
import dev.shelflife.spdx.SpdxJson.ExternalRef;
import dev.shelflife.spdx.SpdxJson.Package;
import dev.shelflife.spdx.SpdxJson.Relationship;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads SPDX documents written in JSON: SPDX 2.2 and 2.3 ({@code spdxVersion}, {@code packages},
 * {@code relationships}) and SPDX 3.0 JSON-LD ({@code @context} and the {@code @graph} of typed
 * elements). The document is streamed; each package, relationship and element is bound on its own,
 * and only what the inventory needs is kept: the packages, the relationships that say what the
 * document describes, the documents, creation infos and tools.
 */
final class JsonSpdxReader {

    /** The SPDX 2 versions whose JSON this reader reads. */
    static final Set<String> VERSIONS_2 = Set.of("SPDX-2.0", "SPDX-2.1", "SPDX-2.2", "SPDX-2.3");

    private static final Set<String> KEYS = Set.of(
            "spdxVersion",
            "SPDXID",
            "name",
            "creationInfo",
            "documentDescribes",
            "packages",
            "relationships",
            "@context",
            "@graph");
    private static final Set<String> PACKAGE_TYPES_3 = Set.of("software_Package");
    private static final Set<String> DOCUMENT_TYPES_3 = Set.of("SpdxDocument", "software_Sbom");
    private static final Set<String> RELATIONSHIP_TYPES_3 = Set.of("Relationship", "LifecycleScopedRelationship");

    private final JsonCursor cursor;
    private final int maxEntries;
    private int packages;

    private String spdxVersion;
    private ReportLocation versionAt;
    private String documentId;
    private String name;
    private CreationInfo creationInfo;
    private ReportLocation creationInfoAt;
    private final List<String> documentDescribes = new ArrayList<>();
    private final List<SpdxPackage> packages2 = new ArrayList<>();
    private final List<Relationship> describing = new ArrayList<>();
    private final List<String> context = new ArrayList<>();
    private boolean graph;
    private ReportLocation graphAt;
    private final Graph elements = new Graph();

    private JsonSpdxReader(JsonCursor cursor, int maxEntries) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
    }

    /**
     * Reads a whole JSON document.
     *
     * @param source the input
     * @return the inventory
     */
    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            JsonToken first = cursor.firstToken();
            ReportLocation start = cursor.location();
            if (first != JsonToken.START_OBJECT) {
                throw new UnsupportedReportException(
                        start,
                        "not an SPDX document: expected a JSON object, found "
                                + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
            }
            JsonSpdxReader reader = new JsonSpdxReader(cursor, source.limits().maxEntries());
            List<Problem> problems = new ArrayList<>();
            cursor.reportProblemsTo(problems::add);
            cursor.forEachField(reader::field);
            cursor.requireEnd();
            SpdxDocument document = reader.document(start);
            problems.forEach(document::problem);
            return InventoryMapper.report(document);
        }
    }

    private void field(String key) {
        switch (key) {
            case "spdxVersion" -> {
                versionAt = cursor.location();
                spdxVersion = cursor.text();
            }
            case "SPDXID" -> documentId = cursor.text();
            case "name" -> name = cursor.text();
            case "creationInfo" -> {
                creationInfoAt = cursor.location();
                creationInfo = cursor.read(CreationInfo.class);
            }
            case "documentDescribes" -> strings(documentDescribes, "the documentDescribes array");
            case "packages" -> {
                if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                    return;
                }
                cursor.require(JsonToken.START_ARRAY, "the packages array");
                cursor.forEachElement(index -> {
                    countPackage();
                    ReportLocation at = cursor.location();
                    Package pkg = cursor.read(Package.class);
                    if (pkg != null) {
                        packages2.add(packageOf(pkg, at));
                    }
                });
            }
            case "relationships" -> {
                if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                    return;
                }
                cursor.require(JsonToken.START_ARRAY, "the relationships array");
                cursor.forEachElement(index -> {
                    Relationship relationship = cursor.read(Relationship.class);
                    if (relationship != null && relationship.relationshipType() != null) {
                        String type = relationship.relationshipType().strip();
                        if (type.equals("DESCRIBES") || type.equals("DESCRIBED_BY")) {
                            describing.add(relationship);
                        }
                    }
                });
            }
            case "@context" -> {
                if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                    context.add(cursor.text());
                } else if (cursor.currentToken() == JsonToken.START_ARRAY) {
                    cursor.forEachElement(index -> {
                        if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                            context.add(cursor.text());
                        } else {
                            cursor.skip();
                        }
                    });
                } else {
                    cursor.skip();
                }
            }
            case "@graph" -> {
                graph = true;
                graphAt = cursor.location();
                cursor.require(JsonToken.START_ARRAY, "the @graph array");
                cursor.forEachElement(index -> {
                    ReportLocation at = cursor.location();
                    Element element = cursor.read(Element.class);
                    if (element != null) {
                        elements.add(element, at);
                    }
                });
            }
            default -> cursor.skipUnread(key, KEYS);
        }
    }

    private void strings(List<String> into, String what) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, what);
        cursor.forEachElement(index -> into.add(cursor.text()));
    }

    private void countPackage() {
        if (++packages > maxEntries) {
            throw cursor.failure("limit exceeded: more than " + maxEntries + " packages (ReadLimits.maxEntries)");
        }
    }

    private static SpdxPackage packageOf(Package pkg, ReportLocation at) {
        List<String> purls = new ArrayList<>();
        for (ExternalRef ref : pkg.externalRefs()) {
            if (ref != null && isPurl(ref.referenceCategory(), ref.referenceType()) && ref.referenceLocator() != null) {
                purls.add(ref.referenceLocator());
            }
        }
        List<String> notes = new ArrayList<>(pkg.attributionTexts());
        for (Annotation annotation : pkg.annotations()) {
            if (annotation != null) {
                notes.add(annotation.comment());
            }
        }
        return new SpdxPackage(
                pkg.spdxId(),
                pkg.name(),
                pkg.versionInfo(),
                purls,
                InventoryMapper.purpose(pkg.primaryPackagePurpose()),
                SpdxDocument.attributes(notes),
                at);
    }

    /**
     * Whether an external reference is a package URL: type {@code purl} in the package manager
     * category, which SPDX 2.2 spells {@code PACKAGE-MANAGER} and 2.3 also {@code PACKAGE_MANAGER}.
     *
     * @param category the reference category
     * @param type the reference type
     * @return {@code true} for a package URL
     */
    static boolean isPurl(String category, String type) {
        return category != null
                && type != null
                && category.strip().replace('_', '-').equalsIgnoreCase("PACKAGE-MANAGER")
                && type.strip().equals("purl");
    }

    private SpdxDocument document(ReportLocation start) {
        boolean spdx3 = graph || context.stream().anyMatch(JsonSpdxReader::isSpdx3Context);
        if (spdxVersion != null && spdx3) {
            throw new UnsupportedReportException(
                    versionAt,
                    "an SPDX 2 spdxVersion beside SPDX 3's @context or @graph: one document is one of the two");
        }
        if (spdxVersion != null) {
            return document2(start);
        }
        if (spdx3) {
            return document3(start);
        }
        throw new UnsupportedReportException(
                start, "not an SPDX document: no spdxVersion, nor an SPDX 3 @context with an @graph");
    }

    private SpdxDocument document2(ReportLocation start) {
        if (!VERSIONS_2.contains(spdxVersion.strip())) {
            throw new UnsupportedReportException(
                    versionAt,
                    "SPDX version \"" + spdxVersion + "\" is not read (SPDX-2.2 and SPDX-2.3 in JSON and tag-value, and"
                            + " SPDX 3.0 JSON-LD are)");
        }
        SpdxDocument document = new SpdxDocument(Syntax.JSON, start);
        document.version(spdxVersion.strip().substring("SPDX-".length()));
        document.name(name);
        if (creationInfo != null) {
            if (creationInfo.creators() != null) {
                creationInfo.creators().forEach(c -> InventoryMapper.tool(c).ifPresent(document::tool));
            }
            document.created(creationInfo.created(), creationInfoAt.withPath("/creationInfo/created"));
        }
        packages2.forEach(document::add);
        documentDescribes.forEach(document::describes);
        String self = documentId == null ? "SPDXRef-DOCUMENT" : documentId.strip();
        for (Relationship relationship : describing) {
            String type = relationship.relationshipType().strip();
            if (type.equals("DESCRIBES") && self.equals(strip(relationship.spdxElementId()))) {
                document.describes(relationship.relatedSpdxElement());
            } else if (type.equals("DESCRIBED_BY") && self.equals(strip(relationship.relatedSpdxElement()))) {
                document.describes(relationship.spdxElementId());
            }
        }
        return document;
    }

    private SpdxDocument document3(ReportLocation start) {
        if (!graph) {
            throw new UnsupportedReportException(start, "an SPDX 3 @context without an @graph: no elements");
        }
        if (context.stream().noneMatch(JsonSpdxReader::isSpdx3Context)) {
            throw new UnsupportedReportException(
                    graphAt,
                    "JSON-LD whose @context is not SPDX 3.0's (https://spdx.org/rdf/3.0.x/spdx-context.jsonld): not read");
        }
        SpdxDocument document = new SpdxDocument(Syntax.JSON_LD, start);
        elements.into(document, context);
        return document;
    }

    private static boolean isSpdx3Context(String context) {
        return context != null && context.toLowerCase(Locale.ROOT).contains("spdx.org/rdf/3.0");
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    /**
     * What an SPDX 3 {@code CreationInfo} says.
     *
     * @param created when the document was made
     * @param specVersion the SPDX version
     * @param createdUsing the ids of the tools that made it
     */
    private record Creation(String created, String specVersion, List<String> createdUsing) {}

    /** What an SPDX 3 {@code @graph} holds that the inventory needs. */
    private final class Graph {
        private final List<SpdxPackage> packages = new ArrayList<>();
        private final List<Element> documents = new ArrayList<>();
        private final List<Element> describes = new ArrayList<>();
        private final Map<String, Element> creationInfos = new HashMap<>();
        private final Map<String, String> tools = new HashMap<>();

        void add(Element element, ReportLocation at) {
            String type = element.type() == null ? "" : element.type().strip();
            if (PACKAGE_TYPES_3.contains(type)) {
                countPackage();
                List<String> purls = new ArrayList<>();
                if (element.packageUrl() != null) {
                    purls.add(element.packageUrl());
                }
                for (ExternalIdentifier identifier : element.externalIdentifier()) {
                    if (identifier != null
                            && "packageUrl".equals(identifier.externalIdentifierType())
                            && identifier.identifier() != null
                            && !purls.contains(identifier.identifier())) {
                        purls.add(identifier.identifier());
                    }
                }
                packages.add(new SpdxPackage(
                        element.spdxId(),
                        element.name(),
                        element.packageVersion(),
                        purls,
                        InventoryMapper.purpose(element.primaryPurpose()),
                        Map.of(),
                        at));
            } else if (DOCUMENT_TYPES_3.contains(type)) {
                documents.add(element);
            } else if (RELATIONSHIP_TYPES_3.contains(type) && "describes".equals(element.relationshipType())) {
                describes.add(element);
            } else if (type.equals("CreationInfo") && element.spdxId() != null) {
                creationInfos.put(element.spdxId(), element);
            } else if (type.equals("Tool") && element.spdxId() != null && element.name() != null) {
                tools.put(element.spdxId(), element.name());
            }
        }

        void into(SpdxDocument document, List<String> context) {
            Set<String> documentIds = new LinkedHashSet<>();
            Creation creation = null;
            for (Element spdxDocument : documents) {
                if (spdxDocument.spdxId() != null) {
                    documentIds.add(spdxDocument.spdxId());
                }
                spdxDocument.rootElement().forEach(document::describes);
                if (document.name() == null) {
                    document.name(spdxDocument.name());
                }
                if (creation == null) {
                    creation = creationInfo(spdxDocument.creationInfo());
                }
            }
            for (Element relationship : describes) {
                if (relationship.from() != null && documentIds.contains(relationship.from())) {
                    relationship.to().forEach(document::describes);
                }
            }
            String version = context.stream()
                    .map(c -> c.replaceAll(".*spdx\\.org/rdf/([0-9.]+)/.*", "$1"))
                    .filter(v -> v.matches("[0-9.]+"))
                    .findFirst()
                    .orElse(null);
            if (creation != null) {
                version = creation.specVersion() != null ? creation.specVersion() : version;
                document.created(creation.created(), graphAt);
                for (String tool : creation.createdUsing()) {
                    document.tool(tools.getOrDefault(tool, null));
                }
            }
            document.version(version);
            packages.forEach(document::add);
        }

        /** A document's creation info: the id of a {@code CreationInfo} element, or one written in place. */
        private Creation creationInfo(Object info) {
            if (info instanceof String id) {
                Element element = creationInfos.get(id);
                return element == null
                        ? null
                        : new Creation(element.created(), element.specVersion(), element.createdUsing());
            }
            if (info instanceof Map<?, ?> inline) {
                return new Creation(
                        inline.get("created") instanceof String created ? created : null,
                        inline.get("specVersion") instanceof String version ? version : null,
                        inline.get("createdUsing") instanceof List<?> using
                                ? using.stream()
                                        .filter(String.class::isInstance)
                                        .map(String.class::cast)
                                        .toList()
                                : List.of());
            }
            return null;
        }
    }
}
