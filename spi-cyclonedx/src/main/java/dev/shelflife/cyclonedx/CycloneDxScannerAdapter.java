package dev.shelflife.cyclonedx;

import dev.shelflife.Finding;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.function.Consumer;

/**
 * Reads CycloneDX documents, spec 1.2 to 1.7, in JSON and XML: SBOMs (components and the image
 * they describe), vulnerability reports (one finding per {@code affects} entry) and VEX
 * (one statement per {@code analysis}).
 *
 * <p>Found by {@link java.util.ServiceLoader} under the id {@value #ID}. Both encodings are read
 * as streams under the source's {@link dev.shelflife.spi.ReadLimits}; XML with a {@code <!DOCTYPE}
 * is refused before any parser sees it. A JSON document that writes its {@code metadata},
 * {@code serialNumber} and {@code components} before its {@code vulnerabilities}, as scanners do,
 * is mapped as it is read, and {@link #stream(ReportSource, Consumer)} hands its findings over as
 * they are mapped; other documents are read whole first. Stateless and thread-safe.
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
        return switch (firstCharacter(source)) {
            case '{' -> {
                Bom bom = new Bom(source.limits());
                BomMapper mapper = BomMapper.reading(bom);
                JsonBomReader.read(source, bom, mapper);
                yield mapper.finish(JsonBomReader.FORMAT).build();
            }
            default -> BomMapper.map(XmlBomReader.read(source), XmlBomReader.FORMAT);
        };
    }

    /**
     * Hands each finding to the caller as it is mapped, when the document is JSON whose
     * {@code vulnerabilities} come after what they refer to; otherwise, or for XML, once the
     * document is read whole. Exact duplicates are not collapsed.
     *
     * @since 0.2
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return switch (firstCharacter(source)) {
            case '{' -> {
                Bom bom = new Bom(source.limits());
                BomMapper mapper = BomMapper.streaming(bom, findings);
                JsonBomReader.read(source, bom, mapper);
                ScanReport.Builder report = mapper.finish(JsonBomReader.FORMAT);
                yield report.summary(mapper.handed());
            }
            default -> {
                BomMapper mapper = BomMapper.streaming(XmlBomReader.read(source), findings);
                ScanReport.Builder report = mapper.finish(XmlBomReader.FORMAT);
                yield report.summary(mapper.handed());
            }
        };
    }

    /** The document's first character, {@code '{'} or {@code '<'}; anything else is refused. */
    private static int firstCharacter(ReportSource source) {
        int first = CycloneDxSniffer.firstCharacter(source);
        return switch (first) {
            case '{', '<' -> first;
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
