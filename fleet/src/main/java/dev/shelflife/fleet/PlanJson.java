package dev.shelflife.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Violation;
import dev.shelflife.version.VersionScheme;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a {@link FleetPlan} as the JSON object of {@code shelflife plan --output json}, whose
 * shape {@code docs/plan.md} documents: written key by key, so that renaming a record component
 * cannot change it by accident. Every key is always present; an unknown value is {@code null}.
 *
 * @since 0.2
 */
public final class PlanJson {

    /**
     * The version of the output shape; raised only when a key is removed or changes meaning. 2:
     * {@code decision} may be {@code BLOCKED} or {@code UNKNOWN}, which a failing image used to be
     * hidden among {@code FINE} or {@code REBUILD_BY} as.
     */
    public static final int OUTPUT_VERSION = 2;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private PlanJson() {}

    /**
     * Writes the plan as {@code shelflife plan --output json} does: one pretty-printed JSON object
     * and a line break.
     *
     * @param plan the plan
     * @param sources what it was made from
     * @param out where to write
     * @throws UncheckedIOException if the tree cannot be written
     */
    public static void write(FleetPlan plan, PlanSources sources, PrintStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(plan, sources)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plan's JSON object as a tree, to write or to place inside a document of one's own.
     *
     * @param plan the plan
     * @param sources what it was made from
     * @return a new tree
     */
    public static ObjectNode tree(FleetPlan plan, PlanSources sources) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(sources, "sources");
        ObjectNode json = MAPPER.createObjectNode();
        json.put("outputVersion", OUTPUT_VERSION);
        json.put("at", plan.at().toString());
        json.put("horizonDays", plan.horizon().toDays());
        sources(json.putObject("sources"), sources);
        ObjectNode summary = json.putObject("summary");
        summary.put("images", plan.images().size());
        summary.put("rebuildNow", plan.count(FleetPlan.Decision.REBUILD_NOW));
        summary.put("blocked", plan.count(FleetPlan.Decision.BLOCKED));
        summary.put("unknown", plan.count(FleetPlan.Decision.UNKNOWN));
        summary.put("rebuildBy", plan.count(FleetPlan.Decision.REBUILD_BY));
        summary.put("fine", plan.count(FleetPlan.Decision.FINE));
        Optional<FleetPlan.BasePlan> recommended = plan.recommendation();
        if (recommended.isPresent()) {
            base(json.putObject("recommendation"), recommended.get());
        } else {
            json.putNull("recommendation");
        }
        ArrayNode images = json.putArray("images");
        int rank = 1;
        for (FleetPlan.ImagePlan image : plan.images()) {
            image(images.addObject(), rank++, image);
        }
        ArrayNode bases = json.putArray("baseImages");
        plan.bases().forEach(base -> base(bases.addObject(), base));
        return json;
    }

    private static void sources(ObjectNode json, PlanSources sources) {
        json.put("inventory", sources.inventory());
        json.put("policy", sources.policyFile().orElse(null));
        json.put("registry", sources.registry().orElse(null));
        if (sources.kev().isPresent()) {
            ObjectNode kev = json.putObject("kev");
            kev.put("version", sources.kev().get().version());
            kev.put("released", sources.kev().get().released().toString());
            kev.put("vulnerabilities", sources.kev().get().size());
        } else {
            json.putNull("kev");
        }
        if (sources.epss().isPresent()) {
            ObjectNode epss = json.putObject("epss");
            epss.put(
                    "scoreDate",
                    sources.epss().get().scoreDate().map(Object::toString).orElse(null));
            epss.put("modelVersion", sources.epss().get().modelVersion().orElse(null));
            epss.put("cves", sources.epss().get().size());
        } else {
            json.putNull("epss");
        }
    }

    private static void image(ObjectNode json, int rank, FleetPlan.ImagePlan image) {
        json.put("rank", rank);
        json.put("image", image.image().name());
        json.put("stage", image.image().stage().name());
        json.put("decision", image.decision().name());
        json.put(
                "by",
                image.decision() == FleetPlan.Decision.REBUILD_BY
                        ? image.trigger().orElseThrow().at().toString()
                        : null);
        forecast(json, "trigger", image.trigger());
        json.put("outcome", image.verdict().outcome().name());
        if (image.base().isPresent()) {
            ObjectNode base = json.putObject("baseImage");
            status(base, image.base().get());
            base.put("note", image.baseNote().orElse(null));
        } else {
            json.putNull("baseImage");
        }
        ArrayNode violations = json.putArray("violations");
        image.verdict().violations().forEach(v -> violation(violations.addObject(), v));
        ArrayNode bumps = json.putArray("bumps");
        image.bumps().forEach(b -> bump(bumps.addObject(), b));
        strings(
                json.putArray("rescans"),
                image.rescans().stream().flatMap(a -> a.reasons().stream()).toList());
        strings(json.putArray("reasons"), image.reasons());
        forecast(json, "nextChange", image.verdict().nextChange());
    }

    private static void status(ObjectNode json, BaseImageStatus status) {
        json.put("name", status.name());
        json.put("builtFrom", status.builtFrom().orElse(null));
        json.put("current", status.current().orElse(null));
        json.put("currentSince", status.currentSince().map(Object::toString).orElse(null));
        json.put("moved", status.moved());
    }

    private static void violation(ObjectNode json, Violation violation) {
        json.put("ruleId", violation.ruleId());
        json.put("effect", violation.effect().name());
        json.put("vulnerability", violation.vulnerabilityId().orElse(null));
        json.put("severity", violation.severity().map(Enum::name).orElse(null));
        json.put("package", violation.finding().map(f -> f.pkg().name()).orElse(null));
        json.put("deadline", violation.deadline().map(Object::toString).orElse(null));
        json.put("message", violation.message());
    }

    private static void bump(ObjectNode json, Action bump) {
        json.put("package", bump.subject().orElseThrow());
        json.put("from", bump.from().orElse(null));
        json.put("to", bump.to().orElse(null));
        json.put("scheme", bump.scheme().map(VersionScheme::id).orElse(null));
        json.put("size", bump.size().map(Enum::name).orElse(null));
    }

    private static void base(ObjectNode json, FleetPlan.BasePlan base) {
        json.put("name", base.name());
        json.put("moved", base.moved());
        json.put("builtFrom", base.status().flatMap(BaseImageStatus::builtFrom).orElse(null));
        json.put("current", base.status().flatMap(BaseImageStatus::current).orElse(null));
        json.put(
                "currentSince",
                base.status()
                        .flatMap(BaseImageStatus::currentSince)
                        .map(Object::toString)
                        .orElse(null));
        strings(json.putArray("images"), base.images());
        strings(json.putArray("behind"), base.behind());
        json.put("fixes", base.fixes());
        json.put("vulnerabilities", base.vulnerabilities());
        json.put("waiting", base.waiting());
    }

    private static void forecast(ObjectNode json, String key, Optional<Forecast> forecast) {
        if (forecast.isPresent()) {
            ObjectNode node = json.putObject(key);
            node.put("at", forecast.get().at().toString());
            node.put("reason", forecast.get().reason());
        } else {
            json.putNull(key);
        }
    }

    private static void strings(ArrayNode json, List<String> values) {
        values.forEach(json::add);
    }
}
