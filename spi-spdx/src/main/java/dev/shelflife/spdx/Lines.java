package dev.shelflife.spdx;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lines of a text document, read strictly, one at a time: well-formed UTF-8 only (a UTF-8
 * byte-order mark is skipped; a UTF-16 or UTF-32 one, an overlong form, an encoded surrogate, a
 * code point above U+10FFFF or a cut sequence is refused where it stands), no NUL and no other
 * control character but the tab, lines ended by {@code \n} or {@code \r\n}, and the limits of
 * {@link ReadLimits}: the document's size ({@code maxDocumentBytes}) and each line's length
 * ({@code maxStringLength}). Every refusal is a {@link ReportParseException} at the line and
 * column where it stands. Not thread-safe: one per read.
 */
final class Lines {

    private static final int BUFFER = 64 * 1024;

    private final String source;
    private final InputStream in;
    private final ReadLimits limits;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int end;
    private long read;
    private long number;
    private boolean first = true;
    private boolean done;

    /**
     * @param source the document's name, for locations
     * @param in the document; closed by the caller
     * @param limits the limits to read under
     */
    Lines(String source, InputStream in, ReadLimits limits) {
        this.source = source;
        this.in = in;
        this.limits = limits;
    }

    /**
     * The number of the line {@link #next()} returned last.
     *
     * @return the 1-based line number
     */
    long number() {
        return number;
    }

    /**
     * A location on the current line.
     *
     * @param column the 1-based column, or 0 for the whole line
     * @param path what stands there, as a path
     * @return the location
     */
    ReportLocation at(long column, String path) {
        return new ReportLocation(source, Math.max(number, 1), column, path);
    }

    /**
     * The next line, without its line ending.
     *
     * @return the line, or {@code null} at the end of the document
     * @throws ReportParseException if the line is not well-formed text, or a limit is exceeded
     */
    String next() {
        if (done) {
            return null;
        }
        line.reset();
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                done = true;
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            line.write(b);
            if (line.size() > 4L * limits.maxStringLength() + 4) {
                number++;
                throw tooLong();
            }
        }
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int from = 0;
        if (first) {
            first = false;
            from = byteOrderMark(bytes, length);
        }
        String text = decode(bytes, from, length);
        if (text.length() > limits.maxStringLength()) {
            throw tooLong();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new ReportParseException(
                        at(i + 1, ""),
                        "malformed tag-value: "
                                + (c == 0 ? "a NUL character" : "a control character")
                                + String.format(Locale.ROOT, " (U+%04X)", (int) c));
            }
        }
        return text;
    }

    private ReportParseException tooLong() {
        return new ReportParseException(
                at(0, ""),
                "limit exceeded: line " + number + " is longer than " + limits.maxStringLength()
                        + " characters (ReadLimits.maxStringLength)");
    }

    /** Skips a UTF-8 byte-order mark; refuses a UTF-16 or UTF-32 one: SPDX tag-value is UTF-8. */
    private int byteOrderMark(byte[] bytes, int length) {
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return 3;
        }
        if (length >= 2
                && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                        || bytes[0] == 0 && bytes[1] == 0)) {
            throw new ReportParseException(
                    at(1, ""),
                    "malformed tag-value: a UTF-16 or UTF-32 byte-order mark; SPDX tag-value documents are UTF-8");
        }
        return 0;
    }

    private String decode(byte[] bytes, int from, int length) {
        ByteBuffer input = ByteBuffer.wrap(bytes, from, length - from);
        CharBuffer output = CharBuffer.allocate(length - from);
        decoder.reset();
        CoderResult result = decoder.decode(input, output, true);
        if (result.isError()) {
            int bad = input.position();
            int column = output.position() + 1;
            StringBuilder hex = new StringBuilder();
            for (int i = bad; i < Math.min(bad + Math.max(result.length(), 1), length); i++) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
            }
            throw new ReportParseException(
                    at(column, ""), "malformed tag-value: Invalid UTF-8: bytes that are no UTF-8 (" + hex + ")");
        }
        CoderResult flushed = decoder.flush(output);
        if (flushed.isError()) {
            throw new ReportParseException(at(0, ""), "malformed tag-value: Invalid UTF-8 at the end of the line");
        }
        output.flip();
        return output.toString();
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            read += n;
            if (read > limits.maxDocumentBytes()) {
                throw new DocumentTooLargeException(limits.maxDocumentBytes());
            }
            position = 0;
            end = n;
            return true;
        } catch (DocumentTooLargeException e) {
            throw new ReportParseException(
                    at(0, ""),
                    "limit exceeded: more than " + limits.maxDocumentBytes() + " bytes (ReadLimits.maxDocumentBytes)",
                    e);
        } catch (IOException e) {
            throw new ReportParseException(at(0, ""), "cannot read: " + e.getMessage(), e);
        }
    }
}
