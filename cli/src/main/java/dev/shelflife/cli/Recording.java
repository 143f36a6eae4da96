package dev.shelflife.cli;

import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the commands do with a history store: record the reports they were given, read the
 * lineage's history into a record, and record the verdicts they issued.
 *
 * <p>Every command does all of it before it writes its result, so that a store that fails leaves
 * standard output empty and the exit code says why.
 */
final class Recording {

    /** The label of a report that the history gave rather than a file, in every output. */
    static final String FROM_HISTORY = "(history)";

    private Recording() {}

    /**
     * Records reports, each on its own: recording one is atomic and idempotent. Which image each
     * report is about is settled for all of them before any is recorded, so that a report that
     * names no image leaves the store as it was: the image the caller named, or the report's own,
     * or else that of another report given with it that shares one of its digests (a VEX document
     * that names the image by its digest only, beside the scan that names its repository).
     *
     * @param store the store
     * @param reports the reports with their files
     * @param image the image they are about, when the caller named it
     * @param at when they are recorded
     * @param by who records them
     * @param hint what to do when a report names no image, such as {@code give --image REF}
     * @return what was recorded, in order
     * @throws UsageException naming the file when a report names no image and none was named
     * @throws HistoryException if the store fails
     */
    static List<Recorded> record(
            HistoryStore store,
            List<ImageEvidence.Report> reports,
            Optional<ImageRef> image,
            Instant at,
            String by,
            String hint) {
        List<RecordContext> contexts = new ArrayList<>(reports.size());
        for (ImageEvidence.Report report : reports) {
            Optional<ImageRef> about =
                    image.or(() -> report.report().image().ref()).or(() -> byDigest(report, reports));
            if (about.isEmpty()) {
                throw new UsageException(report.file() + " (" + report.report().describe()
                        + ") names no image the history can record it under, and nothing was recorded; " + hint);
            }
            contexts.add(new RecordContext(about, at, by));
        }
        List<Recorded> recorded = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            ImageEvidence.Report report = reports.get(i);
            try {
                recorded.add(store.record(report.report(), contexts.get(i)));
            } catch (HistoryException e) {
                if (e.reason() == HistoryException.Reason.BAD_INPUT) {
                    throw new UsageException(report.file() + ": " + e.getMessage());
                }
                throw e;
            }
        }
        return recorded;
    }

    /** The reference of another report that names its repository and shares a digest with this one. */
    private static Optional<ImageRef> byDigest(ImageEvidence.Report report, List<ImageEvidence.Report> reports) {
        ImageIdentity identity = ImageIdentity.of(report.report().image());
        if (identity.digests().isEmpty() && identity.configDigest().isEmpty()) {
            return Optional.empty();
        }
        return reports.stream()
                .map(r -> r.report().image())
                .filter(other -> other.ref().isPresent())
                .filter(other -> shareADigest(identity, ImageIdentity.of(other)))
                .map(other -> other.ref().get())
                .findFirst();
    }

    private static boolean shareADigest(ImageIdentity a, ImageIdentity b) {
        return a.configDigest().isPresent() && a.configDigest().equals(b.configDigest())
                || a.digests().stream().anyMatch(b.digests()::contains);
    }

    /**
     * The image a record is about, for its lineage and its verdicts: the one named, or else the
     * one its reports name.
     *
     * @param record the record
     * @param named the image the caller named, if any
     * @param hint what to do when neither names one
     * @return the image
     * @throws UsageException if neither names one
     */
    static ImageRef imageOf(ImageRecord record, Optional<ImageRef> named, String hint) {
        return named.or(() -> record.image().ref())
                .orElseThrow(
                        () -> new UsageException("the reports name no image, so the history cannot tell which image's"
                                + " past to count from; " + hint));
    }

    /**
     * A record with its lineage's history, so that first-seen and fix-available count from the
     * lineage's recorded past.
     *
     * @param store the store
     * @param record the record made from the reports given
     * @param image the image it is about
     * @param at the evaluation instant: nothing recorded as made after it counts
     * @return the record with the lineage's history
     * @throws HistoryException if the store cannot be read
     */
    static ImageRecord withLineage(HistoryStore store, ImageRecord record, ImageRef image, Instant at) {
        return record.withLineage(store.lineage(store.lineageOf(image), at));
    }

    /**
     * A verdict as the history keeps it.
     *
     * @param image the image judged
     * @param verdict the verdict
     * @return the issued verdict
     */
    static IssuedVerdict issued(ImageRef image, Verdict verdict) {
        return new IssuedVerdict(
                image,
                verdict.stage(),
                verdict.outcome().name(),
                verdict.evaluatedAt(),
                verdict.nextChange().map(Forecast::at),
                verdict.nextChange().map(Forecast::reason));
    }
}
