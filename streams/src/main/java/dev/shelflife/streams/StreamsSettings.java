package dev.shelflife.streams;

import dev.shelflife.Stage;
import dev.shelflife.history.LineageRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the topology is wired: its topics, how many partitions it spreads the lineages over, how
 * often it looks for images due to wake, how images are grouped into lineages, and which stages
 * it judges. {@code docs/streams.md} documents each setting; {@link #from(Properties)} reads them
 * from the application's configuration file.
 *
 * <p>Immutable: start from {@link #defaults()} and change what differs with the {@code withX}
 * methods. A class rather than a record, so that settings can be added without changing a public
 * constructor.
 *
 * @since 0.2
 */
public final class StreamsSettings {

    /** The prefix of ShelfLife's own keys in a configuration file; every other key goes to Kafka Streams. */
    public static final String PREFIX = "shelflife.";

    private final String evidenceTopic;
    private final String tagsTopic;
    private final String policyTopic;
    private final String verdictsTopic;
    private final String rejectedTopic;
    private final String policyKey;
    private final int partitions;
    private final Duration wakeUpInterval;
    private final Duration wakeUpBudget;
    private final LineageRule lineageRule;
    private final Optional<List<Stage>> stages;

    private StreamsSettings(
            String evidenceTopic,
            String tagsTopic,
            String policyTopic,
            String verdictsTopic,
            String rejectedTopic,
            String policyKey,
            int partitions,
            Duration wakeUpInterval,
            Duration wakeUpBudget,
            LineageRule lineageRule,
            Optional<List<Stage>> stages) {
        this.evidenceTopic = evidenceTopic;
        this.tagsTopic = tagsTopic;
        this.policyTopic = policyTopic;
        this.verdictsTopic = verdictsTopic;
        this.rejectedTopic = rejectedTopic;
        this.policyKey = policyKey;
        this.partitions = partitions;
        this.wakeUpInterval = wakeUpInterval;
        this.wakeUpBudget = wakeUpBudget;
        this.lineageRule = lineageRule;
        this.stages = stages;
    }

    /**
     * The defaults: topics {@code shelflife.evidence}, {@code shelflife.tags}, {@code shelflife.policy}
     * (key {@code policy}), {@code shelflife.verdicts} and {@code shelflife.rejected}; one partition;
     * a look for images due every second, working at most a second before the thread may commit;
     * lineages by repository; every stage of the policy.
     *
     * @return the defaults
     */
    public static StreamsSettings defaults() {
        return new StreamsSettings(
                "shelflife.evidence",
                "shelflife.tags",
                "shelflife.policy",
                "shelflife.verdicts",
                "shelflife.rejected",
                "policy",
                1,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                LineageRule.repository(),
                Optional.empty());
    }

    /**
     * The settings a configuration names under {@value #PREFIX}: {@code shelflife.topic.evidence},
     * {@code .topic.tags}, {@code .topic.policy}, {@code .topic.verdicts}, {@code .topic.rejected},
     * {@code shelflife.policy.key}, {@code shelflife.partitions}, {@code shelflife.wakeup.interval.ms},
     * {@code shelflife.wakeup.budget.ms}, {@code shelflife.lineage.pattern} with
     * {@code shelflife.lineage.replacement}, and {@code shelflife.stages} (comma-separated); the
     * defaults for those it does not name.
     *
     * @param properties the configuration
     * @return the settings
     * @throws IllegalArgumentException naming the key of a value that is not valid
     */
    public static StreamsSettings from(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        StreamsSettings settings = defaults();
        settings = settings.withTopics(
                text(properties, "topic.evidence", settings.evidenceTopic),
                text(properties, "topic.tags", settings.tagsTopic),
                text(properties, "topic.policy", settings.policyTopic),
                text(properties, "topic.verdicts", settings.verdictsTopic),
                text(properties, "topic.rejected", settings.rejectedTopic));
        settings = settings.withPolicyKey(text(properties, "policy.key", settings.policyKey));
        String partitions = properties.getProperty(PREFIX + "partitions");
        if (partitions != null) {
            settings = settings.withPartitions(number(PREFIX + "partitions", partitions));
        }
        String interval = properties.getProperty(PREFIX + "wakeup.interval.ms");
        if (interval != null) {
            settings = settings.withWakeUpInterval(Duration.ofMillis(number(PREFIX + "wakeup.interval.ms", interval)));
        }
        String budget = properties.getProperty(PREFIX + "wakeup.budget.ms");
        if (budget != null) {
            settings = settings.withWakeUpBudget(Duration.ofMillis(number(PREFIX + "wakeup.budget.ms", budget)));
        }
        String pattern = properties.getProperty(PREFIX + "lineage.pattern");
        if (pattern != null) {
            String replacement = properties.getProperty(PREFIX + "lineage.replacement");
            if (replacement == null) {
                throw new IllegalArgumentException(
                        PREFIX + "lineage.pattern needs " + PREFIX + "lineage.replacement beside it");
            }
            try {
                settings = settings.withLineageRule(LineageRule.rewrite(Pattern.compile(pattern), replacement));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(PREFIX + "lineage.pattern: " + e.getMessage(), e);
            }
        }
        String stages = properties.getProperty(PREFIX + "stages");
        if (stages != null && !stages.isBlank()) {
            List<Stage> list = new ArrayList<>();
            for (String stage : stages.split(",")) {
                if (!stage.isBlank()) {
                    list.add(Stage.of(stage.strip()));
                }
            }
            settings = settings.withStages(list);
        }
        return settings;
    }

    private static String text(Properties properties, String key, String fallback) {
        String value = properties.getProperty(PREFIX + key, fallback).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + key + " must not be empty");
        }
        return value;
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + value + "\"", e);
        }
    }

    /**
     * A copy with other topic names.
     *
     * @param evidence the reports in (any key, the report as the value)
     * @param tags the tag observations in (key the tag)
     * @param policy the policy in (compacted)
     * @param verdicts the verdict changes out
     * @param rejected the input records that could not be read, with why
     * @return the copy
     */
    public StreamsSettings withTopics(String evidence, String tags, String policy, String verdicts, String rejected) {
        return new StreamsSettings(
                requireName(evidence, "evidence"),
                requireName(tags, "tags"),
                requireName(policy, "policy"),
                requireName(verdicts, "verdicts"),
                requireName(rejected, "rejected"),
                policyKey,
                partitions,
                wakeUpInterval,
                wakeUpBudget,
                lineageRule,
                stages);
    }

    /**
     * A copy that reads the policy from another key of the policy topic.
     *
     * @param key the key
     * @return the copy
     */
    public StreamsSettings withPolicyKey(String key) {
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                requireName(key, "policy key"),
                partitions,
                wakeUpInterval,
                wakeUpBudget,
                lineageRule,
                stages);
    }

    /**
     * A copy that spreads the lineages over another number of partitions: the partitions of the
     * internal topics, and so the most instances that share the work.
     *
     * @param count one or more
     * @return the copy
     * @throws IllegalArgumentException if the count is below one
     */
    public StreamsSettings withPartitions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException(PREFIX + "partitions must be at least 1, not " + count);
        }
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                policyKey,
                count,
                wakeUpInterval,
                wakeUpBudget,
                lineageRule,
                stages);
    }

    /**
     * A copy that looks for images due to wake at another interval of wall-clock time. Each look
     * reads the head of the index of wake-ups, never every image; a change is emitted at most this
     * long after its instant, with the instant itself as the verdict's evaluation instant.
     *
     * @param interval a positive duration
     * @return the copy
     * @throws IllegalArgumentException if the interval is not positive
     */
    public StreamsSettings withWakeUpInterval(Duration interval) {
        if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(PREFIX + "wakeup.interval.ms must be positive, not " + interval);
        }
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                policyKey,
                partitions,
                interval,
                wakeUpBudget,
                lineageRule,
                stages);
    }

    /**
     * A copy whose looks at the index of wake-ups each work at most this long. A look that has more
     * images due than it can judge in the budget stops, and the next look, which comes at once,
     * goes on where it stopped: in between, the stream thread commits. So a transaction never
     * holds more than a budget of wake-ups, however many images share an instant, and stays well
     * within the producer's {@code transaction.timeout.ms} (10 s by default under
     * {@code exactly_once_v2}), past which the broker aborts it and the thread loses its tasks.
     * Every look judges at least one image; zero is allowed. A new policy is brought to the
     * task's images with the same budget: a step with the policy record, then one at each look,
     * with what the wake-ups due leave of the budget.
     *
     * @param budget a duration, zero or more
     * @return the copy
     * @throws IllegalArgumentException if the budget is negative
     * @since 0.2
     */
    public StreamsSettings withWakeUpBudget(Duration budget) {
        if (Objects.requireNonNull(budget, "budget").isNegative()) {
            throw new IllegalArgumentException(PREFIX + "wakeup.budget.ms must not be negative, not " + budget);
        }
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                policyKey,
                partitions,
                wakeUpInterval,
                budget,
                lineageRule,
                stages);
    }

    /**
     * A copy that groups images into lineages by another rule.
     *
     * @param rule the rule
     * @return the copy
     */
    public StreamsSettings withLineageRule(LineageRule rule) {
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                policyKey,
                partitions,
                wakeUpInterval,
                wakeUpBudget,
                Objects.requireNonNull(rule, "rule"),
                stages);
    }

    /**
     * A copy that judges only these stages (of those the policy defines).
     *
     * @param only the stages
     * @return the copy
     */
    public StreamsSettings withStages(List<Stage> only) {
        return new StreamsSettings(
                evidenceTopic,
                tagsTopic,
                policyTopic,
                verdictsTopic,
                rejectedTopic,
                policyKey,
                partitions,
                wakeUpInterval,
                wakeUpBudget,
                lineageRule,
                Optional.of(List.copyOf(only)));
    }

    private static String requireName(String name, String what) {
        if (Objects.requireNonNull(name, what).isBlank()) {
            throw new IllegalArgumentException("the " + what + " topic needs a name");
        }
        return name;
    }

    /**
     * The topic of the evidence in.
     *
     * @return its name
     */
    public String evidenceTopic() {
        return evidenceTopic;
    }

    /**
     * The topic of the tag observations in.
     *
     * @return its name
     */
    public String tagsTopic() {
        return tagsTopic;
    }

    /**
     * The compacted topic of the policy.
     *
     * @return its name
     */
    public String policyTopic() {
        return policyTopic;
    }

    /**
     * The key of the policy topic that holds the policy.
     *
     * @return the key
     */
    public String policyKey() {
        return policyKey;
    }

    /**
     * The topic of the verdict changes out.
     *
     * @return its name
     */
    public String verdictsTopic() {
        return verdictsTopic;
    }

    /**
     * The topic of the input records that could not be read.
     *
     * @return its name
     */
    public String rejectedTopic() {
        return rejectedTopic;
    }

    /**
     * How many partitions the lineages are spread over.
     *
     * @return the count
     */
    public int partitions() {
        return partitions;
    }

    /**
     * How often the index of wake-ups is looked at.
     *
     * @return the interval
     */
    public Duration wakeUpInterval() {
        return wakeUpInterval;
    }

    /**
     * How long one look at the index of wake-ups (and a step of a new policy's pass) works at most
     * before the thread may commit.
     *
     * @return the budget
     * @since 0.2
     */
    public Duration wakeUpBudget() {
        return wakeUpBudget;
    }

    /**
     * How images are grouped into lineages.
     *
     * @return the rule
     */
    public LineageRule lineageRule() {
        return lineageRule;
    }

    /**
     * The stages judged, if not every stage of the policy.
     *
     * @return the stages, or empty for every stage the policy defines
     */
    public Optional<List<Stage>> stages() {
        return stages;
    }
}
