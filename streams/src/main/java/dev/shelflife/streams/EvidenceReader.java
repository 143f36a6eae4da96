package dev.shelflife.streams;

import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.ShelfLifeException;
import dev.shelflife.history.LineageRule;
import dev.shelflife.history.RecordedImage;
import dev.shelflife.history.jdbc.EvidenceCodec;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the evidence topic: each record's value is a report, in any format the installed adapters
 * detect, or already encoded with the history's codec (header {@value ShelfLifeTopology#ENCODING_HEADER}
 * {@code = }{@value ShelfLifeTopology#ENCODED}). It names the image the report is about (the header
 * {@value ShelfLifeTopology#IMAGE_HEADER}, or else the report's own reference or repository digest),
 * by digest where the report knows one, and keys the normalised evidence by the image's lineage. A
 * record that cannot be read, or names no image, goes to the rejected topic with the reason, located.
 * A tombstone retires the image, or the lineage, its key names.
 */
final class EvidenceReader implements Processor<byte[], byte[], String, Input> {

    private final LineageRule lineages;
    private ScannerAdapters adapters;
    private ProcessorContext<String, Input> context;

    EvidenceReader(LineageRule lineages) {
        this.lineages = lineages;
    }

    @Override
    public void init(ProcessorContext<String, Input> processorContext) {
        this.context = processorContext;
        this.adapters = ScannerAdapters.load(EvidenceReader.class.getClassLoader());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String source = ShelfLifeTopology.source(context);
        if (record.value() == null) {
            retire(record, source);
            return;
        }
        try {
            ScanReport report = isEncoded(record.headers())
                    ? EvidenceCodec.decode(record.value())
                    : adapters.read(ReportSource.of(source, record.value()));
            Optional<ImageRef> given =
                    header(record.headers(), ShelfLifeTopology.IMAGE_HEADER).map(ImageRef::parse);
            RecordedImage image = RecordedImage.of(report, given)
                    .orElseThrow(() -> new IllegalArgumentException(report.describe()
                            + " names no image: give the image it is about in the header "
                            + ShelfLifeTopology.IMAGE_HEADER));
            ScanReport kept = image.report();
            ImageRef identified = image.identified();
            String lineage = lineages.lineageOf(identified);
            if (lineage == null || lineage.isBlank()) {
                throw new IllegalArgumentException("the lineage rule gives no lineage for " + identified);
            }
            Instant madeAt = kept.scannedAt().orElse(Instant.ofEpochMilli(record.timestamp()));
            // An encoded report whose image was not renamed is passed on as it came: no second encoding.
            byte[] encoded =
                    isEncoded(record.headers()) && kept == report ? record.value() : EvidenceCodec.encode(kept);
            Input.Evidence evidence =
                    new Input.Evidence(imageKey(identified), EvidenceCodec.contentHash(kept), madeAt, encoded, source);
            context.forward(new Record<>(lineage, evidence, record.timestamp()));
        } catch (ShelfLifeException | IllegalArgumentException e) {
            context.forward(new Record<>(source, new Input.Rejected(source, e.getMessage()), record.timestamp()));
        }
    }

    /**
     * A tombstone: its key names the image deleted from the registry (as the verdicts' keys name it:
     * {@code name@sha256:…}, or {@code name:tag} for an image known by tag only), or a lineage (a
     * repository without tag or digest), all of whose images are retired.
     */
    private void retire(Record<byte[], byte[]> record, String source) {
        try {
            if (record.key() == null || record.key().length == 0) {
                throw new IllegalArgumentException("a tombstone without a key: its key names the image or the lineage"
                        + " to retire (ghcr.io/acme/shop-api@sha256:…, or ghcr.io/acme/shop-api)");
            }
            String name = new String(record.key(), StandardCharsets.UTF_8).strip();
            ImageRef ref;
            try {
                ref = ImageRef.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the key of a tombstone names no image or lineage (" + e.getMessage() + ")", e);
            }
            String lineage = lineages.lineageOf(ref);
            if (lineage == null || lineage.isBlank()) {
                throw new IllegalArgumentException("the lineage rule gives no lineage for " + ref);
            }
            Optional<String> image =
                    ref.tag().isEmpty() && ref.digest().isEmpty() ? Optional.empty() : Optional.of(imageKey(ref));
            context.forward(new Record<>(lineage, new Input.Retire(image, source), record.timestamp()));
        } catch (IllegalArgumentException e) {
            context.forward(new Record<>(
                    source, new Input.Rejected(source, source + ": " + e.getMessage()), record.timestamp()));
        }
    }

    /**
     * The key of an image: by digest where known ({@code name@sha256:…}), so that one image scanned
     * under two tags is one image; else by tag ({@code name:tag}).
     */
    static String imageKey(ImageRef ref) {
        if (ref.digest().isPresent()) {
            return ref.name() + "@" + ref.digest().get();
        }
        return ref.toString();
    }

    private static boolean isEncoded(Headers headers) {
        return header(headers, ShelfLifeTopology.ENCODING_HEADER)
                .filter(ShelfLifeTopology.ENCODED::equals)
                .isPresent();
    }

    static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
