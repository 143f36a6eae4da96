package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrictTextTest {

    /** Ill-formed UTF-8 that Jackson alone reads as text, or reads with another meaning, and what it is. */
    static Stream<Arguments> illFormedUtf8() {
        return Stream.of(
                Arguments.of(bytes(0xC0, 0xAF), "an overlong encoding (C0 AF)"),
                Arguments.of(bytes(0xC0, 0x80), "an overlong encoding (C0 80)"),
                Arguments.of(bytes(0xC1, 0xBF), "an overlong encoding (C1 BF)"),
                Arguments.of(bytes(0xE0, 0x80, 0xAF), "an overlong encoding (E0 80 AF)"),
                Arguments.of(bytes(0xF0, 0x80, 0x80, 0xAF), "an overlong encoding (F0 80 80 AF)"),
                Arguments.of(bytes(0xED, 0xA0, 0x80), "a UTF-16 surrogate encoded in UTF-8 (ED A0 80)"),
                Arguments.of(bytes(0xED, 0xBF, 0xBF), "a UTF-16 surrogate encoded in UTF-8 (ED BF BF)"),
                Arguments.of(bytes(0xF4, 0x90, 0x80, 0x80), "a code point above U+10FFFF (F4 90 80 80)"),
                Arguments.of(bytes(0xF5, 0x80, 0x80, 0x80), "a code point above U+10FFFF (F5 80 80 80)"),
                Arguments.of(bytes(0xF7, 0xBF, 0xBF, 0xBF), "a code point above U+10FFFF (F7 BF BF BF)"),
                Arguments.of(bytes(0xF8, 0x88, 0x80, 0x80, 0x80), "a byte that no UTF-8 has (F8 88 80 80 80)"),
                Arguments.of(bytes(0xFF), "a byte that no UTF-8 has (FF)"),
                Arguments.of(bytes(0x80), "a continuation byte without a lead byte (80)"),
                Arguments.of(bytes(0xC3, 0x28), "an incomplete sequence (C3 28)"),
                Arguments.of(bytes(0xE2, 0x82, 0x28), "an incomplete sequence (E2 82 28)"));
    }

    @ParameterizedTest
    @MethodSource("illFormedUtf8")
    void endsIllFormedUtf8InAValueAtItsLineColumnAndPointer(byte[] bad, String what) {
        byte[] document = concat(
                "{\"Results\": [\n  {\"PkgName\": \"musl".getBytes(StandardCharsets.UTF_8),
                bad,
                "\", \"next\": 1}]}".getBytes(StandardCharsets.UTF_8));

        ReportParseException failure = readAll(document);

        assertThat(failure.problem()).startsWith("malformed JSON: Invalid UTF-8: " + what);
        assertThat(failure.problem()).endsWith(") at byte 33");
        assertThat(failure.location().line()).isEqualTo(2);
        assertThat(failure.location().column()).isPositive();
        assertThat(failure.location().path()).isEqualTo("/Results/0/PkgName");
    }

    @ParameterizedTest
    @MethodSource("illFormedUtf8")
    void endsIllFormedUtf8InAKeyAndInAValueNoOneReads(byte[] bad, String what) {
        byte[] inKey = concat(
                "{\"a\": 1, \"x".getBytes(StandardCharsets.UTF_8), bad, "\": 2}".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(inKey).problem()).startsWith("malformed JSON: Invalid UTF-8: " + what);

        byte[] skipped = concat(
                "{\"skipped\": \"".getBytes(StandardCharsets.UTF_8), bad, "\"}".getBytes(StandardCharsets.UTF_8));
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of("r.json", skipped))) {
            cursor.firstToken();
            ReportParseException failure =
                    catchThrowableOfType(() -> cursor.forEachField(name -> cursor.skip()), ReportParseException.class);
            assertThat(failure.problem()).startsWith("malformed JSON: Invalid UTF-8: " + what);
            assertThat(failure.location().path()).isEqualTo("/skipped");
        }
    }

    @Test
    void readsEveryWellFormedSequenceAsJacksonDoes() {
        String text =
                "a\u007f\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff caf\u00e9 \ud83d\udc33 \u65e5\u672c";
        byte[] document = ("{\"x\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(stringOf(document)).isEqualTo(text);
    }

    @Test
    void validatesSequencesThatStraddleTheInternalBufferAtEveryOffset() {
        // 64 KiB is the internal buffer: put a 2-, 3- and 4-byte sequence across its end at every offset.
        for (String character : List.of("\u00e9", "\u65e5", "\ud83d\udc33")) {
            for (int shift = 0; shift < 4; shift++) {
                String padding = "p".repeat(64 * 1024 - 8 - shift);
                String value = padding + character + "end";
                byte[] document = ("{\"x\": \"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
                assertThat(stringOf(document))
                        .as("%s at shift %d", character, shift)
                        .isEqualTo(value);
            }
        }
        for (int shift = 0; shift < 4; shift++) {
            byte[] document = concat(
                    ("{\"x\": \"" + "p".repeat(64 * 1024 - 8 - shift)).getBytes(StandardCharsets.UTF_8),
                    bytes(0xE0, 0x80, 0xAF),
                    "\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(readAll(document).problem())
                    .as("at shift %d", shift)
                    .startsWith("malformed JSON: Invalid UTF-8: an overlong encoding");
        }
    }

    @Test
    void readsWhatItValidatesByteForByteWhateverTheCallersBufferSize() throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        int[] points = {'a', 0xe9, 0x65e5, 0x1f433, 0x10ffff, 0xffff, 0x7f};
        for (int i = 0; i < 200_000; i++) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {1, 3, 7, 8000, 100_000}) {
            StrictText strict = StrictText.of(new java.io.ByteArrayInputStream(utf8));
            assertThat(readAll(strict.bytes(), size))
                    .as("reads of %d bytes", size)
                    .isEqualTo(utf8);
            assertThat(strict.describe("Invalid UTF-8", 0, 0)).isNull();
        }
    }

    @Test
    void readsUtf16AndUtf32WithAndWithoutAByteOrderMarkLikeUtf8() {
        String text = "caf\u00e9 \ud83d\udc33";
        String document = "{\"x\": \"" + text + "\"}";
        for (Charset charset : List.of(
                StandardCharsets.UTF_16BE,
                StandardCharsets.UTF_16LE,
                Charset.forName("UTF-32BE"),
                Charset.forName("UTF-32LE"))) {
            assertThat(stringOf(document.getBytes(charset))).as("%s", charset).isEqualTo(text);
            assertThat(stringOf(("\ufeff" + document).getBytes(charset)))
                    .as("%s with a byte-order mark", charset)
                    .isEqualTo(text);
        }
    }

    static Stream<Arguments> illFormedUtf16And32() {
        return Stream.of(
                Arguments.of(
                        "UTF-16BE", bytes(0xD8, 0x00, 0x00, 0x61), "Invalid UTF-16: an unpaired high surrogate (D800)"),
                Arguments.of(
                        "UTF-16LE", bytes(0x00, 0xD8, 0x61, 0x00), "Invalid UTF-16: an unpaired high surrogate (D800)"),
                Arguments.of("UTF-16BE", bytes(0xDC, 0x00), "Invalid UTF-16: an unpaired low surrogate (DC00)"),
                Arguments.of(
                        "UTF-32BE",
                        bytes(0x00, 0x11, 0x00, 0x00),
                        "Invalid UTF-32: a code point above U+10FFFF (00110000)"),
                Arguments.of(
                        "UTF-32LE", bytes(0x00, 0xD8, 0x00, 0x00), "Invalid UTF-32: a surrogate code point (D800)"));
    }

    @ParameterizedTest
    @MethodSource("illFormedUtf16And32")
    void endsIllFormedUtf16AndUtf32InAValueAtItsLineAndPointer(String charset, byte[] bad, String what) {
        Charset encoding = Charset.forName(charset);
        byte[] document = concat(
                "\ufeff{\"Results\": [\n  {\"PkgName\": \"musl".getBytes(encoding),
                bad,
                "\", \"next\": 1}]}".getBytes(encoding));

        ReportParseException failure = readAll(document);

        assertThat(failure.problem()).startsWith("malformed JSON: " + what);
        assertThat(failure.location().line()).isEqualTo(2);
        assertThat(failure.location().path()).isEqualTo("/Results/0/PkgName");
    }

    @Test
    void endsADocumentCutInsideItsLastUtf16CodeUnit() {
        byte[] whole = "{\"x\": \"ab\"}".getBytes(StandardCharsets.UTF_16BE);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);

        assertThat(readAll(cut).problem()).startsWith("malformed JSON: Invalid UTF-16: an incomplete code unit");
    }

    @Test
    void refusesUtf32InAnUnusualByteOrderAsMalformed() {
        byte[] document = concat(bytes(0x00, 0x00, 0xFF, 0xFE), "{}".getBytes(StandardCharsets.UTF_8));

        ReportParseException failure = readAll(document);

        assertThat(failure.problem())
                .isEqualTo("malformed JSON: Invalid UTF-32: a byte order no one writes (00 00 FF FE) at character 0");
        assertThat(failure.location().line()).isEqualTo(1);
    }

    private static String stringOf(byte[] document) {
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of("r.json", document))) {
            cursor.firstToken();
            String[] value = new String[1];
            cursor.forEachField(name -> value[0] = cursor.text());
            cursor.requireEnd();
            return value[0];
        }
    }

    private static ReportParseException readAll(byte[] document) {
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of("r.json", document))) {
            return catchThrowableOfType(
                    () -> {
                        while (cursor.nextToken() != null) {
                            if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                                cursor.text();
                            }
                        }
                    },
                    ReportParseException.class);
        }
    }

    private static byte[] readAll(InputStream in, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[size];
        int n;
        while ((n = in.read(chunk, 0, size)) >= 0) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
