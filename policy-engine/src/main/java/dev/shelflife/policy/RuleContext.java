package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.PackageUrl;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import dev.shelflife.policy.internal.Judgements;
import dev.shelflife.policy.internal.PackageIdentities;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Rule} judges: the image record, the stage, the instant, and the findings left
 * after waivers and VEX statements, with the clocks read from the record's history.
 *
 * <p>The findings of a record are those of its <em>latest report per scanner</em> (by scanner
 * name, ignoring case and version; the latest by scan instant, reports without one counting as
 * oldest and ties going to the later report in the record), merged into one finding per
 * vulnerability and package version (see {@link MergedFindings}). Older reports only feed the
 * {@link DeadlineClock#FIRST_SEEN} and {@link DeadlineClock#FIX_AVAILABLE} clocks.
 *
 * <p>The engine makes one context per stage it judges; it is immutable as far as rules can tell (it
 * indexes the scan history when a rule first reads a history clock, and remembers the remedies it
 * worked out, both safely from several threads; the contexts of the stages judged in one pass,
 * and of later evaluations of the same record, share both). New facts that later rules need (a
 * baseline, a catalog) are added here as new methods.
 *
 * @since 0.1
 */
public final class RuleContext {

    /** The package URL types of distribution packages. */
    private static final Set<String> OS_PURL_TYPES = Set.of("deb", "rpm", "apk", "alpm");

    private static final Set<String> OS_PACKAGE_TYPES = Set.of(
            "deb",
            "rpm",
            "apk",
            "alpm",
            "debian",
            "ubuntu",
            "alpine",
            "redhat",
            "centos",
            "rocky",
            "alma",
            "amazon",
            "oracle",
            "photon",
            "suse",
            "wolfi",
            "chainguard",
            "cbl-mariner",
            "azurelinux");

    static {
        Judgements.install(new Judgements() {
            @Override
            @SuppressWarnings("unchecked")
            protected <T> T find(RuleContext context, Object rule, Finding finding, int kind, Supplier<T> make) {
                FindingMemo memo = context.shared.memos.get(finding);
                if (memo == null) {
                    // Not one of the merge's findings (an advisory's CVE apart): nothing to keep it with.
                    return make.get();
                }
                int kept = 0;
                for (Judged judged = memo.judged; judged != null; judged = judged.next(), kept++) {
                    if (judged.rule() == rule && judged.kind() == kind) {
                        return (T) judged.value();
                    }
                }
                T made = make.get();
                if (kept < MAX_JUDGEMENTS) {
                    // Two threads may both add one; either is kept, and both are equal.
                    memo.judged = new Judged(rule, kind, made, memo.judged);
                }
                return made;
            }
        });
    }

    /**
     * How many judgements of one finding are remembered: a few rules of a few policies; an engine
     * made anew for every evaluation brings rules never seen again.
     */
    private static final int MAX_JUDGEMENTS = 8;

    /** A rule's judgement of a finding, and the finding's judgements remembered before it. */
    private record Judged(
            Object rule, int kind, Object value, @Nullable Judged next) {}

    /**
     * What the evaluations of a record worked out about one of its merged findings, each part when
     * first asked: its clocks, its remedies, the rules' judgements. Written from any thread without a
     * lock: each field holds an immutable value, and two threads that both work one out write equal
     * values.
     */
    private static final class FindingMemo {
        private volatile @Nullable Optional<FindingHistory.Seen> firstSeen;
        private volatile @Nullable Optional<FindingHistory.Seen> fixAvailable;
        private volatile @Nullable List<Action> remedies;
        private volatile @Nullable Judged judged;

        @Nullable
        Optional<FindingHistory.Seen> seen(DeadlineClock clock) {
            return clock == DeadlineClock.FIX_AVAILABLE ? fixAvailable : firstSeen;
        }

        void keep(DeadlineClock clock, Optional<FindingHistory.Seen> seen) {
            if (clock == DeadlineClock.FIX_AVAILABLE) {
                fixAvailable = seen;
            } else {
                firstSeen = seen;
            }
        }
    }

    private final ImageRecord record;
    private final Stage stage;
    private final Instant at;
    private final List<ScanReport> latestReports;
    private final List<Finding> findings;
    private final PackageIdentities identities;
    /** The history and remedies, shared by the contexts of the stages judged in one pass. */
    private final Shared shared;

    /**
     * What depends on neither the stage nor the findings left for it, so that the contexts of
     * the stages of one record, judged in one pass or in separate evaluations of the same record
     * (see {@link RecordWork}), work it out once.
     */
    static final class Shared {
        /** What is remembered of each of the record's merged findings, by identity; only read once made. */
        private final Map<Finding, FindingMemo> memos;

        Shared(List<Finding> merged) {
            Map<Finding, FindingMemo> byIdentity = new IdentityHashMap<>(merged.size() * 2);
            for (Finding finding : merged) {
                byIdentity.put(finding, new FindingMemo());
            }
            this.memos = byIdentity;
        }

        /** Indexed when a rule first reads a history clock: stages whose rules read none skip the work. */
        private volatile FindingHistory history;
        /**
         * The remedies of each package version and fix, as made for the first finding that asked: a
         * package with many vulnerabilities fixed in one release has its versions compared once.
         */
        private final Map<RemedyKey, List<Action>> remedies = new ConcurrentHashMap<>();
    }

    /** What {@link #remedies(Finding, String)} reads of a finding. */
    private record RemedyKey(
            String name, Optional<String> version, Optional<String> purl, Optional<String> type, Fix fix) {

        static RemedyKey of(Finding finding) {
            InstalledPackage pkg = finding.pkg();
            return new RemedyKey(pkg.name(), pkg.version(), pkg.purl(), pkg.type(), finding.fix());
        }
    }

    private final Optional<BaselineDiff> baselineDiff;
    private final Optional<BaseImageStatus> baseImageStatus;
    /** The latest instant evidence may carry and still count: the evaluation instant and the clock skew. */
    private final Instant latestAllowed;

    RuleContext(
            ImageRecord record,
            Stage stage,
            Instant at,
            Instant latestAllowed,
            List<ScanReport> latestReports,
            List<Finding> findings,
            PackageIdentities identities,
            Optional<BaselineDiff> baselineDiff,
            Optional<BaseImageStatus> baseImageStatus,
            Shared shared) {
        this.shared = shared;
        this.record = record;
        this.stage = stage;
        this.at = at;
        this.latestAllowed = latestAllowed;
        this.latestReports = List.copyOf(latestReports);
        this.findings = List.copyOf(findings);
        this.identities = identities;
        this.baselineDiff = baselineDiff;
        this.baseImageStatus = baseImageStatus;
    }

    /**
     * The context of another stage of the same record at the same instant, with the findings left
     * for that stage: it shares the history index and the remedies this one worked out, which
     * depend on neither.
     */
    RuleContext atStage(Stage otherStage, List<Finding> findingsOfStage) {
        return new RuleContext(
                record,
                otherStage,
                at,
                latestAllowed,
                latestReports,
                findingsOfStage,
                identities,
                baselineDiff,
                baseImageStatus,
                shared);
    }

    /**
     * The image record under evaluation, with its whole history.
     *
     * @return the record
     */
    public ImageRecord record() {
        return record;
    }

    /**
     * The stage under evaluation.
     *
     * @return the stage
     */
    public Stage stage() {
        return stage;
    }

    /**
     * The evaluation instant.
     *
     * @return the instant
     */
    public Instant at() {
        return at;
    }

    /**
     * The latest report of each scanner, in the record's order.
     *
     * @return the reports whose findings are judged
     */
    public List<ScanReport> latestReports() {
        return latestReports;
    }

    /**
     * The findings to judge: one per {@linkplain MergedFindings merged group} of the latest
     * reports' findings (a vulnerability in a package version, however many scanners reported it),
     * each the group's {@linkplain FindingGroup#finding() merged finding}, in the order of their
     * first finding in the reports; without those that an active waiver or suppressing VEX
     * statement took out.
     *
     * @return the findings to judge
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The judged findings compared with the baseline, when the evaluation has one (see
     * {@link EvaluationContext#withBaseline(Baseline)}).
     *
     * @return the comparison, or empty without a baseline
     */
    public Optional<BaselineDiff> baselineDiff() {
        return baselineDiff;
    }

    /**
     * Where the image's base image tag points now, and since when, when the evaluation was given it
     * (see {@link EvaluationContext#withBaseImage(BaseImageStatus)}).
     *
     * @return the status, or empty when the caller did not resolve the base
     */
    public Optional<BaseImageStatus> baseImageStatus() {
        return baseImageStatus;
    }

    /**
     * Reads a clock for a finding.
     *
     * @param clock the clock
     * @param finding the finding
     * @return the clock's value, or empty when the record does not tell
     */
    public Optional<Instant> clock(DeadlineClock clock, Finding finding) {
        return switch (clock) {
            case PUBLISHED -> finding.vulnerability().published();
            case FIX_AVAILABLE, FIRST_SEEN -> seen(clock, finding).map(FindingHistory.Seen::at);
            case IMAGE_BUILT -> record.image().createdAt();
            case KEV_ADDED ->
                finding.vulnerability()
                        .knownExploited()
                        .flatMap(KnownExploited::dateAdded)
                        .map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant());
        };
    }

    /**
     * The recorded scan of the image's lineage that a clock's value came from, when the record
     * carries its lineage's history (a history store made it) and the earliest sighting is one of
     * its scans: a verdict names it, so that a deadline can be traced to the scan that started it.
     *
     * @param clock the clock
     * @param finding the finding
     * @return the recorded scan, or empty for other clocks and for values from the record's own scans
     * @since 0.2
     */
    public Optional<RecordedScan> clockSource(DeadlineClock clock, Finding finding) {
        return switch (clock) {
            case FIX_AVAILABLE, FIRST_SEEN -> seen(clock, finding).flatMap(FindingHistory.Seen::recordedScan);
            default -> Optional.empty();
        };
    }

    /** A history clock ({@code FIX_AVAILABLE} or {@code FIRST_SEEN}) of a finding, remembered in its memo if it has one. */
    private Optional<FindingHistory.Seen> seen(DeadlineClock clock, Finding finding) {
        FindingMemo memo = shared.memos.get(finding);
        Optional<FindingHistory.Seen> known = memo == null ? null : memo.seen(clock);
        if (known == null) {
            known = clock == DeadlineClock.FIX_AVAILABLE
                    ? history().fixAvailableSince(finding)
                    : history().firstSeen(finding);
            if (memo != null) {
                memo.keep(clock, known);
            }
        }
        return known;
    }

    private FindingHistory history() {
        FindingHistory history = shared.history;
        if (history != null) {
            return history;
        }
        synchronized (shared) {
            if (shared.history == null) {
                shared.history = FindingHistory.of(record.scans(), record.lineage(), latestAllowed, identities);
            }
            return shared.history;
        }
    }

    /**
     * A result builder for an evaluation at this context's instant.
     *
     * @return a new builder
     */
    public RuleResult.Builder result() {
        return RuleResult.builder(at);
    }

    /**
     * The actions that remedy a finding: a {@linkplain Action#bump(Finding, String) bump} when
     * a fix is available and, for an operating-system package (deb, rpm, apk …), an update of the
     * base image when the image records one, or else a rebuild, since distribution fixes usually
     * arrive with a refreshed base.
     *
     * @param finding the finding
     * @param reason why, for the actions' reasons
     * @return the actions, empty when no fix is available
     */
    public List<Action> remedies(Finding finding, String reason) {
        FindingMemo memo = shared.memos.get(finding);
        List<Action> asked = memo == null ? null : memo.remedies;
        if (asked != null && hasReason(asked, reason)) {
            return asked;
        }
        List<Action> known = shared.remedies.computeIfAbsent(RemedyKey.of(finding), key -> remediesOf(finding, reason));
        List<Action> answer;
        if (hasReason(known, reason)) {
            answer = known;
        } else {
            List<Action> withReason = new ArrayList<>(known.size());
            for (Action action : known) {
                withReason.add(new Action(
                        action.kind(),
                        action.subject(),
                        action.from(),
                        action.to(),
                        action.scheme(),
                        action.size(),
                        List.of(reason)));
            }
            answer = List.copyOf(withReason);
        }
        if (memo != null) {
            memo.remedies = answer;
        }
        return answer;
    }

    /** Whether remedies, all made for one reason, were made for this one (none has every reason). */
    private static boolean hasReason(List<Action> actions, String reason) {
        return actions.isEmpty() || actions.get(0).reasons().get(0).equals(reason);
    }

    private List<Action> remediesOf(Finding finding, String reason) {
        List<Action> actions = new ArrayList<>();
        Action.bump(finding, reason).ifPresent(bump -> {
            actions.add(bump);
            if (isOsPackage(finding.pkg())) {
                actions.add(record.image()
                        .baseImage()
                        .map(base -> Action.updateBaseImage(base.name(), reason))
                        .orElseGet(() -> Action.rebuild(reason)));
            }
        });
        return List.copyOf(actions);
    }

    private static boolean isOsPackage(InstalledPackage pkg) {
        boolean osType = pkg.type()
                .map(t -> OS_PACKAGE_TYPES.contains(t.toLowerCase(Locale.ROOT)))
                .orElse(false);
        boolean osPurl = pkg.purl()
                .flatMap(PackageUrl::parse)
                .map(p -> OS_PURL_TYPES.contains(p.type()))
                .orElse(false);
        return osType || osPurl;
    }
}
