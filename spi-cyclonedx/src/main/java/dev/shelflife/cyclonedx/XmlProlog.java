package dev.shelflife.cyclonedx;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that happens to an XML document before a parser sees it: the encoding is settled
 * (byte-order mark, else the XML declaration, else UTF-8), the document size is counted, and the
 * prolog (what comes before the root element) is read by hand.
 *
 * <p>A {@code <!DOCTYPE} in the prolog ends the read with a located exception: document type
 * declarations are how external entities (XXE) and entity expansion (billion laughs) get in, and
 * CycloneDX has no use for them, so no parser ever sees one. White space before the XML
 * declaration, which XML forbids but files picked up from tools carry, is tolerated: the parser
 * reads decoded characters, so the declaration is blanked with spaces, which keeps every line and
 * column where it was.
 */
final class XmlProlog {

    /** The most characters of comments, processing instructions and white space before the root element. */
    static final int MAX_PROLOG_CHARS = 64 * 1024;

    private static final int DECLARATION_BYTES = 1024;
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private final ReportSource source;
    private final PushbackReader reader;
    private final StringBuilder prolog = new StringBuilder();
    private long line = 1;
    private long column = 1;

    private XmlProlog(ReportSource source, PushbackReader reader) {
        this.source = source;
        this.reader = reader;
    }

    /**
     * Opens the document as characters that a parser may read: decoded, counted against the
     * size limit, without a byte-order mark or a DOCTYPE.
     *
     * @param source the document
     * @return a reader positioned at the document's start; the caller closes it
     * @throws ReportParseException if the document has a DOCTYPE, an unknown encoding, or cannot be opened
     */
    static Reader open(ReportSource source) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(source.limits().bound(source.open()));
            Charset charset = charset(source, in);
            InputStreamReader decoded = new InputStreamReader(
                    in,
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            XmlProlog prolog = new XmlProlog(source, new PushbackReader(decoded, MAX_PROLOG_CHARS));
            prolog.check();
            return prolog.reader;
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new ReportParseException(ReportLocation.of(source.name()), XmlCursor.problemOf(e), e);
        } catch (ReportParseException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    /** The byte-order mark's encoding, which it then skips, or the declared one, or UTF-8. */
    private static Charset charset(ReportSource source, InputStream in) throws IOException {
        in.mark(DECLARATION_BYTES);
        byte[] head = in.readNBytes(DECLARATION_BYTES);
        in.reset();
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_ENCODING.matcher(text);
        if (!declared.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.group(1);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            String before = text.substring(0, declared.start(1));
            long line = 1 + before.chars().filter(c -> c == '\n').count();
            long column = before.length() - before.lastIndexOf('\n');
            throw new ReportParseException(
                    new ReportLocation(source.name(), line, column, ""), "unsupported encoding \"" + name + "\"", e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the prolog up to the root element's {@code <}, refuses a DOCTYPE, blanks the XML
     * declaration, and pushes everything it read back for the parser. Anything it does not
     * recognise is left for the parser to judge.
     */
    private void check() throws IOException {
        int c = next();
        while (c >= 0 && (Character.isWhitespace(c) || c == '<' && markup())) {
            c = next();
        }
        reader.unread(prolog.toString().toCharArray());
    }

    /**
     * Reads one piece of markup after its {@code <}: a declaration, processing instruction or
     * comment, which the prolog may hold.
     *
     * @return {@code true} if it was one and the prolog goes on; {@code false} at anything else
     * @throws ReportParseException at a DOCTYPE
     */
    private boolean markup() throws IOException {
        long startLine = line;
        long startColumn = column - 1;
        int start = prolog.length() - 1;
        int marker = next();
        if (marker == '?') {
            boolean isDeclaration = lookingAt("xml") && Character.isWhitespace(next());
            readUntil("?>");
            if (isDeclaration) {
                blank(start);
            }
            return true;
        }
        if (marker != '!') {
            return false;
        }
        int kind = next();
        if (kind == '-') {
            readUntil("-->");
            return true;
        }
        if ((kind == 'D' || kind == 'd') && lookingAt("OCTYPE")) {
            throw new ReportParseException(
                    new ReportLocation(source.name(), startLine, startColumn, ""),
                    "refused <!DOCTYPE: ShelfLife does not read document type declarations, through which"
                            + " external entities (XXE) and entity expansion get into a document");
        }
        return false;
    }

    /** Whether the next characters are the given ones, in any case; reads them into the prolog. */
    private boolean lookingAt(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            int c = next();
            if (c < 0 || Character.toUpperCase(c) != text.charAt(i) && Character.toLowerCase(c) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to and including {@code end}, or to the end of input. */
    private void readUntil(String end) throws IOException {
        while (!endsWith(end)) {
            if (next() < 0) {
                return;
            }
        }
    }

    private boolean endsWith(String end) {
        int offset = prolog.length() - end.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < end.length(); i++) {
            if (prolog.charAt(offset + i) != end.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Replaces the prolog from {@code start} on with spaces, keeping line breaks. */
    private void blank(int start) {
        for (int i = start; i < prolog.length(); i++) {
            char c = prolog.charAt(i);
            if (c != '\n' && c != '\r') {
                prolog.setCharAt(i, ' ');
            }
        }
    }

    private int next() throws IOException {
        if (prolog.length() >= MAX_PROLOG_CHARS) {
            throw new ReportParseException(
                    new ReportLocation(source.name(), line, column, ""),
                    "limit exceeded: more than " + MAX_PROLOG_CHARS
                            + " characters of declarations, comments and white space before the root element");
        }
        int c = reader.read();
        if (c >= 0) {
            prolog.append((char) c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return c;
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
