package dev.shelflife.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shelflife.ReportLocation;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A policy document read into a small tree whose every node knows its line, column and JSON
 * pointer, so that binding can report problems where they are.
 *
 * <p>Reading is strict: duplicate keys, YAML anchors, aliases, merge keys ({@code <<}) and tags,
 * more than one document, and nesting deeper than {@value #MAX_DEPTH} are problems. The
 * offending node is replaced by a {@link Rejected} one, so that binding does not report it twice.
 */
final class PolicyTree {

    /** The deepest nesting a policy may have; real policies need five levels. */
    static final int MAX_DEPTH = 16;

    /** A node of the tree. */
    sealed interface Node permits Mapping, Sequence, Scalar, Rejected {
        /**
         * Where the node starts.
         *
         * @return its line, column and JSON pointer
         */
        ReportLocation location();
    }

    /** A mapping, keys in document order. */
    record Mapping(ReportLocation location, Map<String, Entry> entries) implements Node {}

    /** One key of a mapping, with where the key is. */
    record Entry(String key, ReportLocation keyLocation, Node value) {}

    /** A sequence. */
    record Sequence(ReportLocation location, List<Node> items) implements Node {}

    /** A scalar: its text as written ({@code off} stays {@code off}), or {@code null} for null. */
    record Scalar(ReportLocation location, String text) implements Node {
        boolean isNull() {
            return text == null;
        }
    }

    /** A node that was already reported as a problem. */
    record Rejected(ReportLocation location) implements Node {}

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 2)
                    .build())
            .build();
    private static final YAMLFactory YAML =
            YAMLFactory.builder().loaderOptions(yamlLimits()).build();

    private final String source;
    private final PolicyProblems problems;
    private final JsonParser parser;
    private final Map<String, String> anchors;

    private PolicyTree(String source, PolicyProblems problems, JsonParser parser, Map<String, String> anchors) {
        this.source = source;
        this.problems = problems;
        this.parser = parser;
        this.anchors = anchors;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH + 2);
        options.setCodePointLimit(Policies.MAX_POLICY_CHARS);
        return options;
    }

    /**
     * Reads a document: JSON when the name ends in {@code .json}, YAML when it ends in
     * {@code .yaml} or {@code .yml}, and otherwise JSON if the text starts with <code>{</code>.
     *
     * @param source the document's name, for locations
     * @param text the document
     * @param problems where structural problems go
     * @return the root node
     * @throws PolicyException if the document is not well-formed, with the problems found before
     */
    static Node read(String source, String text, PolicyProblems problems) {
        boolean yamlName = source.endsWith(".yaml") || source.endsWith(".yml");
        boolean json =
                source.endsWith(".json") || !yamlName && text.stripLeading().startsWith("{");
        try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
            PolicyTree tree = new PolicyTree(source, problems, parser, json ? Map.of() : anchors(text));
            if (parser.nextToken() == null) {
                problems.add(ReportLocation.of(source), "the policy is empty");
                throw problems.toException();
            }
            Node root = tree.value("", 0);
            if (parser.nextToken() != null) {
                problems.add(tree.here(""), "only one document is allowed; remove what follows the first");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            ReportLocation location = at == null
                    ? ReportLocation.of(source)
                    : new ReportLocation(source, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), "");
            problems.add(
                    location, "not well-formed " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getOriginalMessage()));
            throw problems.toException();
        } catch (IOException | RuntimeException e) {
            problems.add(
                    ReportLocation.of(source), "cannot read the policy: " + firstLine(String.valueOf(e.getMessage())));
            throw problems.toException();
        }
    }

    private Node value(String pointer, int depth) throws IOException {
        ReportLocation location = here(pointer);
        boolean rejected = rejectYamlFeatures(location);
        if (depth > MAX_DEPTH) {
            problems.add(location, "nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return new Rejected(location);
        }
        JsonToken token = parser.currentToken();
        Node node = switch (token) {
            case START_OBJECT -> mapping(location, pointer, depth);
            case START_ARRAY -> sequence(location, pointer, depth);
            case VALUE_NULL -> new Scalar(location, null);
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                new Scalar(location, parser.getText());
            default -> {
                problems.add(location, "unsupported value (" + token + ")");
                parser.skipChildren();
                yield new Rejected(location);
            }
        };
        return rejected ? new Rejected(location) : node;
    }

    private Node mapping(ReportLocation location, String pointer, int depth) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            ReportLocation keyLocation = here(childPointer);
            boolean badKey = rejectYamlFeatures(keyLocation);
            if (key.equals("<<")) {
                problems.add(keyLocation, "YAML merge keys (<<) are not allowed: write the keys out");
                badKey = true;
            }
            parser.nextToken();
            Node value = value(childPointer, depth + 1);
            if (entries.containsKey(key)) {
                ReportLocation first = entries.get(key).keyLocation();
                problems.add(
                        keyLocation,
                        "duplicate key \"" + key + "\" (first at line " + first.line() + ", column " + first.column()
                                + ")");
            } else if (!badKey) {
                entries.put(key, new Entry(key, keyLocation, value));
            }
        }
        return new Mapping(location, Collections.unmodifiableMap(entries));
    }

    private Node sequence(ReportLocation location, String pointer, int depth) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(pointer + "/" + items.size(), depth + 1));
        }
        return new Sequence(location, List.copyOf(items));
    }

    /**
     * The anchors of a YAML text by the line and column of the node they stand on. Jackson's YAML
     * parser reports no anchor on a scalar ({@code mode: &m off}), so SnakeYAML's events, which it
     * is built on and which place a node where Jackson places its token, supply them. Aliases are
     * not expanded by reading events. Malformed text yields what was read; Jackson then reports
     * the error with its location.
     */
    private static Map<String, String> anchors(String text) {
        Map<String, String> anchors = new HashMap<>();
        try {
            for (Event event : new Yaml(yamlLimits()).parse(new StringReader(text))) {
                if (event instanceof NodeEvent node && !(event instanceof AliasEvent) && node.getAnchor() != null) {
                    Mark at = event.getStartMark();
                    anchors.putIfAbsent((at.getLine() + 1) + ":" + (at.getColumn() + 1), node.getAnchor());
                }
            }
        } catch (YAMLException e) {
            // Jackson's pass reads the same text and reports the error with its location.
        }
        return anchors;
    }

    /** Reports anchors, aliases and tags on the current token; true if there was one. */
    private boolean rejectYamlFeatures(ReportLocation location) throws IOException {
        if (!(parser instanceof YAMLParser yaml)) {
            return false;
        }
        boolean rejected = false;
        if (yaml.isCurrentAlias()) {
            problems.add(location, "YAML aliases (*" + yaml.getText() + ") are not allowed: write the value out");
            rejected = true;
        }
        String anchor = anchors.get(location.line() + ":" + location.column());
        if (anchor != null) {
            problems.add(location, "YAML anchors (&" + anchor + ") are not allowed");
            rejected = true;
        }
        if (yaml.getTypeId() != null) {
            problems.add(location, "YAML tags (!" + yaml.getTypeId() + ") are not allowed");
            rejected = true;
        }
        return rejected;
    }

    private ReportLocation here(String pointer) {
        JsonLocation at = parser.currentTokenLocation();
        return new ReportLocation(source, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), pointer);
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
