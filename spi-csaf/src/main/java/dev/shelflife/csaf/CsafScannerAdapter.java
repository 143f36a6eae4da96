package dev.shelflife.csaf;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads CSAF 2.0 documents into the ShelfLife model: VEX documents ({@code csaf_vex}) and security
 * advisories ({@code csaf_security_advisory}, as Red Hat publishes them), and any other category
 * whose vulnerabilities give product statuses.
 *
 * <p>A document is an {@linkplain dev.shelflife.EvidenceKind#ASSESSMENT assessment}: every product
 * id that a vulnerability's {@code product_status} lists (one per vulnerability, status and product)
 * is one raw entry, and becomes a {@link dev.shelflife.VexStatement}, counted as a statement, or a
 * skipped entry recorded as a problem (a product id the product tree does not define, a
 * vulnerability without an id). Product ids are resolved through {@code product_tree}: branches and
 * full product names give a product's package URL (else its CPE, else its name); a relationship
 * gives a component of another product, read as that product with the component as its
 * subcomponent. The document is walked as a stream, each vulnerability on its own.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.2
 */
public final class CsafScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "csaf";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public CsafScannerAdapter() {
        // Stateless: every read works on its own reader.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CSAF";
    }

    /**
     * Claims a JSON object whose {@code document} names a {@code csaf_version}, certain, or, without
     * one, that has a {@code product_tree} and vulnerabilities with a {@code product_status}. Stops
     * without a claim at a key that identifies another format. Never throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return CsafReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return CsafReader.read(Objects.requireNonNull(source, "source"));
    }
}
