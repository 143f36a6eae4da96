package dev.shelflife.policy;

import dev.shelflife.FixState;
import dev.shelflife.ReportLocation;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.PolicyTree.Entry;
import dev.shelflife.policy.PolicyTree.Mapping;
import dev.shelflife.policy.PolicyTree.Node;
import dev.shelflife.policy.PolicyTree.Rejected;
import dev.shelflife.policy.PolicyTree.Scalar;
import dev.shelflife.policy.PolicyTree.Sequence;
import dev.shelflife.policy.internal.Durations;
import dev.shelflife.policy.internal.FixStates;
import dev.shelflife.policy.internal.Phrases;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a {@link PolicyTree} to a {@link Policy}, one key to one part, collecting every problem.
 *
 * <p>Each rule is built from its Java factory and then changed, key by key, with its
 * {@code with…} methods, so a key that is left out has exactly the default of the Java API, and
 * every check the records make is reported at the key that broke it.
 */
final class PolicyBinder {

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,17})?");

    private final PolicyProblems problems;
    private final RuleTypes ruleTypes;
    /** Each stage a waiver names, where it names it: checked against the stages once both are bound. */
    private final List<Map.Entry<Stage, ReportLocation>> waiverStages = new ArrayList<>();

    PolicyBinder(PolicyProblems problems, RuleTypes ruleTypes) {
        this.problems = problems;
        this.ruleTypes = ruleTypes;
    }

    Optional<Policy> policy(Node root) {
        Optional<Mapping> top = mapping(root, "the policy");
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Mapping map = top.get();
        allowOnly(map, "the policy", List.of("stages", "waivers", ImportedWaivers.KEY));
        Optional<Map<Stage, StagePolicy>> stages = required(map, "stages", "the policy", this::stages);
        Optional<Items<Waiver>> waivers =
                optional(map, "waivers", new Items<>(List.of(), true), n -> items(n, "waivers", this::waiver));
        Optional<ImportedWaivers> imported =
                optional(map, ImportedWaivers.KEY, ImportedWaivers.applied(), this::importedWaivers);
        if (waivers.isEmpty() || imported.isEmpty()) {
            return Optional.empty();
        }
        ReportLocation where = map.entries().containsKey("waivers")
                ? map.entries().get("waivers").keyLocation()
                : map.location();
        boolean stagesDefined = true;
        if (stages.isPresent()) {
            for (Map.Entry<Stage, ReportLocation> named : waiverStages) {
                if (!stages.get().containsKey(named.getKey())) {
                    problems.add(
                            named.getValue(),
                            "a waiver names the stage \"" + named.getKey() + "\", which the policy does not define;"
                                    + " it defines: "
                                    + stages.get().keySet().stream()
                                            .map(Stage::name)
                                            .sorted()
                                            .collect(Collectors.joining(", ")));
                    stagesDefined = false;
                }
            }
        }
        // Built even from the waivers that bound, so that duplicate ids among them are reported too;
        // without the ones that name an undefined stage, which are reported above where they name it.
        List<Waiver> checkable = waivers.get().values().stream()
                .filter(w -> stages.isEmpty()
                        || stages.get().keySet().containsAll(w.stages().orElse(Set.of())))
                .toList();
        Optional<Policy> policy =
                construct(where, () -> new Policy(stages.orElse(Map.of()), checkable, imported.get()));
        return stages.isPresent() && waivers.get().complete() && stagesDefined ? policy : Optional.empty();
    }

    private Optional<Map<Stage, StagePolicy>> stages(Node node) {
        Optional<Mapping> map = mapping(node, "stages");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        // Every stage name first, drafts for the stages that bound; then each draft resolved
        // against its parent, so that a stage may extend one written after it.
        Map<Stage, Optional<Draft>> drafts = new LinkedHashMap<>();
        boolean complete = true;
        for (Entry entry : map.get().entries().values()) {
            Optional<Stage> stage = construct(entry.keyLocation(), () -> Stage.of(entry.key()));
            Optional<Draft> draft = stagePolicy(entry.value());
            if (stage.isPresent() && drafts.containsKey(stage.get())) {
                problems.add(entry.keyLocation(), "stage \"" + stage.get() + "\" is defined twice");
                complete = false;
            } else if (stage.isPresent()) {
                drafts.put(stage.get(), draft);
                complete &= draft.isPresent();
            } else {
                complete = false;
            }
        }
        Map<Stage, StagePolicy> stages = new LinkedHashMap<>();
        Map<Stage, Optional<StagePolicy>> resolved = new LinkedHashMap<>();
        for (Stage stage : drafts.keySet()) {
            Optional<StagePolicy> policy = resolve(stage, drafts, resolved, new ArrayList<>());
            policy.ifPresent(p -> stages.put(stage, p));
            complete &= policy.isPresent();
        }
        if (drafts.isEmpty() && complete) {
            problems.add(node.location(), "stages must define at least one stage");
        }
        return complete && !stages.isEmpty() ? Optional.of(stages) : Optional.empty();
    }

    /**
     * A stage as written: its own mode and rules, and the stage it extends.
     *
     * @param mode its mode, empty to inherit it
     * @param rules its own rules, each with where it is written
     * @param parent the stage it extends, and where it says so
     */
    private record Draft(Optional<Mode> mode, List<Map.Entry<Rule, ReportLocation>> rules, Optional<Parent> parent) {}

    private record Parent(Stage stage, ReportLocation location) {}

    /**
     * The stage policy of a stage, its parent's resolved first; a problem is reported once, where
     * it is: an unknown parent or a cycle at the {@code extends} that makes it, a stage whose
     * parent is broken is left unresolved silently, since the parent's own problem says why.
     *
     * @param path the stages being resolved that lead to this one, for cycles
     */
    private Optional<StagePolicy> resolve(
            Stage stage,
            Map<Stage, Optional<Draft>> drafts,
            Map<Stage, Optional<StagePolicy>> resolved,
            List<Stage> path) {
        if (resolved.containsKey(stage)) {
            return resolved.get(stage);
        }
        Optional<Draft> found = drafts.get(stage);
        if (found.isEmpty()) {
            resolved.put(stage, Optional.empty());
            return Optional.empty();
        }
        Draft draft = found.get();
        Optional<StagePolicy> policy;
        if (draft.parent().isEmpty()) {
            policy = Optional.of(new StagePolicy(draft.mode().orElseThrow(), List.of()));
        } else {
            policy = parent(stage, draft.parent().get(), drafts, resolved, path);
            if (policy.isPresent() && draft.mode().isPresent()) {
                policy = Optional.of(policy.get().withMode(draft.mode().get()));
            }
        }
        for (Map.Entry<Rule, ReportLocation> rule : draft.rules()) {
            // Each rule on its own, so that a rule that cannot replace an inherited one is reported where it is.
            StagePolicy before = policy.orElse(null);
            policy = before == null ? Optional.empty() : construct(rule.getValue(), () -> before.plus(rule.getKey()));
        }
        resolved.put(stage, policy);
        return policy;
    }

    private Optional<StagePolicy> parent(
            Stage stage,
            Parent parent,
            Map<Stage, Optional<Draft>> drafts,
            Map<Stage, Optional<StagePolicy>> resolved,
            List<Stage> path) {
        if (parent.stage().equals(stage)) {
            problems.add(parent.location(), "stage \"" + stage + "\" extends itself");
            return Optional.empty();
        }
        if (!drafts.containsKey(parent.stage())) {
            problems.add(
                    parent.location(),
                    "stage \"" + stage + "\" extends \"" + parent.stage()
                            + "\", which the policy does not define; it defines: "
                            + drafts.keySet().stream().map(Stage::name).sorted().collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        path.add(stage);
        int start = path.indexOf(parent.stage());
        if (start >= 0) {
            // Reported once, by the stage that closes the cycle, at its extends.
            List<Stage> cycle = new ArrayList<>(path.subList(start, path.size()));
            cycle.add(parent.stage());
            problems.add(
                    parent.location(),
                    "stages extend each other in a cycle: "
                            + cycle.stream().map(Stage::name).collect(Collectors.joining(" -> ")));
            path.remove(path.size() - 1);
            return Optional.empty();
        }
        Optional<StagePolicy> inherited = resolve(parent.stage(), drafts, resolved, path);
        path.remove(path.size() - 1);
        return inherited;
    }

    private Optional<Draft> stagePolicy(Node node) {
        Optional<Mapping> map = mapping(node, "a stage");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        allowOnly(map.get(), "a stage", List.of("extends", "mode", "rules"));
        Optional<Optional<Parent>> parent = optional(
                map.get(),
                "extends",
                Optional.empty(),
                n -> stageName(n, "extends").map(stage -> Optional.of(new Parent(stage, n.location()))));
        // The mode is inherited when the stage extends another (or when extends is broken, to report only that).
        Optional<Optional<Mode>> mode = map.get().entries().containsKey("extends")
                ? optional(map.get(), "mode", Optional.empty(), n -> mode(n).map(Optional::of))
                : required(map.get(), "mode", "a stage", this::mode).map(Optional::of);
        Optional<Items<Map.Entry<Rule, ReportLocation>>> rules = optional(
                map.get(),
                "rules",
                new Items<>(List.of(), true),
                n -> items(n, "rules", item -> rule(item).map(rule -> Map.entry(rule, item.location()))));
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        ReportLocation where = map.get().entries().containsKey("rules")
                ? map.get().entries().get("rules").keyLocation()
                : map.get().location();
        // Built even from the rules that bound, so that duplicate ids among them are reported too.
        Optional<StagePolicy> own = construct(
                where,
                () -> new StagePolicy(
                        Mode.OFF,
                        rules.get().values().stream().map(Map.Entry::getKey).toList()));
        if (mode.isEmpty() || parent.isEmpty() || !rules.get().complete() || own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Draft(mode.get(), rules.get().values(), parent.get()));
    }

    private Optional<Mode> mode(Node node) {
        return keyword(node, "mode", Mode.values(), Mode::key);
    }

    /** A stage named as a value, such as the one a stage extends. */
    private Optional<Stage> stageName(Node node, String what) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return construct(node.location(), () -> Stage.of(scalar.text()));
        }
        return expected(node, "a stage name for " + what);
    }

    private Optional<Rule> rule(Node node) {
        Optional<Mapping> found = mapping(node, "a rule");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping map = found.get();
        Optional<String> typeName = required(map, "rule", "a rule", this::text);
        if (typeName.isEmpty()) {
            return Optional.empty();
        }
        Optional<RuleType> type = ruleTypes.find(typeName.get());
        if (type.isEmpty()) {
            problems.add(
                    map.entries().get("rule").value().location(),
                    "unknown rule \"" + typeName.get() + "\"; expected one of: "
                            + String.join(", ", ruleTypes.names()));
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(RuleNode.COMMON_KEYS);
        type.get().keys().forEach(key -> keys.add(key.name()));
        allowOnly(map, "rule " + typeName.get(), keys);
        int before = problems.size();
        Optional<? extends Rule> rule = type.get().bind(new RuleNode(this, map, typeName.get()));
        if (rule == null || rule.isEmpty() && problems.size() == before) {
            // A type of one's own that refuses a rule without saying why must not pass silently.
            problems.add(
                    map.location(),
                    "rule type " + typeName.get() + " (" + type.get().getClass().getName()
                            + ") bound no rule and reported no problem");
            return Optional.empty();
        }
        return rule.map(Rule.class::cast);
    }

    private Optional<Waiver> waiver(Node node) {
        Optional<Mapping> found = mapping(node, "a waiver");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping map = found.get();
        allowOnly(map, "a waiver", List.of("id", "vulnerability", "package", "owner", "reason", "expires", "stages"));
        Optional<String> id = required(map, "id", "a waiver", this::text);
        Optional<Optional<String>> vulnerability =
                optional(map, "vulnerability", Optional.empty(), n -> text(n).map(Optional::of));
        Optional<Optional<String>> pkg = optional(map, "package", Optional.empty(), n -> text(n).map(Optional::of));
        Optional<String> owner = required(map, "owner", "a waiver", this::text);
        Optional<String> reason = required(map, "reason", "a waiver", this::text);
        Optional<Instant> expires = required(map, "expires", "a waiver", this::instant);
        Optional<Optional<Set<Stage>>> stages =
                optional(map, "stages", Optional.empty(), n -> waiverStages(n).map(Optional::of));
        if (id.isEmpty()
                || vulnerability.isEmpty()
                || pkg.isEmpty()
                || owner.isEmpty()
                || reason.isEmpty()
                || expires.isEmpty()
                || stages.isEmpty()) {
            return Optional.empty();
        }
        return construct(
                map.location(),
                () -> new Waiver(
                        id.get(),
                        vulnerability.get(),
                        pkg.get(),
                        owner.get(),
                        reason.get(),
                        expires.get(),
                        stages.get()));
    }

    /** {@code imported-waivers}: whether the rules of ignore files apply, and what they must have to. */
    private Optional<ImportedWaivers> importedWaivers(Node node) {
        Optional<Mapping> found = mapping(node, ImportedWaivers.KEY);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping map = found.get();
        allowOnly(map, ImportedWaivers.KEY, List.of("apply", "require"));
        Optional<Boolean> apply = optional(map, "apply", true, this::bool);
        Optional<List<ImportedWaivers.Part>> require = optional(
                map,
                "require",
                List.of(),
                n -> listOf(
                        n,
                        "require",
                        part -> keyword(
                                part, "part of a waiver", ImportedWaivers.Part.values(), ImportedWaivers.Part::key)));
        if (apply.isEmpty() || require.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ImportedWaivers(apply.get(), new LinkedHashSet<>(require.get())));
    }

    /** The stages of a waiver: at least one, each remembered with its location. */
    private Optional<Set<Stage>> waiverStages(Node node) {
        Optional<List<Stage>> stages = listOf(
                node,
                "stages",
                n -> stage(n).map(stage -> {
                    waiverStages.add(Map.entry(stage, n.location()));
                    return stage;
                }));
        if (stages.filter(List::isEmpty).isPresent()) {
            problems.add(
                    node.location(),
                    "stages: [] names no stage; name the stages the waiver covers, or leave the key out for every"
                            + " stage");
            return Optional.empty();
        }
        return stages.map(LinkedHashSet::new);
    }

    // --- values -------------------------------------------------------------------------------

    Optional<String> text(Node node) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return Optional.of(scalar.text());
        }
        return expected(node, "a text");
    }

    Optional<Boolean> bool(Node node) {
        return text(node).flatMap(text -> switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problems.add(node.location(), "expected true or false, got \"" + text + "\"");
                yield Optional.empty();
            }
        });
    }

    Optional<Severity> severity(Node node) {
        return keyword(node, "severity", Severity.values(), s -> s.name().toLowerCase(Locale.ROOT));
    }

    Optional<Treatment> treatment(Node node) {
        return keyword(node, "treatment", Treatment.values(), Treatment::key);
    }

    private Optional<Stage> stage(Node node) {
        return text(node).flatMap(name -> construct(node.location(), () -> Stage.of(name)));
    }

    Optional<Set<FixState>> fixStates(Node node, String key) {
        return listOf(node, key, n -> keyword(n, "fix state", FixState.values(), Phrases::fixState))
                .flatMap(states -> construct(node.location(), () -> FixStates.copy(new LinkedHashSet<>(states))));
    }

    Optional<List<DeadlineClock>> clocks(Node node, String key) {
        Function<Node, Optional<DeadlineClock>> clock =
                n -> keyword(n, "clock", DeadlineClock.values(), DeadlineClock::key);
        return node instanceof Sequence
                ? listOf(node, key, clock)
                : clock.apply(node).map(List::of);
    }

    Optional<Map<Severity, Duration>> within(Node node, String key) {
        Optional<Mapping> map = mapping(node, key + " (severity: duration)");
        if (map.isEmpty()) {
            return Optional.empty();
        }
        Map<Severity, Duration> within = new EnumMap<>(Severity.class);
        boolean complete = true;
        for (Entry entry : map.get().entries().values()) {
            Optional<Severity> severity = keyword(
                    new Scalar(entry.keyLocation(), entry.key()),
                    "severity",
                    Severity.values(),
                    s -> s.name().toLowerCase(Locale.ROOT));
            Optional<Duration> duration = duration(entry.value());
            if (severity.isPresent() && within.containsKey(severity.get())) {
                problems.add(entry.keyLocation(), "severity " + severity.get() + " is given twice");
                complete = false;
            } else if (severity.isPresent() && duration.isPresent()) {
                within.put(severity.get(), duration.get());
            } else {
                complete = false;
            }
        }
        return complete ? Optional.of(within) : Optional.empty();
    }

    Optional<Double> number(Node node) {
        return text(node).flatMap(text -> {
            if (!DECIMAL.matcher(text).matches()) {
                problems.add(node.location(), "bad number \"" + text + "\": expected a decimal number such as 0.1");
                return Optional.empty();
            }
            return Optional.of(Double.parseDouble(text));
        });
    }

    Optional<Duration> duration(Node node) {
        return text(node).flatMap(text -> construct(node.location(), () -> Durations.parse(text)));
    }

    Optional<Instant> instant(Node node) {
        return text(node).flatMap(text -> {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                problems.add(
                        node.location(),
                        "bad instant \"" + text
                                + "\": expected an ISO-8601 date and time with an offset, such as 2026-12-31T00:00:00Z");
                return Optional.empty();
            }
        });
    }

    <E> Optional<E> keyword(Node node, String what, E[] values, Function<E, String> key) {
        return text(node).flatMap(text -> {
            Optional<E> match = Arrays.stream(values)
                    .filter(v -> key.apply(v).equals(text.toLowerCase(Locale.ROOT)))
                    .findFirst();
            if (match.isEmpty()) {
                problems.add(
                        node.location(),
                        "unknown " + what + " \"" + text + "\"; expected one of: "
                                + Arrays.stream(values).map(key).collect(Collectors.joining(", ")));
            }
            return match;
        });
    }

    // --- structure ----------------------------------------------------------------------------

    private Optional<Mapping> mapping(Node node, String what) {
        if (node instanceof Mapping map) {
            return Optional.of(map);
        }
        return expected(node, "a mapping for " + what);
    }

    <T> Optional<List<T>> listOf(Node node, String what, Function<Node, Optional<T>> item) {
        return items(node, what, item).filter(Items::complete).map(Items::values);
    }

    /** The items of a list that bound, and whether all did. */
    private record Items<T>(List<T> values, boolean complete) {}

    private <T> Optional<Items<T>> items(Node node, String what, Function<Node, Optional<T>> item) {
        if (!(node instanceof Sequence sequence)) {
            return expected(node, "a list for " + what);
        }
        List<T> values = new ArrayList<>();
        boolean complete = true;
        for (Node element : sequence.items()) {
            Optional<T> value = item.apply(element);
            value.ifPresent(values::add);
            complete &= value.isPresent();
        }
        return Optional.of(new Items<>(values, complete));
    }

    private <T> Optional<T> expected(Node node, String what) {
        if (!(node instanceof Rejected)) {
            String got = node instanceof Mapping
                    ? "a mapping"
                    : node instanceof Sequence
                            ? "a list"
                            : ((Scalar) node).isNull() ? "nothing (null)" : "\"" + ((Scalar) node).text() + "\"";
            problems.add(node.location(), "expected " + what + ", got " + got);
        }
        return Optional.empty();
    }

    private void allowOnly(Mapping map, String what, List<String> allowed) {
        for (Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problems.add(
                        entry.keyLocation(),
                        "unknown key \"" + entry.key() + "\" in " + what + "; expected one of: "
                                + String.join(", ", allowed));
            }
        }
    }

    private <T> Optional<T> required(Mapping map, String key, String what, Function<Node, Optional<T>> parse) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            problems.add(map.location(), "missing key \"" + key + "\" in " + what);
            return Optional.empty();
        }
        return parse.apply(entry.value());
    }

    private <T> Optional<T> optional(Mapping map, String key, T absent, Function<Node, Optional<T>> parse) {
        Entry entry = map.entries().get(key);
        return entry == null ? Optional.of(absent) : parse.apply(entry.value());
    }

    /** Reports a problem of a rule's binding. */
    void problem(ReportLocation location, String message) {
        problems.add(location, message);
    }

    /** Runs a constructor or factory and reports its validation failure where the value is. */
    <T> Optional<T> construct(ReportLocation location, Supplier<T> factory) {
        try {
            return Optional.of(factory.get());
        } catch (IllegalArgumentException e) {
            problems.add(location, e.getMessage());
            return Optional.empty();
        }
    }
}
