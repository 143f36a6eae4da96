package dev.shelflife.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.BaseImage;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import dev.shelflife.history.jdbc.EvidenceCodec;
import dev.shelflife.output.EvaluatedEvidence;
import dev.shelflife.output.VerdictJson;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The heart of the topology: keeps each lineage's images and clock facts in state, judges an image
 * at every stage when something about it changes, wakes it at the instant its forecast names, and
 * emits a verdict when, and only when, what it decides changes.
 *
 * <p>What changes a verdict, and with which cause:
 * <ul>
 * <li>{@code EVIDENCE}: a report about the image (or, when a late older scan moves one of the
 *     lineage's clocks back, about another image of the lineage) — judged at the wall-clock instant
 *     it is processed;</li>
 * <li>{@code TAG}: the image's base image tag was seen on another digest;</li>
 * <li>{@code POLICY}: the policy changed — every image is judged again, by a pass over the task's
 *     images a budget at a time (an image the pass has not reached stays under the policy before,
 *     until the pass or an event about it brings it under the new one);</li>
 * <li>{@code FORECAST}: the instant the last verdict's forecast named has come — judged at that
 *     very instant, however late the wake-up runs.</li>
 * </ul>
 * Before an image is judged for a new event, every forecast of it that fell due first is judged at
 * its own instant, so that no change is skipped and each carries its own instant and reason.
 */
final class Evaluator implements Processor<String, Input, String, VerdictChange> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final byte[] MARK = new byte[0];
    private static final String SEP = "\u0000";
    private static final String POLICY_KEY = "policy";
    /** How many wake-ups one look at the index takes before it looks again. */
    private static final int BATCH = 512;
    /** A bound on the forecasts of one image judged in a row; each is later than the one before. */
    private static final int MAX_CATCH_UP = 100_000;

    enum Cause {
        FIRST,
        EVIDENCE,
        TAG,
        POLICY,
        FORECAST,
        RETIRED
    }

    private final StreamsSettings settings;
    private ProcessorContext<String, VerdictChange> context;
    private KeyValueStore<String, byte[]> images;
    private KeyValueStore<String, byte[]> lineages;
    private KeyValueStore<String, byte[]> stages;
    private KeyValueStore<Bytes, byte[]> wakeUps;
    private KeyValueStore<String, byte[]> bases;
    private KeyValueStore<String, byte[]> tags;
    private KeyValueStore<String, byte[]> policyStore;
    /** The newest policy: what every image is judged under once a pass has reached it. */
    private InForce current;
    /** The change of policy under way, or null when every image is under {@link #current}. */
    private PolicyPass pass;
    /** With a pass under way: the policy before its first layer, and each layer's. */
    private InForce base;

    private List<InForce> layerPolicies;
    /** With a pass under way: the key of the last image its newest layer reached, {@code ""} for none. */
    private String cursor = "";
    /**
     * The lineage facts and the record of the image last woken: the stages of one image due at one
     * instant follow each other in the index, and share the record, its context and its verdicts
     * (judged in one pass when the first of them wakes); the images of one lineage
     * follow each other, and share the facts. Forgotten when a look at the index or a catch-up
     * begins: within one, nothing but wake-ups changes the state, and they change neither.
     */
    private Memo memo;

    /**
     * A policy, its engine and its name ({@code sha256:…} of its document, or empty for the
     * built-in default).
     */
    private record InForce(PolicyEngine engine, Optional<String> name) {}

    Evaluator(StreamsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, VerdictChange> processorContext) {
        this.context = processorContext;
        this.images = processorContext.getStateStore(ShelfLifeTopology.IMAGES);
        this.lineages = processorContext.getStateStore(ShelfLifeTopology.LINEAGES);
        this.stages = processorContext.getStateStore(ShelfLifeTopology.STAGES);
        this.wakeUps = processorContext.getStateStore(ShelfLifeTopology.WAKE_UPS);
        this.bases = processorContext.getStateStore(ShelfLifeTopology.BASES);
        this.tags = processorContext.getStateStore(ShelfLifeTopology.TAGS);
        this.policyStore = processorContext.getStateStore(ShelfLifeTopology.POLICY);
        current = inForce(Optional.ofNullable(policyStore.get(POLICY_KEY)));
        byte[] storedPass = policyStore.get(PolicyPass.KEY);
        if (storedPass != null) {
            // A pass was under way: go on where its last step stopped.
            pass = PolicyPass.decode(storedPass);
            base = inForce(pass.base());
            layerPolicies = new ArrayList<>();
            for (PolicyPass.Layer layer : pass.layers()) {
                layerPolicies.add(inForce(layer.document()));
            }
            layerPolicies.set(layerPolicies.size() - 1, current);
            byte[] storedCursor = policyStore.get(PolicyPass.CURSOR_KEY);
            cursor = storedCursor == null ? "" : new String(storedCursor, StandardCharsets.UTF_8);
        }
        processorContext.schedule(settings.wakeUpInterval(), PunctuationType.WALL_CLOCK_TIME, this::look);
    }

    @Override
    public void process(Record<String, Input> record) {
        Instant now = now();
        Input input = record.value();
        if (input instanceof Input.Evidence evidence) {
            evidence(record.key(), evidence, now);
        } else if (input instanceof Input.Retire retire) {
            retire(record.key(), retire, now);
        } else if (input instanceof Input.Tag tag) {
            tag(tag, now);
        } else if (input instanceof Input.PolicyDocument policy) {
            policy(policy, now);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    // ---- inputs ----

    private void evidence(String lineage, Input.Evidence evidence, Instant now) {
        String imageKey = lineage + SEP + evidence.image();
        byte[] stored = images.get(imageKey);
        ImageState state = stored == null ? ImageState.empty(evidence.image()) : ImageState.decode(stored);
        if (state.holds(evidence.contentHash())) {
            return;
        }
        catchUp(lineage, evidence.image(), now);
        prepare(lineage, evidence.image(), now);
        ScanReport report = EvidenceCodec.decode(evidence.encoded());
        LineageFacts facts = facts(lineage);
        boolean movedBack = false;
        if (report.isScan()) {
            movedBack = facts.add(
                    report,
                    new RecordedScan(
                            evidence.contentHash(), lineage, evidence.image(), report.scanner(), evidence.madeAt()));
            lineages.put(lineage, facts.encode());
        }
        ImageState updated = state.with(
                new ImageState.Kept(
                        evidence.contentHash(),
                        report.scanner().name(),
                        report.kind(),
                        evidence.madeAt(),
                        evidence.encoded()),
                report,
                now,
                report.image().baseImage().map(BaseImage::name).map(Evaluator::normalise));
        images.put(imageKey, updated.encode());
        if (!updated.base().equals(state.base())) {
            state.base().ifPresent(b -> bases.delete(b + SEP + imageKey));
            updated.base().ifPresent(b -> bases.put(b + SEP + imageKey, MARK));
        }
        String reason = "new evidence: " + report.describe() + " (" + evidence.contentHash() + ")";
        // The report just decoded is not decoded again to judge the image.
        Judged judged = record(lineage, updated, facts, now, Map.of(evidence.contentHash(), report));
        judge(lineage, updated, judged, now, stored == null ? Cause.FIRST : Cause.EVIDENCE, reason, current);
        if (movedBack) {
            List<KeyValue<String, byte[]>> others = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all =
                    images.prefixScan(lineage + SEP, Serdes.String().serializer())) {
                all.forEachRemaining(others::add);
            }
            for (KeyValue<String, byte[]> other : others) {
                if (!other.key.equals(imageKey)) {
                    ImageState otherState = ImageState.decode(other.value);
                    catchUp(lineage, otherState.image(), now);
                    prepare(lineage, otherState.image(), now);
                    judge(
                            lineage,
                            otherState,
                            record(lineage, otherState, facts, now, Map.of()),
                            now,
                            Cause.EVIDENCE,
                            "a late scan of the lineage moved its clocks back: " + report.describe() + " ("
                                    + evidence.contentHash() + ")",
                            current);
                }
            }
        }
    }

    /**
     * Retires an image, or every image of a lineage: judges the forecasts that fell due first, then
     * emits a last change per stage ({@code RETIRED}: no outcome, no verdict) and removes the image's
     * record, its stages, its wake-ups and its place among the images built on its base; and the
     * lineage's clock facts when no image of it is left.
     */
    private void retire(String lineage, Input.Retire retire, Instant now) {
        List<String> imageKeys = new ArrayList<>();
        if (retire.image().isPresent()) {
            imageKeys.add(lineage + SEP + retire.image().get());
        } else {
            try (KeyValueIterator<String, byte[]> all =
                    images.prefixScan(lineage + SEP, Serdes.String().serializer())) {
                all.forEachRemaining(entry -> imageKeys.add(entry.key));
            }
        }
        String reason = retire.image().isPresent()
                ? "the image was retired (" + retire.source() + ")"
                : "its lineage " + lineage + " was retired (" + retire.source() + ")";
        for (String imageKey : imageKeys) {
            byte[] stored = images.get(imageKey);
            if (stored == null) {
                continue;
            }
            ImageState state = ImageState.decode(stored);
            catchUp(lineage, state.image(), now);
            List<KeyValue<String, byte[]>> stageStates = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all =
                    stages.prefixScan(imageKey + SEP, Serdes.String().serializer())) {
                all.forEachRemaining(stageStates::add);
            }
            for (KeyValue<String, byte[]> entry : stageStates) {
                StageState last = StageState.decode(entry.value);
                last.wakeAt().ifPresent(w -> wakeUps.delete(WakeUps.key(w, entry.key)));
                stages.delete(entry.key);
                emitRetired(lineage, state.image(), entry.key.substring(imageKey.length() + 1), last, now, reason);
            }
            state.base().ifPresent(b -> bases.delete(b + SEP + imageKey));
            images.delete(imageKey);
        }
        boolean anyLeft;
        try (KeyValueIterator<String, byte[]> all =
                images.prefixScan(lineage + SEP, Serdes.String().serializer())) {
            anyLeft = all.hasNext();
        }
        if (!anyLeft) {
            lineages.delete(lineage);
        }
        memo = null;
    }

    private void tag(Input.Tag tag, Instant now) {
        byte[] stored = tags.get(tag.reference());
        TagHistory history = stored == null ? TagHistory.empty() : TagHistory.decode(stored);
        boolean moved = history.observe(tag.digest(), tag.observedAt(), tag.observedBy());
        tags.put(tag.reference(), history.encode());
        if (!moved) {
            return;
        }
        List<String> affected = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all =
                bases.prefixScan(tag.reference() + SEP, Serdes.String().serializer())) {
            all.forEachRemaining(
                    entry -> affected.add(entry.key.substring(tag.reference().length() + 1)));
        }
        for (String imageKey : affected) {
            int split = imageKey.indexOf(SEP);
            String lineage = imageKey.substring(0, split);
            byte[] state = images.get(imageKey);
            if (state != null) {
                ImageState image = ImageState.decode(state);
                catchUp(lineage, image.image(), now);
                prepare(lineage, image.image(), now);
                judge(
                        lineage,
                        image,
                        record(lineage, image, facts(lineage), now, Map.of()),
                        now,
                        Cause.TAG,
                        "base image tag " + tag.reference() + " seen on " + BaseImageStatus.shortDigest(tag.digest())
                                + " at " + tag.observedAt() + " by " + tag.observedBy(),
                        current);
            }
        }
    }

    /**
     * Starts bringing every image under a new policy: a pass over the task's images in the order of
     * their keys, a budget at a time (the first step at once, the others at the following looks at
     * the index), each image's forecasts that fell due judged under the policy before, then the
     * image judged under the new one ({@code POLICY}). A policy that comes during a pass starts a
     * new layer, whose pass starts from the first image again.
     */
    private void policy(Input.PolicyDocument policy, Instant now) {
        InForce next = inForce(policy.document());
        if (pass == null) {
            pass = new PolicyPass(
                    Optional.ofNullable(policyStore.get(POLICY_KEY)),
                    List.of(new PolicyPass.Layer(0, policy.document(), "")));
            base = current;
            layerPolicies = new ArrayList<>(List.of(next));
        } else {
            pass = pass.with(policy.document(), cursor);
            layerPolicies.add(next);
        }
        current = next;
        cursor = "";
        if (policy.document().isPresent()) {
            policyStore.put(POLICY_KEY, policy.document().get());
        } else {
            policyStore.delete(POLICY_KEY);
        }
        policyStore.put(PolicyPass.KEY, pass.encode());
        passStep(now, System.nanoTime() + settings.wakeUpBudget().toNanos());
    }

    private InForce inForce(Optional<byte[]> document) {
        if (document.isEmpty()) {
            return new InForce(PolicyEngine.of(Policies.defaults()), Optional.empty());
        }
        String name = "sha256:" + sha256(document.get());
        Policy policy = Policies.parse(
                settings.policyTopic() + " (" + name + ")", new String(document.get(), StandardCharsets.UTF_8));
        return new InForce(PolicyEngine.of(policy), Optional.of(name));
    }

    /** The policy an image is under: the newest that has reached it, while a pass is under way. */
    private InForce policyOf(String imageKey) {
        if (pass == null) {
            return current;
        }
        List<PolicyPass.Layer> layers = pass.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            PolicyPass.Layer layer = layers.get(i);
            boolean reached = i == layers.size() - 1
                    ? !cursor.isEmpty() && PolicyPass.compare(imageKey, cursor) <= 0
                    : layer.reached(imageKey);
            if (reached || policyStore.get(PolicyPass.mark(layer.generation(), imageKey)) != null) {
                return layerPolicies.get(i);
            }
        }
        return base;
    }

    /**
     * Brings an image an event is about under the newest policy before the event is judged, when
     * the pass has not reached it yet: its {@code POLICY} change comes first, and the pass leaves it
     * out when it gets there. An image the state does not hold yet is only marked.
     */
    private void prepare(String lineage, String image, Instant now) {
        if (pass == null) {
            return;
        }
        String imageKey = lineage + SEP + image;
        if (policyOf(imageKey) == current) {
            return;
        }
        byte[] stored = images.get(imageKey);
        if (stored != null) {
            ImageState state = ImageState.decode(stored);
            judge(
                    lineage,
                    state,
                    record(lineage, state, facts(lineage), now, Map.of()),
                    now,
                    Cause.POLICY,
                    policyReason(),
                    current);
        }
        policyStore.put(PolicyPass.mark(pass.newest().generation(), imageKey), MARK);
        memo = null;
    }

    private String policyReason() {
        return "the policy changed to " + current.name().orElse("the built-in default policy");
    }

    /**
     * Goes on with the pass from its cursor: each image's forecasts that fell due judged under the
     * policy it is under, then the image judged under the newest ({@code POLICY}), until every
     * image is reached or the budget is spent (one image at least). The cursor is written with the
     * step's changes, in the same transaction.
     *
     * @return whether it stopped for the budget
     */
    private boolean passStep(Instant now, long stopAt) {
        memo = null;
        // A lineage's images follow each other in key order and share its facts, which nothing in a
        // step changes.
        String factsOf = null;
        LineageFacts facts = null;
        try {
            while (true) {
                List<String> keys = new ArrayList<>(BATCH);
                try (KeyValueIterator<String, byte[]> all =
                        cursor.isEmpty() ? images.all() : images.range(cursor, null)) {
                    while (all.hasNext() && keys.size() < BATCH) {
                        String key = all.next().key;
                        if (!key.equals(cursor)) {
                            keys.add(key);
                        }
                    }
                }
                if (keys.isEmpty()) {
                    endPass();
                    return false;
                }
                for (String imageKey : keys) {
                    String mark = PolicyPass.mark(pass.newest().generation(), imageKey);
                    if (policyStore.get(mark) != null) {
                        // An event brought it under the newest policy already.
                        policyStore.delete(mark);
                    } else {
                        String lineage = imageKey.substring(0, imageKey.indexOf(SEP));
                        if (!lineage.equals(factsOf)) {
                            factsOf = lineage;
                            facts = facts(lineage);
                        }
                        bringUnderNewest(lineage, imageKey, facts, now);
                    }
                    cursor = imageKey;
                    if (System.nanoTime() - stopAt >= 0) {
                        return true;
                    }
                }
            }
        } finally {
            if (pass != null) {
                policyStore.put(PolicyPass.CURSOR_KEY, cursor.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void bringUnderNewest(String lineage, String imageKey, LineageFacts facts, Instant now) {
        byte[] stored = images.get(imageKey);
        if (stored == null) {
            return;
        }
        ImageState image = ImageState.decode(stored);
        // The cursor has not reached it: its forecasts due by now are judged under the policy before.
        catchUp(lineage, image.image(), now);
        judge(lineage, image, record(lineage, image, facts, now, Map.of()), now, Cause.POLICY, policyReason(), current);
    }

    /** Every image is under the newest policy: forgets the pass, its cursor and its marks. */
    private void endPass() {
        List<String> marks = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all =
                policyStore.prefixScan(PolicyPass.MARK_PREFIX, Serdes.String().serializer())) {
            all.forEachRemaining(entry -> marks.add(entry.key));
        }
        marks.forEach(policyStore::delete);
        policyStore.delete(PolicyPass.KEY);
        policyStore.delete(PolicyPass.CURSOR_KEY);
        pass = null;
        base = null;
        layerPolicies = null;
        cursor = "";
    }

    // ---- wake-ups ----

    /**
     * Judges the images whose forecast fell due by now, each at its forecast's instant, from the
     * head of the index, for at most the {@linkplain StreamsSettings#wakeUpBudget() budget}: what is
     * left stays in the index for the next look, so that the thread commits in between and no
     * transaction outlives its timeout.
     */
    private void look(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        long stopAt = System.nanoTime() + settings.wakeUpBudget().toNanos();
        // The forecasts first: they are due; a pass of a new policy has what is left of the budget.
        if (!wakeDue(now, stopAt) && pass != null) {
            passStep(now, stopAt);
        }
    }

    /** @return whether it stopped for the budget */
    private boolean wakeDue(Instant now, long stopAt) {
        memo = null;
        while (true) {
            List<Bytes> due = new ArrayList<>(BATCH);
            try (KeyValueIterator<Bytes, byte[]> all = wakeUps.all()) {
                while (all.hasNext() && due.size() < BATCH) {
                    Bytes key = all.next().key;
                    if (WakeUps.instant(key).isAfter(now)) {
                        break;
                    }
                    due.add(key);
                }
            }
            if (due.isEmpty()) {
                return false;
            }
            for (Bytes key : due) {
                String stageKey = WakeUps.stageKey(key);
                wakeUps.delete(key);
                String[] parts = stageKey.split(SEP, -1);
                wake(parts[0], parts[1], Stage.of(parts[2]), WakeUps.instant(key));
                if (System.nanoTime() - stopAt >= 0) {
                    return true;
                }
            }
        }
    }

    /** Judges each forecast of an image's stages that fell due by now, at its own instant. */
    private void catchUp(String lineage, String image, Instant now) {
        memo = null;
        for (Stage stage : stagesJudged(policyOf(lineage + SEP + image))) {
            for (int i = 0; i < MAX_CATCH_UP; i++) {
                byte[] stored = stages.get(stageKey(lineage, image, stage));
                if (stored == null) {
                    break;
                }
                Optional<Instant> due = StageState.decode(stored).wakeAt().filter(at -> !at.isAfter(now));
                if (due.isEmpty()) {
                    break;
                }
                wakeUps.delete(WakeUps.key(due.get(), stageKey(lineage, image, stage)));
                wake(lineage, image, stage, due.get());
            }
        }
    }

    private void wake(String lineage, String image, Stage stage, Instant at) {
        String key = stageKey(lineage, image, stage);
        byte[] stored = stages.get(key);
        // Within a look nothing but wake-ups changes the state, and they change no image's record.
        boolean remembered = memo != null && memo.matches(lineage, image, at);
        byte[] imageState = remembered ? null : images.get(lineage + SEP + image);
        if (stored == null || (!remembered && imageState == null)) {
            return;
        }
        StageState state = StageState.decode(stored);
        if (!state.wakeAt().equals(Optional.of(at))) {
            return;
        }
        InForce policy = policyOf(lineage + SEP + image);
        if (!stagesJudged(policy).contains(stage)) {
            stages.delete(key);
            return;
        }
        if (!remembered) {
            // The image's other stages due at this instant share what is decoded and judged here.
            ImageState decoded = ImageState.decode(imageState);
            LineageFacts facts = memo != null && memo.lineage().equals(lineage) ? memo.facts() : facts(lineage);
            Judged judged = record(lineage, decoded, facts, at, Map.of());
            memo = new Memo(lineage, facts, decoded, at, judged, context(judged.record(), at), new HashMap<>());
        }
        ImageState decoded = memo.image();
        Verdict verdict = memo.verdicts().get(stage);
        if (verdict == null) {
            // The image's other stages due at this instant follow in the index: judge them in the same pass.
            List<Stage> due = new ArrayList<>();
            for (Stage other : stagesJudged(policy)) {
                byte[] otherState = other.equals(stage) ? stored : stages.get(stageKey(lineage, image, other));
                if (otherState != null
                        && !memo.verdicts().containsKey(other)
                        && StageState.decode(otherState).wakeAt().equals(Optional.of(at))) {
                    due.add(other);
                }
            }
            memo.verdicts().putAll(policy.engine().evaluate(memo.judged().record(), due, at, memo.context()));
            verdict = memo.verdicts().get(stage);
        }
        judgeStage(
                lineage,
                decoded,
                memo.judged(),
                stage,
                at,
                memo.context(),
                verdict,
                Cause.FORECAST,
                state.wakeReason().orElse("the forecast came due"),
                policy);
    }

    /**
     * What the wake-ups of one image at one instant share: its record, the context it is judged
     * in, and the verdicts of its stages due then, judged in one pass at the first of them.
     */
    private record Memo(
            String lineage,
            LineageFacts facts,
            ImageState image,
            Instant at,
            Judged judged,
            EvaluationContext context,
            Map<Stage, Verdict> verdicts) {
        boolean matches(String otherLineage, String otherImage, Instant otherAt) {
            return lineage.equals(otherLineage) && image.image().equals(otherImage) && at.equals(otherAt);
        }
    }

    // ---- judging ----

    private void judge(
            String lineage, ImageState image, Judged judged, Instant at, Cause cause, String reason, InForce policy) {
        List<Stage> judging = stagesJudged(policy);
        EvaluationContext context = context(judged.record(), at);
        // Every stage in one pass: the evidence, the merge and the history are worked out once.
        Map<Stage, Verdict> verdicts = policy.engine().evaluate(judged.record(), judging, at, context);
        for (Stage stage : judging) {
            judgeStage(lineage, image, judged, stage, at, context, verdicts.get(stage), cause, reason, policy);
        }
    }

    /** An image's record at an instant, and the name of each of its reports. */
    private record Judged(ImageRecord record, List<String> names) {}

    /** The image's record at an instant; {@code known} holds reports already decoded, by content hash. */
    private Judged record(
            String lineage, ImageState image, LineageFacts facts, Instant at, Map<String, ScanReport> known) {
        List<ImageState.Kept> kept = image.reportsAt(at);
        List<ScanReport> reports = new ArrayList<>(kept.size());
        List<String> names = new ArrayList<>(kept.size());
        for (ImageState.Kept k : kept) {
            ScanReport report = known.get(k.contentHash());
            reports.add(report != null ? report : EvidenceCodec.decode(k.encoded()));
            names.add(k.contentHash());
        }
        ImageRecord record = ImageRecord.builder()
                .reports(reports)
                .sameImage()
                .lineage(facts.at(lineage, at, LineageFacts.ids(reports)))
                .build();
        if (record.image().ref().isEmpty()) {
            record = record.withImage(record.image().toBuilder()
                    .ref(ImageRef.parse(image.image()))
                    .build());
        }
        return new Judged(record, names);
    }

    private void judgeStage(
            String lineage,
            ImageState image,
            Judged judged,
            Stage stage,
            Instant at,
            EvaluationContext context,
            Verdict verdict,
            Cause cause,
            String reason,
            InForce policy) {
        ImageRecord record = judged.record();
        Optional<String> policyName = policy.name();
        List<String> names = judged.names();
        // As the command line answers it: until when a passing verdict passes (a change of it is a change).
        Optional<Forecast> validUntil = verdict.outcome() == Outcome.PASS
                ? policy.engine().validUntil(verdict, record, context)
                : Optional.empty();
        String key = stageKey(lineage, image.image(), stage);
        byte[] stored = stages.get(key);
        Optional<StageState> previous = stored == null ? Optional.empty() : Optional.of(StageState.decode(stored));
        previous.flatMap(StageState::wakeAt).ifPresent(w -> wakeUps.delete(WakeUps.key(w, key)));
        Optional<Instant> wakeAt = verdict.nextChange().map(Forecast::at);
        Optional<String> wakeReason = verdict.nextChange().map(Forecast::reason);
        byte[] decision = VerdictFingerprint.of(verdict);
        String imageName = record.image().ref().map(Object::toString).orElse(image.image());
        byte[] content = VerdictFingerprint.content(decision, verdict, validUntil, names, policyName, imageName);
        boolean changed = previous.isEmpty() || !Arrays.equals(previous.get().content(), content);
        if (changed) {
            boolean decided =
                    previous.isEmpty() || !Arrays.equals(previous.get().decision(), decision);
            emit(
                    lineage,
                    image.image(),
                    stage,
                    verdict,
                    validUntil,
                    new EvaluatedEvidence(record, names, policyName),
                    previous,
                    decided,
                    previous.isEmpty() ? Cause.FIRST : cause,
                    reason);
            stages.put(
                    key, new StageState(decision, content, verdict.outcome().name(), at, wakeAt, wakeReason).encode());
        } else {
            StageState last = previous.get();
            stages.put(
                    key,
                    new StageState(
                                    last.decision(),
                                    last.content(),
                                    last.outcome(),
                                    last.emittedAt(),
                                    wakeAt,
                                    wakeReason)
                            .encode());
        }
        wakeAt.ifPresent(w -> wakeUps.put(WakeUps.key(w, key), MARK));
    }

    private EvaluationContext context(ImageRecord record, Instant at) {
        Optional<BaseImage> base = record.image().baseImage();
        if (base.isEmpty()) {
            return EvaluationContext.none();
        }
        byte[] stored = tags.get(normalise(base.get().name()));
        if (stored == null) {
            return EvaluationContext.none();
        }
        return TagHistory.decode(stored)
                .at(at)
                .map(o -> EvaluationContext.none()
                        .withBaseImage(BaseImageStatus.of(base.get(), o.digest(), o.firstSeen())))
                .orElse(EvaluationContext.none());
    }

    private void emit(
            String lineage,
            String image,
            Stage stage,
            Verdict verdict,
            Optional<Forecast> validUntil,
            EvaluatedEvidence evidence,
            Optional<StageState> previous,
            boolean decided,
            Cause cause,
            String reason) {
        ObjectNode change = JSON.createObjectNode();
        change.put("changeVersion", ShelfLifeTopology.CHANGE_VERSION);
        change.put("image", image);
        change.put("lineage", lineage);
        change.put("stage", stage.name());
        change.put("at", verdict.evaluatedAt().toString());
        change.put("cause", cause.name());
        change.put("reason", reason);
        change.put("previousOutcome", previous.map(StageState::outcome).orElse(null));
        change.put("previousAt", previous.map(p -> p.emittedAt().toString()).orElse(null));
        change.put("outcome", verdict.outcome().name());
        change.put("decisionChanged", decided);
        change.set("verdict", VerdictJson.tree(verdict, evidence, validUntil));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        context.forward(new Record<>(
                image + "#" + stage.name(),
                new VerdictChange(lineage, json),
                verdict.evaluatedAt().toEpochMilli()));
    }

    /** The last change of a retired image at a stage: the outcome it leaves, and no verdict. */
    private void emitRetired(
            String lineage, String image, String stage, StageState previous, Instant now, String reason) {
        ObjectNode change = JSON.createObjectNode();
        change.put("changeVersion", ShelfLifeTopology.CHANGE_VERSION);
        change.put("image", image);
        change.put("lineage", lineage);
        change.put("stage", stage);
        change.put("at", now.toString());
        change.put("cause", Cause.RETIRED.name());
        change.put("reason", reason);
        change.put("previousOutcome", previous.outcome());
        change.put("previousAt", previous.emittedAt().toString());
        change.putNull("outcome");
        change.put("decisionChanged", true);
        change.putNull("verdict");
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        context.forward(new Record<>(image + "#" + stage, new VerdictChange(lineage, json), now.toEpochMilli()));
    }

    private List<Stage> stagesJudged(InForce policy) {
        List<Stage> defined = new ArrayList<>(policy.engine().policy().stages().keySet());
        return settings.stages()
                .map(only -> only.stream().filter(defined::contains).toList())
                .orElse(defined);
    }

    private LineageFacts facts(String lineage) {
        byte[] stored = lineages.get(lineage);
        return stored == null ? LineageFacts.empty() : LineageFacts.decode(stored);
    }

    private static String stageKey(String lineage, String image, Stage stage) {
        return lineage + SEP + image + SEP + stage.name();
    }

    /** A tag as the tags topic keys it: {@code python:3.12-slim} → {@code docker.io/library/python:3.12-slim}. */
    static String normalise(String tag) {
        try {
            return ImageRef.parse(tag).toString();
        } catch (IllegalArgumentException e) {
            return tag;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
