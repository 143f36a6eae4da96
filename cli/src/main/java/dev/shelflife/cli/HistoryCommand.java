package dev.shelflife.cli;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Policy;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code shelflife history IMAGE|LINEAGE [--history URL] [--at INSTANT] [--output text|json|html]
 * [--policy FILE] [--horizon DAYS]}: what the history holds about an image or a lineage — its
 * scans, its findings from first seen to gone, its tag moves and its verdicts per stage — and the
 * forecast ahead.
 */
final class HistoryCommand implements Command {

    private static final String AT = "--at";
    private static final String OUTPUT = "--output";
    private static final String POLICY = PolicyOption.NAME;
    private static final String HORIZON = "--horizon";
    private static final Duration DEFAULT_HORIZON = Duration.ofDays(30);
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d?");

    /** How the history is printed. */
    private enum Output {
        TEXT,
        JSON,
        HTML
    }

    private final InstantSource clock;
    private final Map<String, String> environment;

    /**
     * A command that shows the history as of the instant {@code --at} gives, or else the clock's.
     *
     * @param clock read once per run, when {@code --at} is not given
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    HistoryCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String summary() {
        return "show an image's or a lineage's timeline and its forecast, as text, JSON or a web page";
    }

    @Override
    public String synopsis() {
        return "history IMAGE|LINEAGE [--history URL] [--at INSTANT] [--output text|json|html] [--policy FILE]"
                + " [--horizon DAYS]";
    }

    @Override
    public String help() {
        return """
                Shows what the history holds about an image (ghcr.io/acme/shop-api:1.6.0) or a lineage
                (ghcr.io/acme/shop-api, every image of the repository): the scans recorded, each
                finding from its first sighting to its last, with when a fix appeared, the moves of
                its base image tags, and the verdicts issued per stage; then the forecast: the policy
                evaluated now for each stage it defines, and at each change it foresees up to the
                horizon, for the newest image. Nothing recorded as made after --at is shown.

                  --history URL        the store: a file (an SQLite store), jdbc:sqlite:FILE or
                                       jdbc:postgresql://HOST/DATABASE; default: $SHELFLIFE_HISTORY
                  --at INSTANT         show the history as of this instant instead of now:
                                       2025-09-30T06:00:00Z, or a date, 2025-09-30 (midnight UTC)
                  --output FORMAT      text (the default); json (docs/cli.md); html: a page with the
                                       verdicts of every stage as bands over time, the deadlines ahead,
                                       the scans, tag moves and findings; one file, no network
                  --policy FILE        the policy of the forecast; default: the built-in default policy
                  --horizon DAYS       how far the forecast looks ahead, in days: 30 (the default), 30d

                exit codes: 0 shown, 2 a usage error, an invalid policy or a wrong history store,
                3 nothing recorded about the image or lineage, 75 the history store cannot be used now
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(arguments, Set.of(HistoryOption.NAME, AT, OUTPUT, POLICY, HORIZON));
        if (parsed.positionals().size() != 1) {
            throw new UsageException(
                    parsed.positionals().isEmpty()
                            ? "missing the IMAGE or LINEAGE"
                            : "expected one IMAGE or LINEAGE, got "
                                    + parsed.positionals().size() + ": " + String.join(" ", parsed.positionals()));
        }
        String subject = parsed.positionals().get(0);
        if (subject.isBlank()) {
            throw new UsageException("the IMAGE or LINEAGE is empty");
        }
        String url = HistoryOption.requireUrl(parsed, environment);
        Output output = parsed.choice(OUTPUT, Output.class, Output.TEXT);
        Instant at = parsed.instant(AT, clock);
        Duration horizon = parsed.value(HORIZON).map(HistoryCommand::horizon).orElse(DEFAULT_HORIZON);
        Optional<String> policyFile = parsed.value(POLICY);
        Policy policy = PolicyOption.load(policyFile);

        HistoryView view;
        try (HistoryStore store = HistoryOption.open(url)) {
            Timeline timeline = store.timeline(subject)
                    .orElseThrow(() -> new NothingRecordedException(
                            "the history holds nothing about " + subject + ": no image and no lineage of that name"));
            view = HistoryView.of(timeline, at, horizon, policy, policyFile, forecast(store, timeline, at));
        }
        switch (output) {
            case TEXT -> HistoryText.write(view, out);
            case JSON -> HistoryJson.write(view, out);
            case HTML -> HistoryHtml.write(view, out);
        }
        return ExitCode.SUCCESS;
    }

    /**
     * The image to forecast: the newest of the timeline's images that the history holds a report
     * of as of the instant, with what the history last saw of its base image's tag.
     */
    private static Optional<HistoryView.Subject> forecast(HistoryStore store, Timeline timeline, Instant at) {
        List<ImageRef> images = timeline.images();
        for (int i = images.size() - 1; i >= 0; i--) {
            ImageRef image = images.get(i);
            Optional<ImageRecord> record = store.imageRecord(image, at);
            if (record.isPresent()) {
                return Optional.of(new HistoryView.Subject(image, record.get(), context(store, record.get(), at)));
            }
        }
        return Optional.empty();
    }

    /**
     * The state of the image's base image as the history last observed its tag by the instant;
     * unresolved when it never did.
     */
    private static EvaluationContext context(HistoryStore store, ImageRecord record, Instant at) {
        Optional<BaseImage> base = record.image().baseImage();
        if (base.isEmpty()) {
            return EvaluationContext.none();
        }
        Optional<TagObservation> observed;
        try {
            observed = store.tag(ImageRef.parse(base.get().name()))
                    .filter(t -> !t.firstSeen().isAfter(at));
        } catch (IllegalArgumentException e) {
            observed = Optional.empty();
        }
        BaseImageStatus status = observed.map(t -> new BaseImageStatus(
                        base.get().name(), base.get().digest(), Optional.of(t.digest()), Optional.of(t.firstSeen())))
                .orElseGet(() -> BaseImageStatus.unresolved(base.get()));
        return EvaluationContext.none().withBaseImage(status);
    }

    private static Duration horizon(String value) {
        Matcher days = DAYS.matcher(value);
        if (!days.matches() || Integer.parseInt(days.group(1)) == 0) {
            throw new UsageException(HORIZON + " must be a number of days such as 30 or 30d, not \"" + value + "\"");
        }
        return Duration.ofDays(Integer.parseInt(days.group(1)));
    }
}
