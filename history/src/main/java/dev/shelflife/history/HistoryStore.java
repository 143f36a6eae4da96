package dev.shelflife.history;

import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import dev.shelflife.ScanReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the history of images is kept: every piece of evidence recorded about an image, every
 * observation of a tag, every verdict issued. {@link HistoryStores#open(String)} opens one from a
 * URL; {@link HistoryStoreProvider} adds kinds of store.
 *
 * <p>Recording is <b>idempotent</b> (a report recorded twice, by content, is kept once),
 * <b>atomic</b> (a report is recorded whole or not at all) and safe for <b>concurrent writers</b>,
 * in one process or several: nothing recorded is lost. A failure leaves the store as it was
 * before the failed call and ends in a {@link HistoryException} that says what went wrong.
 *
 * <p>Implementations are thread-safe. Time is a parameter: a store never reads the clock.
 *
 * @since 0.2
 */
public interface HistoryStore extends AutoCloseable {

    /**
     * Records a report about an image: its kind, scanner, dates, a content hash, each finding's
     * identity, version and fix, the image and its base. Recording what is already recorded (the
     * same content for the same image) changes nothing and says so.
     *
     * @param report the report
     * @param context which image it is about, if the report does not say, and who records it when
     * @return what was recorded, or what already was
     * @throws HistoryException if the store cannot record it; the store is left as it was
     */
    Recorded record(ScanReport report, RecordContext context);

    /**
     * Records that a tag pointed at a digest when it was looked at. A tag seen on a new digest
     * starts a new observation, whose first sighting is when it moved as far as the store knows;
     * seen again on the same digest, the observation's last sighting moves on.
     *
     * @param reference the tag, such as {@code python:3.12-slim}
     * @param digest the digest it pointed at
     * @param observedAt when it was looked at
     * @param observedBy who looked ({@code shelflife plan}, a registry webhook)
     * @return the observation as it stands after this one
     * @throws HistoryException if the store cannot record it
     */
    TagObservation observeTag(ImageRef reference, String digest, Instant observedAt, String observedBy);

    /**
     * Records a verdict that was issued about an image.
     *
     * @param verdict the verdict
     * @throws HistoryException if the store cannot record it
     */
    void recordVerdict(IssuedVerdict verdict);

    /**
     * The record of an image as the store knows it: the latest report of each scanner and kind
     * recorded about the image by the instant, and what its lineage's recorded scans remember for
     * the clocks ({@link ImageRecord#lineage()}).
     *
     * @param image the image, by reference; with a digest, the image of that digest, else the image
     *     its tag pointed at in the latest report recorded under it with a digest, together with what
     *     was recorded under the tag alone (an assessment that names no digest is about whatever the
     *     tag points at)
     * @param at the instant whose view to give: nothing recorded as made after it is returned
     * @return the record, empty when nothing about the image is recorded
     * @throws HistoryException if the store cannot be read
     */
    Optional<ImageRecord> imageRecord(ImageRef image, Instant at);

    /**
     * What a lineage's recorded scans remember for the clocks, for a record made elsewhere (from
     * reports given on a command line) that should count from the lineage's past.
     *
     * @param lineage the lineage's name
     * @param at the instant whose view to give
     * @return the lineage's history, with no finding when nothing is recorded
     * @throws HistoryException if the store cannot be read
     */
    Lineage lineage(String lineage, Instant at);

    /**
     * The lineage an image belongs to, by the store's {@link LineageRule}.
     *
     * @param image the image
     * @return the lineage's name
     */
    String lineageOf(ImageRef image);

    /**
     * Where a tag points, as last observed, and since when.
     *
     * @param reference the tag
     * @return the current observation, or empty when the tag was never observed
     * @throws HistoryException if the store cannot be read
     */
    Optional<TagObservation> tag(ImageRef reference);

    /**
     * The timeline of an image or a lineage: its scans, when each finding was first seen and when
     * it stopped being seen, its tag moves and the verdicts issued, oldest first.
     *
     * @param subject an image reference, or a lineage's name
     * @return the timeline, empty when nothing is recorded about it
     * @throws HistoryException if the store cannot be read
     */
    Optional<Timeline> timeline(String subject);

    /**
     * Compacts what is older than the retention keeps: old reports are dropped, but never the facts
     * the clocks need (the first sighting of every finding and of its fix, every tag observation),
     * nor the latest report of each scanner and kind of every image.
     *
     * @param retention what to keep
     * @param now the instant the retention counts back from
     * @return what was dropped
     * @throws HistoryException if the store cannot be compacted; it is left as it was
     */
    Compaction compact(Retention retention, Instant now);

    /**
     * The images recorded in a lineage, newest first.
     *
     * @param lineage the lineage's name
     * @return the images, as references with their digests
     * @throws HistoryException if the store cannot be read
     */
    List<ImageRef> images(String lineage);

    /**
     * Closes the store and what it holds open.
     *
     * @throws HistoryException if closing fails
     */
    @Override
    void close();
}
