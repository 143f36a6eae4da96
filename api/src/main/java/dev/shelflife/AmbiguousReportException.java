package dev.shelflife;

import java.util.List;
import java.util.Objects;

/**
 * More than one installed adapter claims a report, so detection cannot say which format it is:
 * reading it as the surest claim could read another scanner's report as an empty one.
 *
 * <p>The message names every adapter that claimed the input and what each saw. Say which adapter
 * reads the report: {@code ScannerAdapters.require(id).read(source)} in Java, {@code --format ID}
 * on the command line.
 *
 * @since 0.2
 */
public class AmbiguousReportException extends UnsupportedReportException {

    private static final long serialVersionUID = 1L;

    private final List<String> adapterIds;

    /**
     * An exception about the whole document.
     *
     * @param location where in the report; the whole document ({@code /})
     * @param adapterIds the ids of the adapters that claim it, surest first
     * @param problem what each adapter saw, without the location
     */
    public AmbiguousReportException(ReportLocation location, List<String> adapterIds, String problem) {
        super(location, problem);
        this.adapterIds = List.copyOf(Objects.requireNonNull(adapterIds, "adapterIds"));
    }

    /**
     * The adapters that claim the report, surest first.
     *
     * @return their ids
     */
    public List<String> adapterIds() {
        return adapterIds;
    }
}
