package dev.shelflife.spi;

import java.io.InputStream;
import java.util.Objects;

/**
 * The limits an adapter enforces while reading one report, so that a hostile or broken input
 * ends in an error that names the limit instead of exhausting memory or the stack.
 *
 * @param maxDocumentBytes the largest document, in bytes
 * @param maxDepth the deepest nesting of objects and arrays (or XML elements)
 * @param maxStringLength the longest string value, in characters
 * @param maxNumberLength the longest number literal, in characters
 * @param maxEntries the most vulnerability entries one report may hold
 * @since 0.1
 */
public record ReadLimits(
        long maxDocumentBytes, int maxDepth, int maxStringLength, int maxNumberLength, int maxEntries) {

    /** The defaults: 2 GiB, depth 200, 10 million characters, 1,000-digit numbers, 5 million entries. */
    public static final ReadLimits DEFAULT = new ReadLimits(2L << 30, 200, 10_000_000, 1_000, 5_000_000);

    /**
     * Validates that every limit is positive.
     *
     * @throws IllegalArgumentException if one is not
     */
    public ReadLimits {
        if (maxDocumentBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("every read limit must be positive");
        }
    }

    /**
     * Wraps a stream so that reading more than {@link #maxDocumentBytes()} bytes from it fails
     * with a {@link DocumentTooLargeException}, for readers that do not count bytes themselves
     * (an XML parser, a CSV reader, the content of a compressed file).
     *
     * @param in the stream to count; closing the result closes it
     * @return the bounded stream
     */
    public InputStream bound(InputStream in) {
        return new BoundedInputStream(Objects.requireNonNull(in, "in"), maxDocumentBytes);
    }

    /**
     * A copy with another document size limit.
     *
     * @param bytes the largest document, in bytes
     * @return the new limits
     */
    public ReadLimits withMaxDocumentBytes(long bytes) {
        return new ReadLimits(bytes, maxDepth, maxStringLength, maxNumberLength, maxEntries);
    }

    /**
     * A copy with another nesting limit.
     *
     * @param depth the deepest nesting
     * @return the new limits
     */
    public ReadLimits withMaxDepth(int depth) {
        return new ReadLimits(maxDocumentBytes, depth, maxStringLength, maxNumberLength, maxEntries);
    }

    /**
     * A copy with another string length limit.
     *
     * @param length the longest string
     * @return the new limits
     */
    public ReadLimits withMaxStringLength(int length) {
        return new ReadLimits(maxDocumentBytes, maxDepth, length, maxNumberLength, maxEntries);
    }

    /**
     * A copy with another entry count limit.
     *
     * @param entries the most entries
     * @return the new limits
     */
    public ReadLimits withMaxEntries(int entries) {
        return new ReadLimits(maxDocumentBytes, maxDepth, maxStringLength, maxNumberLength, entries);
    }
}
