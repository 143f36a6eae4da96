package dev.shelflife.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Epss;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EpssScoresTest {

    private static final String HEAD =
            "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n";

    private static EpssScores parse(String csv) {
        return parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static EpssScores parse(byte[] bytes) {
        return EpssScores.read(ReportSource.of("epss.csv", bytes).withLimits(EpssScores.LIMITS));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsTheDailyFileWithItsModelAndDate() throws URISyntaxException {
        EpssScores scores = EpssScores.read(
                Path.of(EpssScoresTest.class.getResource("epss-sample.csv").toURI()));

        assertThat(scores.size()).isEqualTo(6);
        assertThat(scores.modelVersion()).contains("v2025.03.14");
        assertThat(scores.scoreDate()).contains(LocalDate.of(2025, 8, 25));
        assertThat(scores.find("cve-2023-4911"))
                .contains(new Epss(0.71384, 0.98612, Optional.of(LocalDate.of(2025, 8, 25))));
        assertThat(scores.find("CVE-2020-0001")).isEmpty();
        assertThat(scores).hasToString("EpssScores[2025-08-25, 6 CVEs]");
    }

    @Test
    void readsGzipCrlfAByteOrderMarkAndNoCommentLine() {
        EpssScores gzipped = parse(gzip(HEAD + "CVE-2021-44228,0.94358,0.99957\n"));
        EpssScores windows =
                parse("\uFEFFcve,epss,percentile\r\nCVE-2021-44228,1,1.0\r\n\r\nCVE-2022-0001,5e-05,0.0\r\n");

        assertThat(gzipped.find("CVE-2021-44228")).map(Epss::score).contains(0.94358);
        assertThat(windows.scoreDate()).isEmpty();
        assertThat(windows.modelVersion()).isEmpty();
        assertThat(windows.find("CVE-2022-0001")).map(Epss::score).contains(5e-05);
        assertThat(windows.size()).isEqualTo(2);
    }

    @Test
    void refusesBadRowsWhereTheyAre() {
        assertThatThrownBy(() -> parse(HEAD + "CVE-2021-44228,0.9,0.99\nCVE-2021-44229,1.5,0.99\n"))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("epss.csv:4:16 (/epss): bad epss \"1.5\": expected a decimal number in 0..1");
        assertThatThrownBy(() -> parse(HEAD + "CVE-2021-44228,0.9,NaN\n"))
                .hasMessage("epss.csv:3:20 (/percentile): bad percentile \"NaN\": expected a decimal number in 0..1");
        assertThatThrownBy(() -> parse(HEAD + "GHSA-1234,0.9,0.99\n"))
                .hasMessage("epss.csv:3:1 (/cve): \"GHSA-1234\" is not a CVE id (CVE-YYYY-NNNN)");
        assertThatThrownBy(() -> parse(HEAD + "CVE-2021-44228,0.9\n"))
                .hasMessage(
                        "epss.csv:3:1 (/): expected 3 columns (cve,epss,percentile), found 2: \"CVE-2021-44228,0.9\"");
        assertThatThrownBy(() -> parse(HEAD + "CVE-2021-44228,0.9,0.99\ncve-2021-44228,0.8,0.98\n"))
                .hasMessage("epss.csv:4:1 (/cve): CVE-2021-44228 is scored twice (first on line 3)");
        assertThatThrownBy(() -> parse(HEAD + "CVE-2021-44228,-0.1,0.99\n")).hasMessageContaining("bad epss \"-0.1\"");
    }

    @Test
    void refusesFilesThatAreNotEpssScores() {
        assertThatThrownBy(() -> parse(""))
                .hasMessage("epss.csv (/header): empty file: expected the header cve,epss,percentile");
        assertThatThrownBy(() -> parse("{\"cve\": \"CVE-2021-44228\"}\n"))
                .hasMessage(
                        "epss.csv:1:1 (/header): expected the header cve,epss,percentile, found \"{\\\"cve\\\": \\\"CVE-2021-44228\\\"}\"");
        assertThatThrownBy(() -> parse("#model_version:v1,score_date:25.08.2025\ncve,epss,percentile\n"))
                .hasMessage(
                        "epss.csv:1:30 (/#/score_date): bad score_date \"25.08.2025\": expected a date or date-time such as"
                                + " 2025-08-25T00:00:00+0000");
        assertThatThrownBy(() -> parse("#model_version v1\ncve,epss,percentile\n"))
                .hasMessageStartingWith("epss.csv:1:2 (/#): expected key:value pairs");
        assertThatThrownBy(() -> parse(new byte[] {'c', 'v', 'e', ',', (byte) 0xC3, (byte) 0x28, '\n'}))
                .hasMessage("epss.csv (/): not UTF-8 text");
    }

    /** UTF-8 that a lenient decoder reads as text: overlong forms, encoded surrogates, code points above U+10FFFF. */
    private static final byte[][] ILL_FORMED_UTF8 = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };

    @Test
    void refusesOverlongSurrogateAndOutOfRangeUtf8PlainAndGzipped() {
        for (byte[] bad : ILL_FORMED_UTF8) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            csv.writeBytes((HEAD + "CVE-2021-44228,0.94358,0.99957\nCVE-2021-").getBytes(StandardCharsets.UTF_8));
            csv.writeBytes(bad);
            csv.writeBytes("45046,0.9,0.9\n".getBytes(StandardCharsets.UTF_8));
            byte[] plain = csv.toByteArray();
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }

            assertThatThrownBy(() -> parse(plain)).hasMessage("epss.csv (/): not UTF-8 text");
            assertThatThrownBy(() -> parse(zipped.toByteArray())).hasMessage("epss.csv (/): not UTF-8 text");
        }
    }

    @Test
    void endsATruncatedGzipWithAnError() {
        byte[] whole = gzip(HEAD + "CVE-2021-44228,0.94358,0.99957\n".repeat(1));
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);

        assertThatThrownBy(() -> parse(cut))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("not a complete gzip file");
    }

    @Test
    void enforcesItsLimits() {
        String longLine = HEAD + "CVE-2021-44228," + "1".repeat(5000) + "\n";
        byte[] bomb = gzip(HEAD + "\n".repeat(3 << 20));
        ReportSource twoRows = ReportSource.of(
                        "epss.csv",
                        (HEAD + "CVE-2021-0001,0.1,0.2\nCVE-2021-0002,0.1,0.2\n").getBytes(StandardCharsets.UTF_8))
                .withLimits(EpssScores.LIMITS.withMaxEntries(1));
        ReportSource small =
                ReportSource.of("epss.csv", bomb).withLimits(EpssScores.LIMITS.withMaxDocumentBytes(1 << 20));

        assertThatThrownBy(() -> parse(longLine))
                .hasMessage("epss.csv:3:1025 (/): limit exceeded: a line longer than 1024 characters");
        assertThatThrownBy(() -> EpssScores.read(twoRows))
                .hasMessage("epss.csv:4:1 (/): limit exceeded: more than 1 rows (ReadLimits.maxEntries)");
        assertThatThrownBy(() -> EpssScores.read(small))
                .hasMessage(
                        "epss.csv (/): limit exceeded: document larger than 1048576 bytes (ReadLimits.maxDocumentBytes)");
    }

    @Test
    void reportsAFileThatCannotBeOpened() {
        assertThatThrownBy(() -> EpssScores.read(Path.of("does-not-exist.csv")))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("does-not-exist.csv");
    }
}
