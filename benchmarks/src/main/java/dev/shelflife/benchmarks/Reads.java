package dev.shelflife.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import edu.hm.hafner.analysis.IssueParser;
import edu.hm.hafner.analysis.ReaderFactory;
import edu.hm.hafner.analysis.Report;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One large report in memory and the ways the benchmarks read it, on the same bytes: the limit,
 * ShelfLife's read and stream, and the peer. Shared by {@link ReadBenchmark} (wall-clock time,
 * JMH) and {@link CpuTimeReads} (CPU time, for a busy machine).
 */
final class Reads {

    /** The methods, in the order tables show them. */
    static final String LIMIT = "limit";

    static final String SHELFLIFE = "shelflife";
    static final String SHELFLIFE_STREAM = "shelflifeStream";
    static final String PEER = "peer";

    private static final JsonFactory BARE = new JsonFactory();

    private final LargeReports.Report report;
    private final byte[] bytes;
    private final ScannerAdapter adapter;
    private final IssueParser peer;

    private Reads(LargeReports.Report report, byte[] bytes, ScannerAdapter adapter, IssueParser peer) {
        this.report = report;
        this.bytes = bytes;
        this.adapter = adapter;
        this.peer = peer;
    }

    /**
     * Grows (or finds) a report and loads it.
     *
     * @param format the format
     * @param mebibytes the size
     * @return the report, ready to be read
     * @throws IOException if the report cannot be read
     */
    static Reads load(Format format, int mebibytes) throws IOException {
        LargeReports.Report report = LargeReports.grow(format, mebibytes);
        return new Reads(
                report,
                Files.readAllBytes(report.path()),
                format.adapter(),
                format.peer().orElse(null));
    }

    LargeReports.Report report() {
        return report;
    }

    boolean hasPeer() {
        return peer != null;
    }

    /**
     * The limit: a bare Jackson streaming pass that touches every token and materialises every
     * name, string and number, as any reader must.
     *
     * @param sink consumes the values
     * @return the number of tokens
     * @throws IOException never, for a well-formed report
     */
    long limit(Consumer<Object> sink) throws IOException {
        long tokens = 0;
        try (JsonParser parser = BARE.createParser(bytes)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens++;
                switch (token) {
                    case FIELD_NAME -> sink.accept(parser.currentName());
                    case VALUE_STRING -> sink.accept(parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sink.accept(parser.getNumberValue());
                    default -> sink.accept(token);
                }
            }
        }
        return tokens;
    }

    /** @return ShelfLife's report: the adapter reads the whole report into the model */
    ScanReport shelflife() {
        return adapter.read(source());
    }

    /**
     * ShelfLife streaming: the adapter hands each finding over and keeps none.
     *
     * @param sink receives the findings
     * @return the summary
     */
    ReportSummary shelflifeStream(Consumer<? super Finding> sink) {
        return adapter.stream(source(), sink);
    }

    /**
     * The peer: analysis-model's parser for the format, over the same bytes.
     *
     * @return the peer's report
     * @throws IllegalStateException if analysis-model has no parser for the format
     */
    Report peer() {
        if (peer == null) {
            throw new IllegalStateException("analysis-model has no parser for " + report.format());
        }
        return peer.parse(new BytesReaderFactory(report.path().getFileName().toString(), bytes));
    }

    /**
     * Reads the report once with a method and says what that made of it.
     *
     * @param method one of the method names
     * @return a line for people
     * @throws IOException never, for a well-formed report
     */
    String outcome(String method) throws IOException {
        return switch (method) {
            case LIMIT -> String.format(Locale.ROOT, "%,d tokens", limit(value -> {}));
            case SHELFLIFE -> shelflife().counts().toString();
            case SHELFLIFE_STREAM -> shelflifeStream(finding -> {}).counts().toString();
            case PEER -> String.format(Locale.ROOT, "%,d issues", peer().size());
            default -> throw new IllegalArgumentException("no method " + method);
        };
    }

    private ReportSource source() {
        return ReportSource.of(report.path().getFileName().toString(), bytes);
    }

    /** Hands the peer the bytes in memory, as ShelfLife gets them. */
    private static final class BytesReaderFactory extends ReaderFactory {
        private final String name;
        private final byte[] bytes;

        BytesReaderFactory(String name, byte[] bytes) {
            super(StandardCharsets.UTF_8);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        public String getFileName() {
            return name;
        }

        @Override
        public Reader create() {
            return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        }
    }
}
