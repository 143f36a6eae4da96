package dev.shelflife.spi;

import java.io.IOException;

/**
 * A stream bounded by {@link ReadLimits#bound(java.io.InputStream)} was read past
 * {@link ReadLimits#maxDocumentBytes()}.
 *
 * <p>It is an {@link IOException} so that it passes unchanged through the parsers that read the
 * stream; an adapter catches it, or finds it among the causes of what the parser throws, and turns
 * it into a located {@link dev.shelflife.ReportParseException} that names the limit.
 *
 * @since 0.1
 */
public final class DocumentTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception for a limit.
     *
     * @param limit the most bytes the document may have
     */
    public DocumentTooLargeException(long limit) {
        super("document larger than " + limit + " bytes (ReadLimits.maxDocumentBytes)");
        this.limit = limit;
    }

    /**
     * The limit that was passed.
     *
     * @return the most bytes the document may have
     */
    public long limit() {
        return limit;
    }
}
