package dev.shelflife.cyclonedx;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
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
 * (byte-order mark, else the XML declaration, else UTF-8, decoded strictly), the document size is
 * counted, and the prolog (what comes before the root element) is checked as it streams by.
 *
 * <p>A {@code <!DOCTYPE} in the prolog ends the read with a located exception: document type
 * declarations are how external entities (XXE) and entity expansion (billion laughs) get in, and
 * CycloneDX has no use for them, so no parser ever sees one. White space before the XML
 * declaration, which XML forbids but files picked up from tools carry, is tolerated: the parser
 * reads decoded characters, so the declaration is blanked with spaces, which keeps every line and
 * column where it was.
 *
 * <p>The check holds nothing but the few characters it must look ahead (at most nine, for
 * {@code <!DOCTYPE}): comments and processing instructions of any length pass through to the
 * parser as they are read, so a licence header of a megabyte before {@code <bom>} is read like one
 * of a line, within the document size limit.
 */
final class XmlProlog extends Reader {

    /** The longest markup opener the check decides on: {@code <!DOCTYPE} after its {@code <}. */
    private static final int LOOKAHEAD = 8;

    private static final int DECLARATION_BYTES = 1024;
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    /** Where in the prolog the check stands. */
    private enum State {
        /** Between pieces of markup: white space, or the start of the next piece. */
        BETWEEN,
        /** Inside a processing instruction, until {@code ?>}. */
        INSTRUCTION,
        /** Inside the XML declaration, blanked until {@code ?>}. */
        DECLARATION,
        /** Inside a comment, until {@code -->}. */
        COMMENT,
        /** Past the prolog: everything goes to the parser as it is. */
        DONE
    }

    private final ReportSource source;
    private final PushbackReader in;
    private State state = State.BETWEEN;
    private long line = 1;
    private long column = 1;
    private int previous = -1;
    private int beforePrevious = -1;
    /** Characters since the {@code <} of the markup the check is in. */
    private long sinceOpener;

    private XmlProlog(ReportSource source, Reader decoded) {
        this.source = source;
        // Buffered: the check reads the prolog a character at a time, and a decoder's single reads are slow.
        this.in = new PushbackReader(new BufferedReader(decoded), LOOKAHEAD);
    }

    /**
     * Opens the document as characters that a parser may read: decoded, counted against the
     * size limit, without a byte-order mark or a DOCTYPE.
     *
     * @param source the document
     * @return a reader positioned at the document's start; the caller closes it
     * @throws ReportParseException if the document has an unknown encoding, or cannot be opened;
     *     a DOCTYPE ends the read of the returned reader, as it reaches it
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
            return new XmlProlog(source, decoded);
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

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (state == State.DONE) {
            return in.read(target, offset, length);
        }
        int n = 0;
        while (n < length && state != State.DONE) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            target[offset + n++] = pass(c);
        }
        if (n == 0) {
            return state == State.DONE ? in.read(target, offset, length) : -1;
        }
        return n;
    }

    /**
     * Moves the check past one character of the prolog.
     *
     * @return the character the parser gets for it: itself, or a space inside the declaration
     * @throws ReportParseException at a DOCTYPE
     */
    private char pass(int c) throws IOException {
        char given = (char) c;
        sinceOpener++;
        switch (state) {
            case BETWEEN -> {
                if (c == '<') {
                    state = markup();
                    sinceOpener = 0;
                    if (state == State.DECLARATION) {
                        given = ' ';
                    }
                } else if (!Character.isWhitespace(c)) {
                    // Anything the check does not recognise is left for the parser to judge.
                    state = State.DONE;
                }
            }
            // "<?" and "<!--" are part of their own markup: an end counts only past them.
            case INSTRUCTION -> {
                if (sinceOpener >= 3 && previous == '?' && c == '>') {
                    state = State.BETWEEN;
                }
            }
            case DECLARATION -> {
                if (sinceOpener >= 3 && previous == '?' && c == '>') {
                    state = State.BETWEEN;
                }
                if (c != '\n' && c != '\r') {
                    given = ' ';
                }
            }
            case COMMENT -> {
                if (sinceOpener >= 6 && beforePrevious == '-' && previous == '-' && c == '>') {
                    state = State.BETWEEN;
                }
            }
            default -> throw new IllegalStateException("no check past the prolog");
        }
        beforePrevious = previous;
        previous = c;
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return given;
    }

    /**
     * Decides what the markup after a {@code <} is, from the characters that follow it, which it
     * leaves to be read.
     *
     * @return the state it starts
     * @throws ReportParseException at a DOCTYPE
     */
    private State markup() throws IOException {
        char[] ahead = new char[LOOKAHEAD];
        int got = 0;
        while (got < ahead.length) {
            int n = in.read(ahead, got, ahead.length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        in.unread(ahead, 0, got);
        String next = new String(ahead, 0, got);
        if (next.startsWith("?xml") && got > 4 && Character.isWhitespace(next.charAt(4))) {
            // The declaration, whose '<' was already given: blank it from here, and the '<' too.
            return State.DECLARATION;
        }
        if (next.startsWith("?")) {
            return State.INSTRUCTION;
        }
        if (next.startsWith("!--")) {
            return State.COMMENT;
        }
        if (got == LOOKAHEAD && next.charAt(0) == '!' && next.substring(1).equalsIgnoreCase("DOCTYPE")) {
            throw new ReportParseException(
                    new ReportLocation(source.name(), line, column, ""),
                    "refused <!DOCTYPE: ShelfLife does not read document type declarations, through which"
                            + " external entities (XXE) and entity expansion get into a document");
        }
        return State.DONE;
    }

    @Override
    public void close() throws IOException {
        in.close();
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
