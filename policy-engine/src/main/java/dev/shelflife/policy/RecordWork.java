package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.policy.internal.MergeAccess;
import dev.shelflife.policy.internal.PackageIdentities;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.SeverityRule;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * What an evaluation works out from the record alone, whatever the stage: the latest scan of each
 * scanner, their merge (with the package identities it read) and the findings to judge, then, when
 * a rule first asks, the finding history behind the clocks and the remedies of each package. A
 * record is immutable, so this work is the same at every stage and every instant at which the same
 * evidence counts: the engine remembers it for the records it evaluated last, by the record's
 * identity, and the next evaluation of one of them (another stage, or the same stage again) starts
 * from it.
 *
 * <p>The records remembered are held weakly and their work softly: remembering never keeps a
 * record alive, and the garbage collector may drop the work of any under memory pressure. A record
 * takes one of a few slots from the one its identity hash chooses; an entry is immutable and a slot
 * replaced whole, so it is read and written from any thread without a lock (a reader checks the
 * entry's record; two threads may both work out one record's work, and one of them is kept). The
 * history and remedies that the work gathers later are guarded as {@link RuleContext} guards them.
 */
final class RecordWork {

    /**
     * The number of records remembered, a power of two. A record's work is a few hundred kilobytes
     * for 300 findings: kept for 1,024 records, the work of a fleet judged record after record
     * outlived young collections and cost more in the garbage collector than it saved (18.0 s of
     * CPU for 10,000 records at three stages, against 10.4 s remembering nothing); for 128, 7.1 s.
     * The evaluations that reuse it follow each other: a record's stages judged in separate calls,
     * a forecast followed, a ring of records judged again.
     */
    private static final int SLOTS = 128;

    /**
     * How many slots from the one its identity hash chooses a record may take: with 4, a ring of 64
     * records filled some runs of slots and a few of its records pushed each other out, again and
     * again.
     */
    private static final int PROBES = 8;

    /** Records with more findings than this are not remembered: their work alone would be large. */
    private static final int MAX_FINDINGS = 20_000;

    private static final AtomicReferenceArray<Remembered> REMEMBERED = new AtomicReferenceArray<>(SLOTS);

    /**
     * One record's work. {@code latestAllowed} is kept only when the record has a lineage: what a
     * lineage remembers counts up to that instant, and nothing else in the work depends on it.
     */
    private record Remembered(
            WeakReference<ImageRecord> record,
            SeverityRule severityRule,
            @Nullable Instant latestAllowed,
            SoftReference<RecordWork> work) {

        boolean isFor(ImageRecord candidate, SeverityRule rule, @Nullable Instant allowed) {
            return record.get() == candidate
                    && severityRule.equals(rule)
                    && (allowed == null ? latestAllowed == null : allowed.equals(latestAllowed));
        }
    }

    private final List<ScanReport> latest;
    private final PackageIdentities identities;
    private final MergedFindings merged;
    private final List<Finding> findings;
    private final RuleContext.Shared shared;

    private RecordWork(ImageRecord record, SeverityRule severityRule) {
        this.latest = PolicyEngine.latestPerScanner(record.reports());
        this.identities = new PackageIdentities();
        this.merged = MergeAccess.get().merge(latest, severityRule, identities);
        List<FindingGroup> groups = merged.groups();
        List<Finding> judged = new ArrayList<>(groups.size());
        for (FindingGroup group : groups) {
            judged.add(group.finding());
        }
        this.findings = List.copyOf(judged);
        this.shared = new RuleContext.Shared(findings);
    }

    /**
     * The work of a record, remembered or worked out now.
     *
     * @param record the record, as the evidence at the evaluation instant leaves it
     * @param remember whether to look for it and remember it: {@code false} for a record made for
     *     one evaluation (evidence left out), which no later evaluation will give again
     * @param severityRule how the merge chooses severities
     * @param latestAllowed the latest instant evidence may carry and still count
     * @return the work
     */
    static RecordWork of(ImageRecord record, boolean remember, SeverityRule severityRule, Instant latestAllowed) {
        if (!remember) {
            return new RecordWork(record, severityRule);
        }
        Instant allowed = record.lineage().isPresent() ? latestAllowed : null;
        int hash = System.identityHashCode(record);
        int free = -1;
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (hash + probe) & (SLOTS - 1);
            Remembered remembered = REMEMBERED.get(slot);
            if (remembered == null || remembered.record().get() == null) {
                free = free < 0 ? slot : free;
            } else if (remembered.isFor(record, severityRule, allowed)) {
                RecordWork work = remembered.work().get();
                if (work != null) {
                    return work;
                }
                free = free < 0 ? slot : free;
            }
        }
        RecordWork work = new RecordWork(record, severityRule);
        if (work.findings.size() <= MAX_FINDINGS) {
            // No free slot among the probed: replace one of them, chosen by the hash's higher bits.
            int slot = free >= 0 ? free : (hash + ((hash >>> 16) & (PROBES - 1))) & (SLOTS - 1);
            REMEMBERED.set(
                    slot,
                    new Remembered(new WeakReference<>(record), severityRule, allowed, new SoftReference<>(work)));
        }
        return work;
    }

    List<ScanReport> latest() {
        return latest;
    }

    PackageIdentities identities() {
        return identities;
    }

    MergedFindings merged() {
        return merged;
    }

    List<Finding> findings() {
        return findings;
    }

    RuleContext.Shared shared() {
        return shared;
    }
}
