package dev.shelflife.cyclonedx;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming XML reader over one report that knows where it is, the XML twin of
 * {@link dev.shelflife.json.JsonCursor}: every failure, of the parser or of a limit, becomes a
 * {@link ReportParseException} with the file, line, column and an XPath-like path
 * ({@code /bom/vulnerabilities[1]/vulnerability[3]/ratings[1]/rating[2]/severity[1]}).
 *
 * <p>The parser is the JDK's own StAX implementation, whatever else is on the class path,
 * configured to refuse DTDs and external entities; {@link XmlProlog} has already refused any
 * DOCTYPE, so this configuration is the second wall, not the first. The cursor enforces the
 * nesting depth itself, in skipped elements too, and the string length on every text and
 * attribute it reads; {@link XmlProlog} counts the document's bytes.
 */
final class XmlCursor implements Closeable {

    /** Called once per child element, with the cursor on its start; must consume the element. */
    @FunctionalInterface
    interface ChildHandler {
        /**
         * Reads, walks or skips one child element.
         *
         * @param name the element's namespace and local name
         */
        void child(QName name);
    }

    private final ReportSource source;
    private final ReadLimits limits;
    private final Reader text;
    private final XMLStreamReader reader;
    private final Deque<Frame> path = new ArrayDeque<>();

    /** One open element: its path, and how many children of each name it has had so far. */
    private record Frame(String path, Map<String, Integer> children) {}

    private XmlCursor(ReportSource source, Reader text, XMLStreamReader reader) {
        this.source = source;
        this.limits = source.limits();
        this.text = text;
        this.reader = reader;
    }

    /**
     * Opens a cursor before the root element.
     *
     * @param source the report
     * @return the cursor; close it
     * @throws ReportParseException if the document cannot be opened or has a DOCTYPE
     */
    static XmlCursor open(ReportSource source) {
        Reader text = XmlProlog.open(source);
        try {
            return new XmlCursor(source, text, hardenedFactory().createXMLStreamReader(text));
        } catch (RuntimeException e) {
            // The prolog's check refuses a DOCTYPE as the parser reads it, here if it stands at the start.
            try {
                text.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } catch (XMLStreamException e) {
            try {
                text.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            // The parser reads the XML declaration as it starts: a document cut inside it fails here, at a place.
            Location at = e.getLocation();
            throw new ReportParseException(
                    at == null
                            ? ReportLocation.of(source.name())
                            : new ReportLocation(
                                    source.name(),
                                    Math.max(at.getLineNumber(), 0),
                                    Math.max(at.getColumnNumber(), 0),
                                    ""),
                    problemOf(e),
                    e);
        }
    }

    /** A new factory per document: the JDK's factory is not documented as thread-safe. */
    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * Moves to the root element and enters it.
     *
     * @return the root element's name
     * @throws ReportParseException if there is no root element
     */
    QName root() {
        try {
            int event = reader.nextTag();
            if (event != XMLStreamConstants.START_ELEMENT) {
                throw failure("expected the root element");
            }
        } catch (XMLStreamException e) {
            throw translate(e);
        }
        String name = qualified(reader.getName());
        path.push(new Frame("/" + name, new HashMap<>()));
        return reader.getName();
    }

    /**
     * Walks the child elements of the element the cursor is on; each handler call must consume
     * its element ({@link #text()}, {@link #forEachChild(ChildHandler)} or {@link #skip()}).
     * Text between child elements is ignored. Returns with the cursor on the element's end.
     *
     * @param handler called per child element
     * @throws ReportParseException if the document is malformed or nests too deeply
     */
    void forEachChild(ChildHandler handler) {
        try {
            while (true) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    handler.child(reader.getName());
                    path.pop();
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw failure("truncated document: the element is not closed");
                }
            }
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /**
     * Reads the text of the element the cursor is on, and moves to its end.
     *
     * @return the text, trimmed
     * @throws ReportParseException if the element has child elements or the text is too long
     */
    String text() {
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        text.append(reader.getText());
                        requireLength(text, "text");
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        return text.toString().trim();
                    }
                    case XMLStreamConstants.START_ELEMENT ->
                        throw failure("expected text, found the element " + qualified(reader.getName()));
                    case XMLStreamConstants.END_DOCUMENT ->
                        throw failure("truncated document: the element is not closed");
                    default -> {
                        // comments and processing instructions are no part of the text
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /**
     * An attribute of the element the cursor is on.
     *
     * @param localName the attribute's name, without namespace
     * @return its value, or {@code null} if the element has none
     * @throws ReportParseException if the value is too long
     */
    String attribute(String localName) {
        String value = reader.getAttributeValue(null, localName);
        if (value != null) {
            requireLength(value, "attribute " + localName);
        }
        return value;
    }

    /**
     * Skips the element the cursor is on with everything inside it; the depth limit still applies.
     *
     * @throws ReportParseException if the skipped part is malformed or nests too deeply
     */
    void skip() {
        try {
            int level = 0;
            while (true) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                    requireDepth(path.size() + level);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (level == 0) {
                        return;
                    }
                    level--;
                }
            }
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /**
     * Checks that nothing but comments and white space follow the root element.
     *
     * @throws ReportParseException if anything else follows
     */
    void requireEnd() {
        try {
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /**
     * The current position: line, column and the path of the current element.
     *
     * @return the location
     */
    ReportLocation location() {
        Location at = reader.getLocation();
        return new ReportLocation(
                source.name(),
                Math.max(at.getLineNumber(), 0),
                Math.max(at.getColumnNumber(), 0),
                path.isEmpty() ? "" : path.peek().path());
    }

    /**
     * A located exception at the current position, for the caller to throw.
     *
     * @param problem what is wrong
     * @return the exception
     */
    ReportParseException failure(String problem) {
        return new ReportParseException(location(), problem);
    }

    private void enter() {
        requireDepth(path.size() + 1);
        Frame parent = path.peek();
        String name = qualified(reader.getName());
        int index = parent.children().merge(name, 1, Integer::sum);
        path.push(new Frame(parent.path() + "/" + name + "[" + index + "]", new HashMap<>()));
    }

    private void requireDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw failure(
                    "limit exceeded: elements nested deeper than " + limits.maxDepth() + " (ReadLimits.maxDepth)");
        }
    }

    private void requireLength(CharSequence value, String what) {
        if (value.length() > limits.maxStringLength()) {
            throw failure("limit exceeded: " + what + " longer than " + limits.maxStringLength()
                    + " characters (ReadLimits.maxStringLength)");
        }
    }

    private static String qualified(QName name) {
        return name.getPrefix().isEmpty() ? name.getLocalPart() : name.getPrefix() + ":" + name.getLocalPart();
    }

    private ReportParseException translate(XMLStreamException e) {
        Location at = e.getLocation();
        ReportLocation where = at == null
                ? location()
                : new ReportLocation(
                        source.name(),
                        Math.max(at.getLineNumber(), 0),
                        Math.max(at.getColumnNumber(), 0),
                        path.isEmpty() ? "" : path.peek().path());
        return new ReportParseException(where, problemOf(e), e);
    }

    /**
     * What went wrong, without the location the parser prefixes to its messages: a limit, bytes
     * that are not in the document's encoding, or malformed XML.
     *
     * @param e the failure
     * @return the problem, for a {@link ReportParseException}
     */
    static String problemOf(Exception e) {
        for (Throwable cause = e; cause != null; cause = causeOf(cause)) {
            if (cause instanceof DocumentTooLargeException) {
                return "limit exceeded: " + cause.getMessage();
            }
            if (cause instanceof CharacterCodingException) {
                return "malformed XML: bytes that are not valid in the document's encoding (" + cause + ")";
            }
        }
        String message = String.valueOf(e.getMessage());
        int marker = message.indexOf("Message: ");
        String problem = marker >= 0 ? message.substring(marker + "Message: ".length()) : message;
        return e instanceof IOException ? "cannot read: " + problem : "malformed XML: " + problem;
    }

    /** The parser keeps the failure of its input (a limit, a decoding error) as the nested exception, not the cause. */
    private static Throwable causeOf(Throwable failure) {
        if (failure instanceof XMLStreamException stream
                && stream.getNestedException() != null
                && stream.getNestedException() != failure) {
            return stream.getNestedException();
        }
        return failure.getCause();
    }

    @Override
    public void close() {
        try {
            reader.close();
            text.close();
        } catch (XMLStreamException | IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot close: " + e.getMessage(), e);
        }
    }
}
