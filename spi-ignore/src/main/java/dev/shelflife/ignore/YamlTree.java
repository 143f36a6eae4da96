package dev.shelflife.ignore;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReadLimits;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A YAML document read strictly into a small tree whose every node knows its line, column and
 * JSON pointer, from SnakeYAML's events: the events show anchors, aliases and tags as written,
 * where a parser that builds objects would already have resolved them.
 *
 * <p>Refused with a located {@link ReportParseException}, like the policy loader refuses them:
 * anchors, aliases and explicit tags (a file of rules that expands to other rules than it shows
 * is a file no one reviewed), merge keys ({@code <<}), duplicate keys, keys that are not text,
 * more than one document, nesting deeper than {@link ReadLimits#maxDepth()} and text longer than
 * {@link ReadLimits#maxStringLength()}.
 */
final class YamlTree {

    /** A node of the tree. */
    sealed interface Node permits Mapping, Sequence, Scalar {
        /**
         * Where the node starts.
         *
         * @return its line, column and JSON pointer
         */
        ReportLocation location();

        /**
         * What the node is, for messages.
         *
         * @return {@code a mapping}, {@code a list}, {@code nothing (null)} or the quoted text
         */
        String describe();
    }

    /** A mapping, keys in document order. */
    record Mapping(ReportLocation location, Map<String, Entry> entries) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }

        Optional<Node> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::value);
        }
    }

    /** One key of a mapping, with where the key is. */
    record Entry(String key, ReportLocation keyLocation, Node value) {}

    /** A sequence. */
    record Sequence(ReportLocation location, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: its text as written, and whether it was written plain (unquoted), since a plain
     * {@code null}, {@code ~} or nothing is YAML's null.
     */
    record Scalar(ReportLocation location, String text, boolean plain) implements Node {
        private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

        boolean isNull() {
            return plain && NULLS.contains(text);
        }

        @Override
        public String describe() {
            return isNull() ? "nothing (null)" : "\"" + text + "\"";
        }
    }

    private final String name;
    private final ReadLimits limits;
    private final Iterator<Event> events;
    private Event current;

    private YamlTree(String name, ReadLimits limits, Iterator<Event> events) {
        this.name = name;
        this.limits = limits;
        this.events = events;
    }

    /**
     * Reads a YAML document.
     *
     * @param text the document
     * @param limits the limits to read under
     * @return the root node, or empty for a document with nothing in it (no content, or comments only)
     * @throws ReportParseException if the document is not well-formed YAML, uses a refused feature or passes a limit
     */
    static Optional<Node> read(IgnoreText text, ReadLimits limits) {
        LoaderOptions options = new LoaderOptions();
        // The document's size is bounded by ReadLimits.maxDocumentBytes when it is read; nesting here.
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setNestingDepthLimit(Integer.MAX_VALUE);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        // White space after the last line is nothing, tabs too, which SnakeYAML refuses on a line of their own.
        int end = text.text().length();
        while (end > 0 && " \t\r\n".indexOf(text.text().charAt(end - 1)) >= 0) {
            end--;
        }
        String document = text.text().substring(0, end);
        YamlTree tree = new YamlTree(
                text.name(),
                limits,
                new Yaml(options).parse(new StringReader(document)).iterator());
        try {
            return tree.document(text.text());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            ReportLocation at = mark == null
                    ? ReportLocation.of(text.name())
                    : new ReportLocation(text.name(), mark.getLine() + 1L, mark.getColumn() + 1L, "");
            String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
            if (problem.startsWith("expected '<document start>'")) {
                problem = "trailing content after the document (" + problem + ")";
            }
            throw new ReportParseException(
                    at, "malformed YAML: " + problem + (e.getContext() != null ? " (" + e.getContext() + ")" : ""), e);
        } catch (ReaderException e) {
            throw new ReportParseException(
                    IgnoreText.locate(text.name(), text.text(), e.getPosition()),
                    "malformed YAML: the character U+" + String.format("%04X", e.getCodePoint())
                            + " is not allowed in YAML",
                    e);
        } catch (YAMLException e) {
            throw new ReportParseException(
                    ReportLocation.of(text.name()), "malformed YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private Optional<Node> document(String text) {
        next(); // StreamStart
        next();
        if (current instanceof StreamEndEvent) {
            return Optional.empty();
        }
        if (!(current instanceof DocumentStartEvent)) {
            throw new ReportParseException(here(""), "malformed YAML: expected a document");
        }
        next();
        Node root = node("", 1);
        next();
        if (!(current instanceof DocumentEndEvent)) {
            throw new ReportParseException(here(""), "malformed YAML: expected the end of the document");
        }
        next();
        if (!(current instanceof StreamEndEvent)) {
            throw new ReportParseException(
                    here(""), "malformed YAML: trailing content: a second document; an ignore file is one document");
        }
        return Optional.of(root);
    }

    /** Reads the node that starts at the current event, leaving the cursor on its last event. */
    private Node node(String pointer, int depth) {
        ReportLocation location = here(pointer);
        if (current instanceof AliasEvent alias) {
            throw new ReportParseException(
                    location, "YAML aliases (*" + alias.getAnchor() + ") are not allowed: write the value out");
        }
        if (current instanceof NodeEvent node && node.getAnchor() != null) {
            throw new ReportParseException(location, "YAML anchors (&" + node.getAnchor() + ") are not allowed");
        }
        String tag = current instanceof ScalarEvent scalar
                ? scalar.getTag()
                : current instanceof CollectionStartEvent collection ? collection.getTag() : null;
        if (tag != null) {
            throw new ReportParseException(location, "YAML tags (" + tag + ") are not allowed");
        }
        if (current instanceof ScalarEvent scalar) {
            if (scalar.getValue().length() > limits.maxStringLength()) {
                throw new ReportParseException(
                        location,
                        "limit exceeded: text longer than " + limits.maxStringLength()
                                + " characters (ReadLimits.maxStringLength)");
            }
            return new Scalar(location, scalar.getValue(), scalar.isPlain());
        }
        if (depth > limits.maxDepth()) {
            throw new ReportParseException(
                    location,
                    "limit exceeded: nested deeper than " + limits.maxDepth() + " levels (ReadLimits.maxDepth)");
        }
        if (current instanceof MappingStartEvent) {
            return mapping(location, pointer, depth);
        }
        if (current instanceof SequenceStartEvent) {
            List<Node> items = new ArrayList<>();
            for (next(); !(current instanceof org.yaml.snakeyaml.events.SequenceEndEvent); next()) {
                items.add(node(pointer + "/" + items.size(), depth + 1));
            }
            return new Sequence(location, Collections.unmodifiableList(items));
        }
        throw new ReportParseException(location, "malformed YAML: unexpected " + current);
    }

    private Node mapping(ReportLocation location, String pointer, int depth) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (next(); !(current instanceof org.yaml.snakeyaml.events.MappingEndEvent); next()) {
            ReportLocation keyLocation = here(pointer);
            if (!(current instanceof ScalarEvent)) {
                throw new ReportParseException(keyLocation, "a key that is not text: write keys as plain text");
            }
            Node keyNode = node(pointer, depth + 1);
            String key = ((Scalar) keyNode).text();
            String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            keyLocation = keyLocation.withPath(childPointer);
            if (key.equals("<<") && ((Scalar) keyNode).plain()) {
                throw new ReportParseException(keyLocation, "YAML merge keys (<<) are not allowed: write the keys out");
            }
            Entry first = entries.get(key);
            if (first != null) {
                throw new ReportParseException(
                        keyLocation,
                        "duplicate key \"" + key + "\" (first at line "
                                + first.keyLocation().line() + ", column "
                                + first.keyLocation().column() + ")");
            }
            next();
            entries.put(key, new Entry(key, keyLocation, node(childPointer, depth + 1)));
        }
        return new Mapping(location, Collections.unmodifiableMap(entries));
    }

    private void next() {
        if (!events.hasNext()) {
            throw new ReportParseException(ReportLocation.of(name), "truncated YAML: the document ends too early");
        }
        current = events.next();
    }

    private ReportLocation here(String pointer) {
        Mark mark = current.getStartMark();
        return mark == null
                ? ReportLocation.of(name).withPath(pointer)
                : new ReportLocation(name, mark.getLine() + 1L, mark.getColumn() + 1L, pointer);
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
