package dev.shelflife.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ReadLimitsTest {

    private static InputStream bounded(int bytes, long limit) {
        return ReadLimits.DEFAULT.withMaxDocumentBytes(limit).bound(new ByteArrayInputStream(new byte[bytes]));
    }

    @Test
    void aBoundedStreamYieldsADocumentOfExactlyTheLimit() throws IOException {
        try (InputStream in = bounded(100, 100)) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
    }

    @Test
    void aBoundedStreamFailsOnTheFirstBytePastTheLimitNamingIt() throws IOException {
        try (InputStream in = bounded(101, 100)) {
            assertThat(in.readNBytes(100)).hasSize(100);
            assertThatThrownBy(in::read)
                    .isInstanceOf(DocumentTooLargeException.class)
                    .hasMessage("document larger than 100 bytes (ReadLimits.maxDocumentBytes)")
                    .satisfies(e ->
                            assertThat(((DocumentTooLargeException) e).limit()).isEqualTo(100));
        }
    }

    @Test
    void skippedBytesCountAgainstTheLimit() throws IOException {
        try (InputStream in = bounded(200, 100)) {
            assertThat(in.skip(100)).isEqualTo(100);
            assertThatThrownBy(() -> in.skip(1)).isInstanceOf(DocumentTooLargeException.class);
        }
    }

    @Test
    void aBoundedStreamCannotBeMarkedSoNoByteIsReadTwiceUncounted() throws IOException {
        try (InputStream in = bounded(10, 100)) {
            assertThat(in.markSupported()).isFalse();
        }
    }

    @Test
    void everyLimitMustBePositive() {
        assertThatThrownBy(() -> ReadLimits.DEFAULT.withMaxDocumentBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("every read limit must be positive");
    }
}
