package dev.shelflife.history.jdbc;

import dev.shelflife.ScanReport;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import java.util.Objects;

/**
 * The history store's binary encoding of a report, for programs that keep reports elsewhere: a
 * stream processor's state, a message on a topic, a cache. It is the very codec the stores write
 * their rows with: compact (deflated), deterministic, versioned, and exact, so that
 * {@code decode(encode(report)).equals(report)} for every report.
 *
 * <p>{@link #contentHash(ScanReport)} is the id a store records a report under ({@code sha256:…}
 * over the uncompressed canonical encoding, so it does not depend on the compression library), and
 * therefore the id a {@link dev.shelflife.RecordedScan} names. Equal reports have equal hashes,
 * whatever their maps' iteration order.
 *
 * <p>Bytes written by a newer ShelfLife, or damaged ones, are refused with a
 * {@link HistoryException} that says which; never a partial report.
 *
 * @since 0.2
 */
public final class EvidenceCodec {

    /** The format version this codec writes, the first byte of every encoding. */
    public static final int VERSION = ReportCodec.VERSION;

    private EvidenceCodec() {}

    /**
     * A report's self-contained encoding: the version, the inflated length, and the deflated report.
     *
     * @param report the report
     * @return the bytes
     */
    public static byte[] encode(ScanReport report) {
        return ReportCodec.encode(Objects.requireNonNull(report, "report"));
    }

    /**
     * A report from its encoding.
     *
     * @param bytes what {@link #encode(ScanReport)} wrote
     * @return the report, equal to the one encoded
     * @throws HistoryException with {@link Reason#BAD_INPUT} if the bytes are damaged, cut short,
     *     not an encoding of a report, or of a format version this ShelfLife does not read
     */
    public static ScanReport decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return ReportCodec.decode(bytes);
        } catch (RuntimeException e) {
            throw new HistoryException(Reason.BAD_INPUT, "not an encoded report: " + e.getMessage(), e);
        }
    }

    /**
     * The id a history store records a report under: {@code sha256:} and the SHA-256 of its
     * canonical encoding, in lower-case hexadecimal.
     *
     * @param report the report
     * @return for example {@code sha256:3f1c…}
     */
    public static String contentHash(ScanReport report) {
        return ReportCodec.split(Objects.requireNonNull(report, "report")).contentHash();
    }
}
