package dev.shelflife;

/**
 * A report is well formed but not one ShelfLife can read: an unknown schema version, or a format
 * no installed adapter understands.
 *
 * @since 0.1
 */
public class UnsupportedReportException extends ReportParseException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception at a location.
     *
     * @param location where in the report (the whole document, or the version field)
     * @param problem what is not supported
     */
    public UnsupportedReportException(ReportLocation location, String problem) {
        super(location, problem);
    }
}
