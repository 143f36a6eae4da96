package dev.shelflife.ignore;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an ignore file, decoded strictly: UTF-8, or UTF-16 after its byte-order mark (a
 * UTF-8 byte-order mark is dropped). An ill-formed sequence (an overlong form, an encoded
 * surrogate, a code point above U+10FFFF, an unpaired UTF-16 surrogate) ends in a located
 * {@link ReportParseException} at its line and column, and so does a control character other than
 * tab, line feed and carriage return, which no text file of these formats holds.
 *
 * <p>Ignore files are a few kilobytes: they are read whole, within
 * {@link dev.shelflife.spi.ReadLimits#maxDocumentBytes()}.
 *
 * @param name the source's name, for locations
 * @param text the decoded text, without a byte-order mark
 */
record IgnoreText(String name, String text) {

    /**
     * Reads and decodes a document.
     *
     * @param source the document
     * @param syntax how the document is written ({@code YAML}, {@code text}), for messages
     * @return the text
     * @throws ReportParseException if it cannot be read, is too large or is not well-formed text
     */
    static IgnoreText read(ReportSource source, String syntax) {
        byte[] bytes;
        try {
            bytes = source.readAllBytes();
        } catch (DocumentTooLargeException e) {
            throw new ReportParseException(
                    ReportLocation.of(source.name()),
                    "limit exceeded: document larger than " + e.limit() + " bytes (ReadLimits.maxDocumentBytes)",
                    e);
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
        return decode(source.name(), bytes, syntax);
    }

    static IgnoreText decode(String name, byte[] bytes, String syntax) {
        Charset charset = StandardCharsets.UTF_8;
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int length = Math.max(1, Math.min(result.length(), bytes.length - at));
            out.flip();
            throw new ReportParseException(
                    locate(name, out, out.length()),
                    "malformed " + syntax + ": Invalid " + (charset == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16")
                            + ": bytes " + hex(bytes, at, length) + " are no well-formed character");
        }
        out.flip();
        String text = out.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF') {
                throw new ReportParseException(
                        locate(name, text, i),
                        "malformed " + syntax + ": a control character U+" + String.format("%04X", (int) c)
                                + ", which no text of this format holds");
            }
        }
        return new IgnoreText(name, text);
    }

    /** The location of a character of a text: its 1-based line and column. */
    static ReportLocation locate(String name, CharSequence text, int offset) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ReportLocation(name, line, offset - lineStart + 1L, "");
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

    private static String hex(byte[] bytes, int from, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + length && i < bytes.length; i++) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
