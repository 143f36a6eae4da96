package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ScanReport;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceCodecTest {

    private static final Instant AT = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void decodesEveryPartOfTheModelItEncoded() {
        ScanReport report = ReportCodecTest.everything();

        assertThat(EvidenceCodec.decode(EvidenceCodec.encode(report))).isEqualTo(report);
    }

    @Test
    void hashesAReportAsAStoreRecordsIt(@TempDir Path dir) {
        ScanReport report = ReportCodecTest.everything();

        try (HistoryStore store = HistoryStores.open(dir.resolve("history.db").toString())) {
            String recorded = store.record(report, RecordContext.of(AT, "test")).id();

            assertThat(EvidenceCodec.contentHash(report)).isEqualTo(recorded).startsWith("sha256:");
        }
    }

    @Test
    void refusesBytesOfANewerFormatSayingSo() {
        byte[] encoded = EvidenceCodec.encode(ReportCodecTest.everything());
        encoded[0] = (byte) (EvidenceCodec.VERSION + 1);

        assertThatThrownBy(() -> EvidenceCodec.decode(encoded))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("record format " + (EvidenceCodec.VERSION + 1))
                .extracting(e -> ((HistoryException) e).reason())
                .isEqualTo(HistoryException.Reason.BAD_INPUT);
    }

    @Test
    void refusesDamagedAndTruncatedBytesWithoutAPartialReport() {
        byte[] encoded = EvidenceCodec.encode(ReportCodecTest.everything());
        byte[] truncated = Arrays.copyOf(encoded, encoded.length / 2);
        byte[] garbage = "{\"not\": \"a report\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EvidenceCodec.decode(truncated))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("not an encoded report");
        assertThatThrownBy(() -> EvidenceCodec.decode(garbage)).isInstanceOf(HistoryException.class);
        assertThatThrownBy(() -> EvidenceCodec.decode(new byte[0])).isInstanceOf(HistoryException.class);
    }
}
