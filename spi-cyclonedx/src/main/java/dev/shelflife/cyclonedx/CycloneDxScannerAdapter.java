package dev.shelflife.cyclonedx;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;

/**
 * Reads CycloneDX documents, spec 1.2 to 1.7, in JSON and XML: SBOMs (components and the image
 * they describe), vulnerability reports (one finding per {@code affects} entry) and VEX
 * (one statement per {@code analysis}).
 *
 * <p>Found by {@link java.util.ServiceLoader} under the id {@value #ID}. Both encodings are read
 * as streams under the source's {@link dev.shelflife.spi.ReadLimits}; XML with a {@code <!DOCTYPE}
 * is refused before any parser sees it. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class CycloneDxScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "cyclonedx";

    /** The adapter, for {@link java.util.ServiceLoader} and for direct use. */
    public CycloneDxScannerAdapter() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CycloneDX";
    }

    @Override
    public Detection detect(ReportSource source) {
        return CycloneDxSniffer.detect(source);
    }

    @Override
    public ScanReport read(ReportSource source) {
        int first = CycloneDxSniffer.firstCharacter(source);
        return switch (first) {
            case '{' -> BomMapper.map(JsonBomReader.read(source), JsonBomReader.FORMAT);
            case '<' -> BomMapper.map(XmlBomReader.read(source), XmlBomReader.FORMAT);
            case -1 ->
                throw new ReportParseException(
                        ReportLocation.of(source.name()), "empty document: expected a CycloneDX BOM in JSON or XML");
            default ->
                throw new UnsupportedReportException(
                        ReportLocation.of(source.name()),
                        "not a CycloneDX BOM: expected JSON ({) or XML (<), found '" + Character.toString(first) + "'");
        };
    }
}
