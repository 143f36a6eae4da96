package dev.shelflife.cli;

import dev.shelflife.BaseImage;
import dev.shelflife.Image;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportParseException;
import dev.shelflife.feed.Feeds;
import dev.shelflife.fleet.FleetInventory;
import dev.shelflife.fleet.FleetInventoryReader;
import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.fleet.PlanJson;
import dev.shelflife.fleet.PlanSources;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.TagObservation;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code shelflife plan INVENTORY [--at INSTANT] [--output text|json|markdown] [--registry-offline
 * FILE | --registry-live] [--kev FILE] [--epss FILE] [--policy FILE] [--horizon DAYS]}: ranks the
 * images of a fleet — rebuild now, rebuild by a date, fine — with the reasons, and names the base
 * image update that fixes the most findings.
 *
 * <p>Everything the engine needs is gathered here, so that the engine itself stays pure: the
 * reports are read, the KEV and EPSS feeds applied to their findings, and each base image tag
 * resolved once, from the offline file or the registry, into the {@link BaseImageStatus} the
 * {@code base-image-current} rule judges. A policy or registry file that cannot be used is a usage
 * error (exit 2), like any other wrong configuration of the command; unreadable evidence — the
 * inventory, a report, a feed — exits 3. A registry that cannot be reached for one base is not an
 * error: that base's state is unknown, and the plan says why.
 *
 * <p>With a history, each image's reports are recorded under the image the inventory names, its
 * clocks count from its lineage's recorded past, every base tag resolved is recorded as an
 * observation, whose first sighting on the current digest is the {@code moved-at} of an image whose
 * inventory entry gives none, and each image's verdict at its stage is recorded: all before the
 * plan is printed.
 */
final class PlanCommand implements Command {

    private static final String AT = "--at";
    private static final String OUTPUT = "--output";
    private static final String OFFLINE = RegistryOption.OFFLINE;
    private static final String LIVE = RegistryOption.LIVE;
    private static final String KEV = FeedOptions.KEV;
    private static final String EPSS = FeedOptions.EPSS;
    private static final String POLICY = PolicyOption.NAME;
    private static final String HORIZON = "--horizon";
    private static final Duration DEFAULT_HORIZON = Duration.ofDays(30);
    private static final Pattern DAYS = Pattern.compile("(\\d{1,5})d?");

    /** How the plan is printed. */
    enum Output {
        TEXT,
        JSON,
        MARKDOWN
    }

    private final InstantSource clock;
    private final Map<String, String> environment;

    /**
     * A command that plans for the instant {@code --at} gives, or else the clock's, with no history
     * unless {@code --history} names one.
     *
     * @param clock read once per run, when {@code --at} is not given
     */
    PlanCommand(InstantSource clock) {
        this(clock, Map.of());
    }

    /**
     * A command that plans for the instant {@code --at} gives, or else the clock's.
     *
     * @param clock read once per run, when {@code --at} is not given
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    PlanCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String summary() {
        return "rank a fleet's images: rebuild now, rebuild by a date, or fine";
    }

    @Override
    public String synopsis() {
        return "plan INVENTORY [--at INSTANT] [--output text|json|markdown] [--registry-offline FILE | --registry-live]"
                + " [--kev FILE] [--epss FILE] [--policy FILE] [--horizon DAYS] [--format ADAPTER-ID] [--same-image]"
                + " [--history URL]";
    }

    @Override
    public String help() {
        return """
                Reads an inventory of images (YAML or JSON: each image's reports, stage and base image;
                docs/plan.md), evaluates the policy for each image at its stage, and ranks them: REBUILD
                NOW when the verdict asks for a rebuild, a base image update or a bump; REBUILD BY a date
                when it will within the horizon; FINE otherwise. Each image comes with its reasons: the
                base image moved, fixes available as patch bumps, SLA and KEV deadlines, image age. Then
                the base images, and the one update that fixes the most findings across the fleet.

                  --at INSTANT            plan at this instant instead of now: 2025-09-01T06:00:00Z, or a
                                          date, 2025-09-01 (midnight UTC)
                  --output FORMAT         text (the default), json (docs/plan.md) or markdown
                  --registry-offline FILE where base image tags point now, one "TAG DIGEST" per line
                                          (docs/registry.md)
                  --registry-live         ask the registries where base image tags point now
                  --kev FILE              the CISA KEV catalog (JSON), applied to the findings
                  --epss FILE             FIRST's EPSS scores of a day (CSV, plain or .gz)
                  --policy FILE           a policy in YAML or JSON (docs/policy.md); default: the
                                          built-in default policy
                  --horizon DAYS          how far ahead REBUILD BY looks, in days: 30 (the default), 30d
                  --same-image            take each image's reports as that image even when they name
                                          another repository, image id, digest or tag than the image
                                          or each other; without it such an inventory is refused
                  --format ADAPTER-ID     read every report the inventory lists with this adapter
                                          instead of detecting each one's format, for a fleet whose
                                          reports are all of one format; 'shelflife --version' lists
                                          the installed adapters
                  --history URL           a history store: a file (an SQLite store, created when
                                          missing), jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB;
                                          default: $SHELFLIFE_HISTORY (docs/history.md). Each image's
                                          reports and verdict and each base tag resolved are
                                          recorded, the clocks count from each lineage's recorded
                                          scans, and a base whose entry has no moved-at moved when
                                          the history first saw its tag on the current digest

                Without --registry-offline or --registry-live, base images are not checked.

                exit codes: 0 the plan was made (whatever it says), 2 a usage error, an invalid policy
                or registry file or a wrong history store, 3 an unreadable inventory, report or feed,
                75 the history store cannot be used now
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(
                arguments,
                Set.of(AT, OUTPUT, OFFLINE, KEV, EPSS, POLICY, HORIZON, FormatOption.NAME, HistoryOption.NAME),
                Set.of(LIVE, ImageEvidence.SAME_IMAGE));
        if (parsed.positionals().size() != 1) {
            throw new UsageException(
                    parsed.positionals().isEmpty()
                            ? "missing the INVENTORY file"
                            : "expected one INVENTORY, got "
                                    + parsed.positionals().size() + ": " + String.join(" ", parsed.positionals()));
        }
        Output output = parsed.choice(OUTPUT, Output.class, Output.TEXT);
        Instant at = parsed.instant(AT, clock);
        Duration horizon = parsed.value(HORIZON).map(PlanCommand::horizon).orElse(DEFAULT_HORIZON);
        Optional<String> policyFile = parsed.value(POLICY);
        Policy policy = PolicyOption.load(policyFile);
        Optional<RegistryOption> registry = RegistryOption.of(parsed, at);
        Optional<String> history = HistoryOption.url(parsed, environment);

        Feeds feeds = FeedOptions.read(parsed);

        FleetInventory inventory = FleetInventoryReader.read(
                ParseCommand.existingFile(parsed.positionals().get(0)));
        for (FleetInventory.Image image : inventory.images()) {
            if (policy.stage(image.stage()).isEmpty()) {
                throw new ReportParseException(image.stageLocation(), PolicyOption.noStage(policy, image.stage()));
            }
        }
        FormatOption reader = FormatOption.of(parsed);
        List<Evidence> evidence = new ArrayList<>();
        for (FleetInventory.Image image : inventory.images()) {
            evidence.add(evidence(reader, image, parsed.flag(ImageEvidence.SAME_IMAGE)));
        }
        FleetPlan plan;
        if (history.isEmpty()) {
            plan = plan(policy, evidence, feeds, registry, Optional.empty(), at, horizon);
        } else {
            for (Evidence image : evidence) {
                image.requireRef();
            }
            try (HistoryStore store = HistoryOption.open(history.get())) {
                plan = plan(policy, evidence, feeds, registry, Optional.of(store), at, horizon);
                Map<FleetInventory.Image, ImageRef> refs = new HashMap<>();
                evidence.forEach(e -> refs.put(e.image(), e.ref().orElseThrow()));
                for (FleetPlan.ImagePlan image : plan.images()) {
                    store.recordVerdict(Recording.issued(refs.get(image.image()), image.verdict()));
                }
            }
        }
        PlanSources sources = new PlanSources(
                inventory.source(), policyFile, registry.map(RegistryOption::description), feeds.kev(), feeds.epss());
        switch (output) {
            case JSON -> PlanJson.write(plan, sources, out);
            case MARKDOWN -> PlanMarkdown.write(plan, sources, out);
            case TEXT -> PlanText.write(plan, sources, out);
        }
        return ExitCode.SUCCESS;
    }

    /**
     * The plan of the fleet; with a history, each image's reports are recorded and its lineage's
     * past read, and each base tag resolved is observed.
     */
    private static FleetPlan plan(
            Policy policy,
            List<Evidence> evidence,
            Feeds feeds,
            Optional<RegistryOption> registry,
            Optional<HistoryStore> history,
            Instant at,
            Duration horizon) {
        Map<String, RegistryOption.Resolution> resolutions = new HashMap<>();
        List<FleetPlan.Input> inputs = new ArrayList<>();
        for (Evidence image : evidence) {
            ImageRecord record = image.record();
            if (history.isPresent()) {
                ImageRef ref = image.ref().orElseThrow();
                Recording.record(
                        history.get(),
                        image.reports(),
                        Optional.of(ref),
                        at,
                        "shelflife plan",
                        "name the image by its reference in the inventory");
                record = Recording.withLineage(history.get(), record, ref, at);
            }
            record = feeds.apply(record);
            Optional<BaseImage> base = record.image().baseImage();
            Optional<RegistryOption.Resolution> resolution = base.map(b -> resolutions.computeIfAbsent(
                    b.name(), n -> RegistryOption.resolve(registry, history, n, at, "shelflife plan")));
            Optional<Instant> movedAt = image.image()
                    .baseImage()
                    .flatMap(FleetInventory.Base::movedAt)
                    .or(() -> resolution
                            .flatMap(RegistryOption.Resolution::observed)
                            .map(TagObservation::firstSeen));
            inputs.add(new FleetPlan.Input(
                    image.image(),
                    record,
                    base.map(b -> resolution.orElseThrow().status(b, movedAt)),
                    resolution.flatMap(RegistryOption.Resolution::note)));
        }
        return FleetPlan.of(PolicyEngine.of(policy), inputs, at, horizon);
    }

    /**
     * One image's evidence: the inventory's entry, its reports with their files, the record they
     * make, and the image it is recorded under in a history: the entry's name when it is a
     * reference, else the image its reports name.
     */
    private record Evidence(
            FleetInventory.Image image,
            List<ImageEvidence.Report> reports,
            ImageRecord record,
            Optional<ImageRef> ref) {

        /** Refuses an image the history could not record, before anything is recorded. */
        void requireRef() {
            if (ref.isEmpty()) {
                throw new UsageException(image.location() + ": the image " + image.name()
                        + " is not an image reference and its reports name no image, so the history cannot"
                        + " record it; name it by its reference (registry/repository:tag)");
            }
        }
    }

    private static Evidence evidence(FormatOption reader, FleetInventory.Image image, boolean sameImage) {
        List<ImageEvidence.Report> reports = new ArrayList<>();
        for (Path file : image.reports()) {
            reports.add(new ImageEvidence.Report(file.toString(), reader.read(file)));
        }
        ImageRecord record = record(image, reports, sameImage);
        Optional<ImageRef> ref;
        try {
            ref = Optional.of(ImageRef.parse(image.name()));
        } catch (IllegalArgumentException e) {
            ref = record.image().ref();
        }
        return new Evidence(image, reports, record, ref);
    }

    /**
     * The record of one image: its reports read, and what the inventory knows beyond them. The
     * reports must describe one image, and the image the inventory names, unless the caller said
     * otherwise with {@value ImageEvidence#SAME_IMAGE}.
     */
    private static ImageRecord record(
            FleetInventory.Image image, List<ImageEvidence.Report> reports, boolean sameImage) {
        ImageRecord record = ImageEvidence.record(reports, sameImage);
        if (!sameImage) {
            requireNamedImage(image, reports);
        }
        return image.complete(record);
    }

    /** Refuses a report of another image than the one the inventory entry names, when the name is a reference. */
    private static void requireNamedImage(FleetInventory.Image image, List<ImageEvidence.Report> reports) {
        ImageIdentity named;
        try {
            named = ImageIdentity.of(
                    Image.builder().ref(ImageRef.parse(image.name())).build());
        } catch (IllegalArgumentException e) {
            return;
        }
        for (ImageEvidence.Report report : reports) {
            Optional<String> conflict =
                    named.conflictWith(ImageIdentity.of(report.report().image()));
            if (conflict.isPresent()) {
                throw new UsageException(image.location() + ": the image " + image.name() + " lists "
                        + report.file() + " (" + report.report().describe() + "), which describes another image ("
                        + conflict.get() + "); give " + ImageEvidence.SAME_IMAGE + " if it is that image");
            }
        }
    }

    private static Duration horizon(String value) {
        Matcher days = DAYS.matcher(value);
        if (!days.matches() || Integer.parseInt(days.group(1)) == 0) {
            throw new UsageException(HORIZON + " must be a number of days such as 30 or 30d, not \"" + value + "\"");
        }
        return Duration.ofDays(Integer.parseInt(days.group(1)));
    }
}
