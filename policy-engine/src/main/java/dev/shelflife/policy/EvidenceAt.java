package dev.shelflife.policy;

import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.VexStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evidence of a record that exists at an instant: reports scanned, statements made and an
 * image built by then, with what was left out and when the next of it comes into evidence.
 * Evidence without a date is kept: nothing shows it is from the future.
 */
final class EvidenceAt {

    private final ImageRecord record;
    private final List<VexStatement> statements;
    private final List<IgnoredEvidence> ignored;
    private final Optional<Instant> nextArrival;

    private EvidenceAt(
            ImageRecord record,
            List<VexStatement> statements,
            List<IgnoredEvidence> ignored,
            Optional<Instant> nextArrival) {
        this.record = record;
        this.statements = statements;
        this.ignored = ignored;
        this.nextArrival = nextArrival;
    }

    /**
     * Sorts a record's evidence into what exists at an instant and what does not yet.
     *
     * @param record the record
     * @param at the evaluation instant
     * @param latestAllowed the latest instant evidence may carry and still count: {@code at} plus the clock skew
     */
    static EvidenceAt of(ImageRecord record, Instant at, Instant latestAllowed) {
        List<IgnoredEvidence> ignored = new ArrayList<>();
        Instant next = null;
        List<ScanReport> reports = new ArrayList<>(record.reports().size());
        for (ScanReport report : record.reports()) {
            Instant made = report.scannedAt().orElse(null);
            if (made != null && made.isAfter(latestAllowed)) {
                ignored.add(IgnoredEvidence.report(report, made, at));
                next = earlier(next, made);
            } else {
                reports.add(report);
            }
        }
        Image image = record.image();
        Optional<Instant> built = image.createdAt();
        if (built.isPresent() && built.get().isAfter(latestAllowed)) {
            ignored.add(IgnoredEvidence.buildInstant(built.get(), at));
            next = earlier(next, built.get());
            image = image.toBuilder().createdAt(null).build();
        }
        ImageRecord existing = reports.size() == record.reports().size() && image == record.image()
                ? record
                : new ImageRecord(image, reports, record.vexStatements(), record.deployedSince(), record.lineage());
        List<VexStatement> statements = new ArrayList<>();
        for (VexStatement statement : existing.statements()) {
            Instant made = statement.timestamp().orElse(null);
            if (made != null && made.isAfter(latestAllowed)) {
                ignored.add(IgnoredEvidence.statement(statement, made, at));
                next = earlier(next, made);
            } else {
                statements.add(statement);
            }
        }
        return new EvidenceAt(existing, List.copyOf(statements), List.copyOf(ignored), Optional.ofNullable(next));
    }

    /** The record without the evidence made after the instant. */
    ImageRecord record() {
        return record;
    }

    /** The statements of the record that were made by the instant. */
    List<VexStatement> statements() {
        return statements;
    }

    /** What was left out, in the record's order: reports, then the build instant, then statements. */
    List<IgnoredEvidence> ignored() {
        return ignored;
    }

    /** When the earliest evidence left out was made: from then on (less the skew) it counts. */
    Optional<Instant> nextArrival() {
        return nextArrival;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
