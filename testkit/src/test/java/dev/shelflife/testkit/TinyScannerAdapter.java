package dev.shelflife.testkit;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Set;

/**
 * The smallest adapter that passes the whole kit, for {@link ScannerAdapterKitSelfTest} to break:
 * {@code {"tinyScan": "1", "findings": [{"id": "CVE-1", "name": "musl"}]}}, the version first.
 */
public final class TinyScannerAdapter implements ScannerAdapter {

    static final String ID = "tiny";
    private static final String FORMAT = "tiny-scan-json";
    private static final Set<String> FIELDS = Set.of("tinyScan", "findings");

    private final String formatAdapterId;

    /** The adapter, as {@code ServiceLoader} makes it. */
    public TinyScannerAdapter() {
        this(ID);
    }

    /** An adapter whose reports name {@code formatAdapterId} as the adapter that read them. */
    TinyScannerAdapter(String formatAdapterId) {
        this.formatAdapterId = formatAdapterId;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Detection detect(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.openFirstPass(source)) {
            boolean first = cursor.nextToken() == JsonToken.START_OBJECT
                    && cursor.nextToken() == JsonToken.FIELD_NAME
                    && cursor.nextToken() == JsonToken.VALUE_STRING
                    && cursor.location().path().equals("/tinyScan");
            return first
                    ? Detection.certain(FORMAT, cursor.text(), "first field \"tinyScan\"")
                    : Detection.none(FORMAT, "the first field is not \"tinyScan\"");
        } catch (ReportParseException e) {
            return Detection.none(FORMAT, "not JSON: " + e.problem());
        }
    }

    @Override
    public ScanReport read(ReportSource source) {
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.SCAN, ReportFormat.of(formatAdapterId, FORMAT, "1"), ScannerTool.of("Tiny", null));
        try (JsonCursor cursor = JsonCursor.open(source)) {
            cursor.reportProblemsTo(report::problem);
            ReportLocation start = cursor.location();
            if (cursor.firstToken() != JsonToken.START_OBJECT) {
                throw new UnsupportedReportException(start, "not a Tiny Scan report: not a JSON object");
            }
            boolean[] seen = new boolean[2];
            cursor.forEachField(name -> {
                if (!seen[0] && !name.equals("tinyScan")) {
                    throw new UnsupportedReportException(
                            cursor.location(), "not a Tiny Scan report: " + name + " first");
                }
                switch (name) {
                    case "tinyScan" -> seen[0] = cursor.text() != null;
                    case "findings" -> seen[1] = readFindings(cursor, source, report);
                    default -> cursor.skipUnread(name, FIELDS);
                }
            });
            cursor.requireEnd();
            if (!seen[0]) {
                throw new UnsupportedReportException(start, "not a Tiny Scan report: an empty object");
            }
            if (!seen[1]) {
                throw new ReportParseException(start, "Tiny Scan report without \"findings\"");
            }
        }
        return report.build();
    }

    private static boolean readFindings(JsonCursor cursor, ReportSource source, ScanReport.Builder report) {
        int[] entries = {0};
        cursor.forEachElement(index -> {
            if (++entries[0] > source.limits().maxEntries()) {
                throw cursor.failure("limit exceeded: more than "
                        + source.limits().maxEntries() + " findings (ReadLimits.maxEntries)");
            }
            ReportLocation at = cursor.location();
            Entry entry = cursor.read(Entry.class);
            if (entry == null || entry.id() == null || entry.name() == null) {
                report.skipped("an incomplete finding: skipped", at);
            } else {
                report.finding(new Finding(
                        Vulnerability.builder(entry.id()).build(),
                        InstalledPackage.builder(entry.name()).build(),
                        Fix.of(FixState.UNKNOWN),
                        ""));
            }
        });
        return true;
    }

    /** One finding as written. */
    record Entry(String id, String name) {}
}
