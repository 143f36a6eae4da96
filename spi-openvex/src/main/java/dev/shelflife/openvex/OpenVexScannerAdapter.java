package dev.shelflife.openvex;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads OpenVEX documents into the ShelfLife model: v0.2.0 ({@code @context}
 * {@code https://openvex.dev/ns/v0.2.0}) and the older shape ({@code https://openvex.dev/ns}) whose
 * {@code vulnerability} is a string and whose {@code products} are strings.
 *
 * <p>A document is an {@linkplain dev.shelflife.EvidenceKind#ASSESSMENT assessment}: every element
 * of {@code statements} is one raw entry, and becomes a {@link dev.shelflife.VexStatement}, counted
 * as a statement, or a skipped entry recorded as a problem (no vulnerability, no product). The
 * statements act as waivers in the policy engine; the document has no findings. A statement
 * without a timestamp of its own takes the document's. The document is walked as a stream, each
 * statement on its own.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.2
 */
public final class OpenVexScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "openvex";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public OpenVexScannerAdapter() {
        // Stateless: every read works on its own reader.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenVEX";
    }

    /**
     * Claims a JSON object whose {@code @context} is OpenVEX's ({@code https://openvex.dev/ns…}),
     * certain, or, without one, whose first statement has a {@code vulnerability} and a
     * {@code status}. Stops without a claim at a key that identifies another format. Never throws
     * for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return OpenVexReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return OpenVexReader.read(Objects.requireNonNull(source, "source"));
    }
}
