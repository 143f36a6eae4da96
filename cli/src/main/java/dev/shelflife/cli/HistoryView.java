package dev.shelflife.cli;

import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Stage;
import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.StagePolicy;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code shelflife history} shows: an image's or a lineage's timeline as of an instant, and
 * for each stage its verdicts over time as bands — the past from the verdicts the history
 * recorded, the future from the policy's forecast of the newest image.
 *
 * <p>The past of a stage is its recorded verdicts, oldest first: each holds from its instant to
 * the next one, unless it was forecast to change before that, in which case it holds to its
 * forecast change and the rest is {@linkplain Source#LAPSED lapsed} (nothing was evaluated when the
 * verdict was known to change). The future is the policy evaluated at the view's instant and then
 * at each forecast change, up to the horizon, exactly as {@code shelflife plan} follows a verdict.
 *
 * @param timeline what the history holds, as of {@code at}: nothing recorded as made after it
 * @param at the instant the view is of, which divides the past from the forecast
 * @param horizon how far the forecast looks ahead
 * @param policyFile the policy file the forecast used, or empty for the built-in default policy
 * @param forecastImage the image the forecast is of, if the history holds a report of one
 * @param lanes one per stage, in the policy's order, then stages only the recorded verdicts name
 * @param leftOut what the history holds beyond {@code at}, left out
 */
record HistoryView(
        Timeline timeline,
        Instant at,
        Duration horizon,
        Optional<String> policyFile,
        Optional<ImageRef> forecastImage,
        List<Lane> lanes,
        LeftOut leftOut) {

    /** How many forecast changes a lane follows, as the plan does. */
    static final int MAX_STEPS = FleetPlan.MAX_STEPS;

    /** Validates the parts and copies the list. */
    HistoryView {
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(forecastImage, "forecastImage");
        lanes = List.copyOf(lanes);
        Objects.requireNonNull(leftOut, "leftOut");
    }

    /** Where a band comes from. */
    enum Source {
        /** A verdict the history recorded. */
        HISTORY,
        /** A recorded verdict was forecast to change, and no verdict was recorded since. */
        LAPSED,
        /** The policy's forecast from the view's instant on. */
        FORECAST
    }

    /**
     * One outcome over a span of time.
     *
     * @param from when it starts
     * @param to when it ends (exclusive)
     * @param outcome {@code PASS}, {@code WARN} or {@code FAIL}; for a lapsed band, the outcome that lapsed
     * @param source where it comes from
     * @param image the image the verdict was about
     * @param reason why it starts: the forecast change, or what the recorded verdict said would change
     */
    record Band(Instant from, Instant to, String outcome, Source source, String image, String reason) {

        /** Validates the parts. */
        Band {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("a band ends after it starts");
            }
        }
    }

    /**
     * A deadline on a lane: one that passed (a violation's deadline in the verdict at the view's
     * instant) or one ahead (a change the forecast names).
     *
     * @param at the deadline
     * @param reason what happens then, or what passed it
     * @param passed whether it is at or before the view's instant
     */
    record Deadline(Instant at, String reason, boolean passed) {

        /** Validates the parts. */
        Deadline {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One stage over time.
     *
     * @param stage the stage
     * @param mode its mode in the policy, or empty when only recorded verdicts name it
     * @param bands its bands, oldest first, never overlapping
     * @param deadlines its deadlines, oldest first
     * @param now the verdict at the view's instant, when there is a forecast
     */
    record Lane(Stage stage, Optional<Mode> mode, List<Band> bands, List<Deadline> deadlines, Optional<Verdict> now) {

        /** Validates the parts and copies the lists. */
        Lane {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(mode, "mode");
            bands = List.copyOf(bands);
            deadlines = List.copyOf(deadlines);
            Objects.requireNonNull(now, "now");
        }

        /**
         * The forecast's bands.
         *
         * @return the bands from the view's instant on
         */
        List<Band> forecast() {
            return bands.stream().filter(b -> b.source() == Source.FORECAST).toList();
        }
    }

    /**
     * What the history holds beyond the view's instant, left out of it.
     *
     * @param scans scans made after it
     * @param findings findings first seen after it
     * @param tags tag observations first made after it
     * @param verdicts verdicts issued after it
     */
    record LeftOut(int scans, int findings, int tags, int verdicts) {

        /**
         * Whether anything was left out.
         *
         * @return {@code true} if a count is not zero
         */
        boolean any() {
            return scans + findings + tags + verdicts > 0;
        }
    }

    /**
     * The view of a timeline as of an instant.
     *
     * @param timeline the whole timeline the history holds
     * @param at the view's instant
     * @param horizon how far the forecast looks ahead
     * @param policy the policy the forecast evaluates
     * @param policyFile the policy file, or empty for the built-in default policy
     * @param forecast the record of the image to forecast, as of {@code at}, with the state of its
     *     base image, if the history holds a report of one
     * @return the view
     */
    static HistoryView of(
            Timeline timeline,
            Instant at,
            Duration horizon,
            Policy policy,
            Optional<String> policyFile,
            Optional<Subject> forecast) {
        Timeline cut = asOf(timeline, at);
        LeftOut leftOut = new LeftOut(
                timeline.scans().size() - cut.scans().size(),
                timeline.findings().size() - cut.findings().size(),
                timeline.tags().size() - cut.tags().size(),
                timeline.verdicts().size() - cut.verdicts().size());
        PolicyEngine engine = PolicyEngine.of(policy);
        Instant end = at.plus(horizon);
        Set<Stage> stages = new LinkedHashSet<>();
        policy.stages().forEach((stage, stagePolicy) -> {
            if (stagePolicy.mode() != Mode.OFF) {
                stages.add(stage);
            }
        });
        cut.verdicts().forEach(v -> stages.add(v.stage()));
        List<Lane> lanes = new ArrayList<>();
        for (Stage stage : stages) {
            Optional<Mode> mode = policy.stage(stage).map(StagePolicy::mode);
            List<Band> bands = new ArrayList<>(past(cut, stage, at));
            List<Deadline> deadlines = new ArrayList<>();
            Optional<Verdict> now = Optional.empty();
            if (forecast.isPresent() && mode.filter(m -> m != Mode.OFF).isPresent()) {
                Subject subject = forecast.get();
                Verdict verdict = engine.evaluate(subject.record(), stage, at, subject.context());
                now = Optional.of(verdict);
                passedDeadlines(verdict, start(cut, at)).forEach(deadlines::add);
                Instant from = at;
                String reason = "evaluated at " + at;
                for (int step = 0; step <= MAX_STEPS; step++) {
                    Optional<Forecast> change = verdict.nextChange().filter(c -> c.at().isBefore(end));
                    Instant to = change.map(Forecast::at).orElse(end);
                    bands.add(new Band(
                            from,
                            to,
                            verdict.outcome().name(),
                            Source.FORECAST,
                            subject.image().toString(),
                            reason));
                    if (change.isEmpty() || step == MAX_STEPS) {
                        break;
                    }
                    deadlines.add(new Deadline(change.get().at(), change.get().reason(), false));
                    verdict = engine.evaluate(
                            subject.record(), stage, change.get().at(), subject.context());
                    from = change.get().at();
                    reason = change.get().reason();
                }
            }
            deadlines.sort(Comparator.comparing(Deadline::at));
            lanes.add(new Lane(stage, mode, bands, deadlines, now));
        }
        return new HistoryView(cut, at, horizon, policyFile, forecast.map(Subject::image), lanes, leftOut);
    }

    /**
     * The image a view forecasts: its record as of the view's instant, and what is known of its
     * base image.
     *
     * @param image the image
     * @param record its record, with its lineage's history
     * @param context the state of its base image, for the base-image-current rule
     */
    record Subject(ImageRef image, ImageRecord record, EvaluationContext context) {

        /** Validates the parts. */
        Subject {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * The earliest instant the view shows: its first event, or its instant if it has none.
     *
     * @return the instant
     */
    Instant start() {
        return start(timeline, at);
    }

    /**
     * The last instant the view shows: its instant plus the horizon.
     *
     * @return the instant
     */
    Instant end() {
        return at.plus(horizon);
    }

    private static Instant start(Timeline timeline, Instant at) {
        return Stream.of(
                        timeline.scans().stream().map(s -> s.scan().scannedAt()),
                        timeline.findings().stream().map(Timeline.FindingSpan::firstSeen),
                        timeline.tags().stream().map(TagObservation::firstSeen),
                        timeline.verdicts().stream().map(IssuedVerdict::at),
                        Stream.of(at))
                .flatMap(s -> s)
                .min(Comparator.naturalOrder())
                .orElse(at);
    }

    /**
     * The timeline as of an instant: the scans, findings, tag observations and verdicts made after
     * it are left out; a finding's fix and disappearance after it are unknown yet, and its last
     * sighting is the last at or before it.
     */
    static Timeline asOf(Timeline timeline, Instant at) {
        List<Timeline.Scan> scans = timeline.scans().stream()
                .filter(s -> !s.scan().scannedAt().isAfter(at))
                .toList();
        Optional<Instant> lastScan =
                scans.stream().map(s -> s.scan().scannedAt()).max(Comparator.naturalOrder());
        List<Timeline.FindingSpan> findings = timeline.findings().stream()
                .filter(f -> !f.firstSeen().isAfter(at))
                .map(f -> new Timeline.FindingSpan(
                        f.vulnerabilityId(),
                        f.pkg(),
                        f.severity(),
                        f.firstSeen(),
                        f.fixAvailableSince().filter(i -> !i.isAfter(at)),
                        f.lastSeen().isAfter(at)
                                ? lastScan.filter(i -> i.isAfter(f.firstSeen())).orElse(f.firstSeen())
                                : f.lastSeen(),
                        f.goneSince().filter(i -> !i.isAfter(at))))
                .toList();
        List<TagObservation> tags = timeline.tags().stream()
                .filter(t -> !t.firstSeen().isAfter(at))
                .map(t -> t.lastSeen().isAfter(at)
                        ? new TagObservation(t.reference(), t.digest(), t.firstSeen(), at, t.observedBy())
                        : t)
                .toList();
        List<IssuedVerdict> verdicts =
                timeline.verdicts().stream().filter(v -> !v.at().isAfter(at)).toList();
        return new Timeline(timeline.subject(), timeline.lineage(), timeline.images(), scans, findings, tags, verdicts);
    }

    /** The bands of a stage's recorded verdicts, up to the view's instant. */
    private static List<Band> past(Timeline timeline, Stage stage, Instant at) {
        List<IssuedVerdict> verdicts = timeline.verdicts().stream()
                .filter(v -> v.stage().equals(stage))
                .sorted(Comparator.comparing(IssuedVerdict::at))
                .toList();
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            IssuedVerdict verdict = verdicts.get(i);
            Instant until = i + 1 < verdicts.size() ? verdicts.get(i + 1).at() : at;
            if (!until.isAfter(verdict.at())) {
                continue;
            }
            String image = verdict.image().toString();
            String said = "issued " + verdict.at()
                    + verdict.nextChange()
                            .map(change -> "; forecast to change " + change
                                    + verdict.nextChangeReason()
                                            .map(r -> ": " + r)
                                            .orElse(""))
                            .orElse("; forecast not to change with time");
            Optional<Instant> change = verdict.nextChange().filter(c -> c.isBefore(until));
            bands.add(new Band(verdict.at(), change.orElse(until), verdict.outcome(), Source.HISTORY, image, said));
            change.ifPresent(c -> bands.add(new Band(
                    c,
                    until,
                    verdict.outcome(),
                    Source.LAPSED,
                    image,
                    "the verdict issued " + verdict.at() + " was forecast to change " + c
                            + verdict.nextChangeReason()
                                    .map(r -> " (" + r + ")")
                                    .orElse("")
                            + ", and no verdict was issued until " + until)));
        }
        return bands;
    }

    /** The deadlines the verdict's violations passed, from the view's first instant on, once each. */
    private static List<Deadline> passedDeadlines(Verdict verdict, Instant start) {
        Map<Instant, List<String>> byInstant = new LinkedHashMap<>();
        for (Violation violation : verdict.violations()) {
            violation
                    .deadline()
                    .filter(d -> !d.isBefore(start))
                    .ifPresent(d ->
                            byInstant.computeIfAbsent(d, k -> new ArrayList<>()).add(violation.message()));
        }
        List<Deadline> deadlines = new ArrayList<>();
        byInstant.forEach(
                (instant, messages) -> deadlines.add(new Deadline(instant, String.join("; ", messages), true)));
        return deadlines;
    }
}
