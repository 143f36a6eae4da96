package dev.shelflife.fleet;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.version.BumpSize;
import dev.shelflife.version.VersionScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rebuild plan of a fleet at one instant: for each image a decision — rebuild now, rebuild by
 * a date, or fine — with its verdict, ranked most urgent first; and for each base image, how many
 * findings updating it would fix, with the one update that fixes the most.
 *
 * <p>An image is to be <b>rebuilt now</b> when its verdict at the plan's instant asks for a
 * rebuild, a base image update or a package bump. When it does not, but the verdict fails, the
 * image is <b>unknown</b> if it fails because the state of its base image could not be resolved
 * (ShelfLife could not judge it: give the registry, or fix what the note says), and
 * <b>blocked</b> otherwise (it fails for a reason no rebuild fixes: a scan that is too old or
 * missing, a finding without a fix, a deny list; a person must act). Neither is ever fine: an
 * image whose verdict fails is never called fine. Otherwise the image is to be rebuilt <b>by a
 * date</b> when its verdict will ask for a rebuild within the horizon (the plan follows the
 * verdict's forecast, change by change, to the first instant at which it asks), and else it is
 * <b>fine</b>, and the plan says when the first such instant beyond the horizon is, if there is
 * one. Scans that are too old ask for a rescan, which is not a rebuild: that shows among the
 * reasons.
 *
 * <p>The packages of the base image are taken to be the operating-system packages (deb, rpm and
 * apk, by their version scheme): updating the base fixes the OS-package findings that have a fix,
 * in the images that are behind a moved base. It is a heuristic: a package the Dockerfile installs
 * with the distribution's package manager counts as the base's too.
 *
 * <p>{@code shelflife plan} prints this plan; a tool that embeds ShelfLife makes the same one from
 * {@link Input}s ({@link FleetInventory.Image#complete} adds what an inventory knows to the record
 * read from an image's reports) and writes it with {@link PlanJson}:
 *
 * <pre>{@code
 * FleetInventory inventory = FleetInventoryReader.read(Path.of("fleet.yaml"));
 * List<FleetPlan.Input> inputs = new ArrayList<>();
 * for (FleetInventory.Image image : inventory.images()) {
 *     ImageRecord record = image.complete(readReports(image.reports()));   // the caller's adapters
 *     inputs.add(new FleetPlan.Input(image, record, Optional.empty(), Optional.empty()));
 * }
 * FleetPlan plan = FleetPlan.of(PolicyEngine.of(policy), inputs, at, Duration.ofDays(30));
 * }</pre>
 *
 * @param at the instant the plan is for
 * @param horizon how far ahead "rebuild by" looks
 * @param images the images, most urgent first
 * @param bases the base images, the update that fixes the most findings first
 * @since 0.2
 */
public record FleetPlan(Instant at, Duration horizon, List<ImagePlan> images, List<BasePlan> bases) {

    /** How many forecast changes the plan follows to find an image's next rebuild. */
    public static final int MAX_STEPS = 200;

    private static final Set<Action.Kind> REBUILDS =
            EnumSet.of(Action.Kind.REBUILD, Action.Kind.UPDATE_BASE_IMAGE, Action.Kind.BUMP);
    private static final Set<VersionScheme> OS_SCHEMES =
            EnumSet.of(VersionScheme.DEB, VersionScheme.RPM, VersionScheme.APK);

    /**
     * Validates the parts and copies the lists.
     */
    public FleetPlan {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(horizon, "horizon");
        images = List.copyOf(images);
        bases = List.copyOf(bases);
    }

    /**
     * What the plan says to do with an image, most urgent first.
     *
     * @since 0.2
     */
    public enum Decision {
        /** The verdict asks for a rebuild, a base update or a bump now. */
        REBUILD_NOW("REBUILD NOW"),
        /** The verdict fails now for a reason no rebuild fixes: a person must act. */
        BLOCKED("BLOCKED"),
        /** The verdict fails now because the base image's state could not be resolved. */
        UNKNOWN("UNKNOWN"),
        /** It will ask for a rebuild within the horizon. */
        REBUILD_BY("REBUILD BY"),
        /** It will not within the horizon. */
        FINE("FINE");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        /**
         * How people read it.
         *
         * @return {@code REBUILD NOW}, {@code BLOCKED}, {@code UNKNOWN}, {@code REBUILD BY} or {@code FINE}
         */
        public String label() {
            return label;
        }
    }

    /**
     * One image to plan: what the inventory says of it, the record read from its reports, and the
     * state of its base image.
     *
     * @param image the inventory's entry
     * @param record everything known about it, feeds applied
     * @param base its base image's state, when it has a base image
     * @param baseNote what went wrong resolving its base, if anything
     * @since 0.2
     */
    public record Input(
            FleetInventory.Image image,
            ImageRecord record,
            Optional<BaseImageStatus> base,
            Optional<String> baseNote) {}

    /**
     * The plan for one image.
     *
     * @param image the inventory's entry
     * @param decision what to do
     * @param trigger for {@code REBUILD_BY}, the change that makes the verdict ask for a rebuild;
     *     for {@code FINE}, the first such change beyond the horizon, if any
     * @param verdict the verdict at the plan's instant
     * @param asking the verdict that asks for the rebuild: the one at the plan's instant for
     *     {@code REBUILD_NOW} (and the failing one for {@code BLOCKED} and {@code UNKNOWN}), the
     *     one at the trigger otherwise (when there is one)
     * @param base the base image's state, if it has a base image
     * @param baseNote what went wrong resolving the base, if anything
     * @since 0.2
     */
    public record ImagePlan(
            FleetInventory.Image image,
            Decision decision,
            Optional<Forecast> trigger,
            Verdict verdict,
            Optional<Verdict> asking,
            Optional<BaseImageStatus> base,
            Optional<String> baseNote) {

        /**
         * The bumps the asking verdict recommends.
         *
         * @return the bump actions, in the verdict's order
         */
        public List<Action> bumps() {
            return asking.map(v -> v.actions().stream()
                            .filter(a -> a.kind() == Action.Kind.BUMP)
                            .toList())
                    .orElse(List.of());
        }

        /**
         * The violations of the asking verdict.
         *
         * @return the violations, in rule order
         */
        public List<Violation> violations() {
            return asking.map(Verdict::violations).orElse(List.of());
        }

        /**
         * The rescans the verdict at the plan's instant asks for.
         *
         * @return the rescan actions
         */
        public List<Action> rescans() {
            return verdict.actions().stream()
                    .filter(a -> a.kind() == Action.Kind.RESCAN)
                    .toList();
        }

        /**
         * Why, one line each, for people: the base image, the violations now (at most
         * {@value FleetPlan#PER_RULE} per rule), the fixes by bump size, what makes the verdict ask for a
         * rebuild later, and rescans.
         *
         * @return the lines
         */
        public List<String> reasons() {
            List<String> lines = new ArrayList<>();
            if (decision == Decision.BLOCKED) {
                lines.add(
                        "blocked: the " + image.stage() + " verdict fails and no rebuild fixes it: see the violations");
            } else if (decision == Decision.UNKNOWN) {
                lines.add("unknown: the " + image.stage()
                        + " verdict fails because the base image could not be checked; resolve it to judge the image");
            }
            boolean baseRuleSaysIt = verdict.violations().stream()
                    .anyMatch(v ->
                            v.clock().filter(BaseImageCurrent.CLOCK::equals).isPresent());
            base.filter(b -> b.moved() && !baseRuleSaysIt)
                    .ifPresent(b -> lines.add("base: " + b.name() + " " + movement(b)));
            baseNote.ifPresent(note -> lines.add("base: "
                    + image.baseImage()
                            .map(FleetInventory.Base::name)
                            .or(() -> base.map(BaseImageStatus::name))
                            .orElse("the base image")
                    + " " + note));
            Map<String, List<Violation>> byRule = new LinkedHashMap<>();
            verdict.violations()
                    .forEach(v -> byRule.computeIfAbsent(v.ruleId(), k -> new ArrayList<>())
                            .add(v));
            byRule.forEach((rule, violations) -> {
                violations.stream().limit(PER_RULE).forEach(v -> lines.add(rule + ": " + v.message()));
                if (violations.size() > PER_RULE) {
                    lines.add(rule + ": and " + (violations.size() - PER_RULE) + " more");
                }
            });
            fixes().ifPresent(lines::add);
            trigger.ifPresent(t -> lines.add(
                    (decision == Decision.FINE ? "next rebuild due by " + t.at() + ": " : "by " + t.at() + ": ")
                            + t.reason()));
            if (decision == Decision.REBUILD_NOW || decision == Decision.BLOCKED || decision == Decision.UNKNOWN) {
                verdict.nextChange().ifPresent(next -> lines.add("next: " + next.at() + ": " + next.reason()));
            }
            List<Action> rescans = rescans();
            if (!rescans.isEmpty()) {
                lines.add("rescan: " + String.join("; ", rescans.get(0).reasons()));
            }
            return lines;
        }

        /** The bumps by size: patch bumps a pipeline can take by itself first, major ones for a person last. */
        private Optional<String> fixes() {
            Map<BumpSize, List<Action>> bySize = new EnumMap<>(BumpSize.class);
            bumps().forEach(b -> bySize.computeIfAbsent(b.size().orElse(BumpSize.UNKNOWN), k -> new ArrayList<>())
                    .add(b));
            if (bySize.isEmpty()) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            bySize.forEach((size, bumps) -> parts.add(bumpCount(bumps.size(), size) + " ("
                    + bumps.stream().limit(PER_RULE).map(FleetPlan::bump).collect(Collectors.joining(", "))
                    + (bumps.size() > PER_RULE ? ", …" : "") + ")" + (size == BumpSize.MAJOR ? ": ask a person" : "")));
            return Optional.of("fixes: " + String.join("; ", parts));
        }
    }

    /** How many violations of one rule the reasons list; the rest are counted. */
    public static final int PER_RULE = 3;

    /** {@code 3 patch bumps}, {@code 1 bump of unknown size}. */
    private static String bumpCount(int n, BumpSize size) {
        String bumps = n == 1 ? "bump" : "bumps";
        return n + " "
                + (size == BumpSize.UNKNOWN
                        ? bumps + " of unknown size"
                        : size.name().toLowerCase(Locale.ROOT) + " " + bumps);
    }

    /**
     * A bump as the plan prints it.
     *
     * @param bump the action
     * @return {@code libssl3 3.0.15-1~deb12u1 -> 3.0.16-1~deb12u1}, or {@code zlib 1.2.11 (no fixed version above it)}
     */
    static String bump(Action bump) {
        return bump.subject().orElseThrow()
                + bump.from().map(f -> " " + f).orElse("")
                + bump.to().map(t -> " -> " + t).orElse(" (no fixed version above it)");
    }

    /**
     * How a base that moved moved, as the plan prints it.
     *
     * @param status the base's state
     * @return {@code moved from sha256:c1d5746826c0 to sha256:9f3e… (first seen …)}
     */
    public static String movement(BaseImageStatus status) {
        return "moved from " + BaseImageStatus.shortDigest(status.builtFrom().orElseThrow()) + " to "
                + BaseImageStatus.shortDigest(status.current().orElseThrow())
                + status.currentSince()
                        .map(t -> " (first seen " + t + ")")
                        .orElse(" (when is not recorded: give moved-at in the inventory)");
    }

    /**
     * What updating one base image would do for the fleet.
     *
     * @param name the base as the first image that names it writes it
     * @param status its state: as resolved for the first image behind it, or else the first image on it
     * @param images the images built on it
     * @param behind the images built on an older digest than the one its tag points to now
     * @param fixes the OS-package findings with a fix in the images behind: what the update fixes
     * @param vulnerabilities the distinct vulnerabilities among them
     * @param waiting the OS-package findings with a fix in all its images, the base moved or not
     * @since 0.2
     */
    public record BasePlan(
            String name,
            Optional<BaseImageStatus> status,
            List<String> images,
            List<String> behind,
            int fixes,
            int vulnerabilities,
            int waiting) {

        /**
         * Whether the tag points elsewhere than it did when at least one of its images was built.
         *
         * @return {@code true} if an image is behind
         */
        public boolean moved() {
            return !behind.isEmpty();
        }
    }

    /**
     * The base image update that fixes the most findings: the first base, if some image is behind
     * it and the update fixes something.
     *
     * @return the base to update first
     */
    public Optional<BasePlan> recommendation() {
        return bases.stream().findFirst().filter(b -> b.moved() && b.fixes() > 0);
    }

    /**
     * How many images have a decision.
     *
     * @param decision the decision
     * @return the count
     */
    public long count(Decision decision) {
        return images.stream().filter(i -> i.decision() == decision).count();
    }

    /**
     * Plans a fleet.
     *
     * @param engine the policy engine
     * @param inputs the images
     * @param at the instant to plan for
     * @param horizon how far ahead "rebuild by" looks
     * @return the plan
     */
    public static FleetPlan of(PolicyEngine engine, List<Input> inputs, Instant at, Duration horizon) {
        List<Verdict> now = verdictsAt(engine, inputs, at);
        List<ImagePlan> images = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            images.add(plan(engine, inputs.get(i), now.get(i), at, horizon));
        }
        images.sort(URGENCY);
        return new FleetPlan(at, horizon, images, bases(inputs));
    }

    /**
     * The verdict of every input at the plan's instant, in the inputs' order. Inputs that share one
     * record (the same object) and one base image status, the same image listed at several stages,
     * are judged in one pass of the engine, which works out their evidence, merge and history once.
     */
    private static List<Verdict> verdictsAt(PolicyEngine engine, List<Input> inputs, Instant at) {
        Map<SameImage, List<Integer>> images = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            images.computeIfAbsent(new SameImage(inputs.get(i)), k -> new ArrayList<>())
                    .add(i);
        }
        Verdict[] verdicts = new Verdict[inputs.size()];
        for (List<Integer> same : images.values()) {
            Input first = inputs.get(same.get(0));
            if (same.size() == 1) {
                verdicts[same.get(0)] = evaluate(engine, first, at);
                continue;
            }
            List<Stage> stages = new ArrayList<>(same.size());
            same.forEach(i -> stages.add(inputs.get(i).image().stage()));
            Map<Stage, Verdict> byStage = engine.evaluate(first.record(), stages, at, context(first));
            same.forEach(i -> verdicts[i] = byStage.get(inputs.get(i).image().stage()));
        }
        return Arrays.asList(verdicts);
    }

    /** An input's record, by identity (comparing records by value would hash every finding), and base image status. */
    private record SameImage(Input input) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SameImage same
                    && same.input.record() == input.record()
                    && same.input.base().equals(input.base());
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(input.record()) + input.base().hashCode();
        }
    }

    private static ImagePlan plan(PolicyEngine engine, Input input, Verdict now, Instant at, Duration horizon) {
        if (asksForRebuild(now)) {
            return new ImagePlan(
                    input.image(),
                    Decision.REBUILD_NOW,
                    Optional.empty(),
                    now,
                    Optional.of(now),
                    input.base(),
                    input.baseNote());
        }
        if (now.outcome() == Outcome.FAIL) {
            // Never fine, nor "by a date": it may not ship as it is, and a rebuild alone does not change that.
            return new ImagePlan(
                    input.image(),
                    failsForAnUnresolvedBase(now, input) ? Decision.UNKNOWN : Decision.BLOCKED,
                    Optional.empty(),
                    now,
                    Optional.of(now),
                    input.base(),
                    input.baseNote());
        }
        Verdict verdict = now;
        for (int step = 0; step < MAX_STEPS && verdict.nextChange().isPresent(); step++) {
            Forecast change = verdict.nextChange().get();
            Verdict then = evaluate(engine, input, change.at());
            if (asksForRebuild(then)) {
                Decision decision = change.at().isAfter(at.plus(horizon)) ? Decision.FINE : Decision.REBUILD_BY;
                return new ImagePlan(
                        input.image(),
                        decision,
                        Optional.of(change),
                        now,
                        Optional.of(then),
                        input.base(),
                        input.baseNote());
            }
            verdict = then;
        }
        return new ImagePlan(
                input.image(), Decision.FINE, Optional.empty(), now, Optional.empty(), input.base(), input.baseNote());
    }

    private static Verdict evaluate(PolicyEngine engine, Input input, Instant at) {
        return engine.evaluate(input.record(), input.image().stage(), at, context(input));
    }

    private static EvaluationContext context(Input input) {
        return input.base().map(EvaluationContext.none()::withBaseImage).orElseGet(EvaluationContext::none);
    }

    /** Whether a blocking violation is the base image rule's, for a base whose state is unknown. */
    private static boolean failsForAnUnresolvedBase(Verdict verdict, Input input) {
        boolean unresolved = input.baseNote().isPresent()
                || input.base().flatMap(BaseImageStatus::current).isEmpty();
        return unresolved
                && verdict.violations().stream()
                        .filter(Violation::isBlocking)
                        .anyMatch(v ->
                                v.clock().filter(BaseImageCurrent.CLOCK::equals).isPresent());
    }

    private static boolean asksForRebuild(Verdict verdict) {
        return verdict.actions().stream().anyMatch(a -> REBUILDS.contains(a.kind()));
    }

    /**
     * Most urgent first: rebuild now, then blocked, then unknown (within each, known-exploited
     * vulnerabilities past their deadline first, then the highest severity, then the most blocking
     * violations, then the most violations), then rebuild by a date (earliest first), then fine;
     * ties by image name.
     */
    private static final Comparator<ImagePlan> URGENCY = Comparator.comparing(ImagePlan::decision)
            .thenComparing((ImagePlan p) -> p.decision() == Decision.FINE
                    ? Instant.MAX
                    : p.trigger().map(Forecast::at).orElse(Instant.MIN))
            .thenComparing(p -> -p.violations().stream()
                    .filter(v -> v.finding()
                            .flatMap(f -> f.vulnerability().knownExploited())
                            .isPresent())
                    .count())
            .thenComparing(p -> -p.violations().stream()
                    .flatMap(v -> v.severity().stream())
                    .mapToInt(FleetPlan::rank)
                    .max()
                    .orElse(-1))
            .thenComparing(
                    p -> -p.violations().stream().filter(Violation::isBlocking).count())
            .thenComparing(p -> -p.violations().size())
            .thenComparing(p -> p.image().name());

    /** A severity's rank: UNKNOWN lowest, CRITICAL highest (the enum is declared in that order). */
    private static int rank(Severity severity) {
        return severity.ordinal();
    }

    private static List<BasePlan> bases(List<Input> inputs) {
        Map<String, List<Input>> byBase = new LinkedHashMap<>();
        for (Input input : inputs) {
            input.record()
                    .image()
                    .baseImage()
                    .ifPresent(base -> byBase.computeIfAbsent(tagKey(base.name()), k -> new ArrayList<>())
                            .add(input));
        }
        List<BasePlan> bases = new ArrayList<>();
        for (List<Input> on : byBase.values()) {
            Input first = on.get(0);
            List<Input> behind = on.stream()
                    .filter(i -> i.base().map(BaseImageStatus::moved).orElse(false))
                    .toList();
            List<Finding> fixes = behind.stream()
                    .flatMap(i -> fixableOsFindings(i.record()).stream())
                    .toList();
            // A moved base is described by an image behind it: one built later is on the current digest already.
            Optional<BaseImageStatus> status =
                    behind.isEmpty() ? first.base() : behind.get(0).base();
            bases.add(new BasePlan(
                    first.record().image().baseImage().orElseThrow().name(),
                    status,
                    on.stream().map(i -> i.image().name()).toList(),
                    behind.stream().map(i -> i.image().name()).toList(),
                    fixes.size(),
                    distinctVulnerabilities(fixes),
                    on.stream()
                            .mapToInt(i -> fixableOsFindings(i.record()).size())
                            .sum()));
        }
        bases.sort(Comparator.comparing((BasePlan b) -> !b.moved())
                .thenComparing(b -> -b.fixes())
                .thenComparing(b -> -b.waiting())
                .thenComparing(b -> -b.images().size())
                .thenComparing(BasePlan::name));
        return bases;
    }

    /**
     * The tag a base follows, whatever the spelling.
     *
     * @param name a base image name ({@code python:3.12-slim})
     * @return {@code docker.io/library/python:3.12-slim}; a name that is no reference as it is
     */
    public static String tagKey(String name) {
        try {
            ImageRef reference = ImageRef.parse(name);
            return reference.name() + ":" + reference.tag().orElse("latest");
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** The judged findings (latest report per scanner, merged across scanners) in OS packages, with a fix. */
    private static List<Finding> fixableOsFindings(ImageRecord record) {
        return MergedFindings.of(PolicyEngine.latestPerScanner(record.reports())).groups().stream()
                .map(FindingGroup::finding)
                .filter(f -> f.fix().isAvailable())
                .filter(f -> VersionScheme.forPackage(f.pkg())
                        .filter(OS_SCHEMES::contains)
                        .isPresent())
                .toList();
    }

    private static int distinctVulnerabilities(List<Finding> findings) {
        Set<String> ids = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        findings.forEach(f -> ids.add(f.vulnerability().id()));
        return ids.size();
    }
}
