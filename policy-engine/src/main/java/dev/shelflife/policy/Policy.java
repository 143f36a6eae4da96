package dev.shelflife.policy;

import dev.shelflife.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stage-aware policy, as a value: for each stage a mode and rules, and the waivers that make
 * exceptions to them.
 *
 * <p>Build one with {@link #builder()}, load one with {@link Policies#read(java.nio.file.Path)},
 * or start from {@link Policies#defaults()}; evaluate it with {@link PolicyEngine}. Two policies
 * are equal when their stages, rules, waivers and treatment of imported waivers are.
 *
 * @param stages the stages, in the order they were given
 * @param waivers the waivers, ids unique
 * @param importedWaivers what the engine makes of the rules of scanners' ignore files among the
 *     evidence; {@link ImportedWaivers#applied()} unless the policy says
 * @since 0.1
 */
public record Policy(Map<Stage, StagePolicy> stages, List<Waiver> waivers, ImportedWaivers importedWaivers) {

    /**
     * Validates the parts and copies the collections, keeping their order.
     *
     * @throws IllegalArgumentException if two waivers share an id, or a waiver names a stage the
     *     policy does not define (it could never apply there, and is most likely a typo)
     */
    public Policy {
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        stages.forEach((stage, policy) -> {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(policy, "stage policy");
        });
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(importedWaivers, "importedWaivers");
        Set<String> ids = new HashSet<>();
        for (Waiver waiver : waivers) {
            if (!ids.add(waiver.id())) {
                throw new IllegalArgumentException("two waivers have the id \"" + waiver.id() + "\"");
            }
            for (Stage stage : waiver.stages().orElse(Set.of())) {
                if (!stages.containsKey(stage)) {
                    throw new IllegalArgumentException(undefinedStage("waiver " + waiver.id(), stage, stages.keySet()));
                }
            }
        }
    }

    /**
     * A policy that applies the rules of ignore files as {@link ImportedWaivers#applied()} does.
     *
     * @param stages the stages, in the order they were given
     * @param waivers the waivers, ids unique
     * @throws IllegalArgumentException if two waivers share an id, or a waiver names a stage the
     *     policy does not define
     */
    public Policy(Map<Stage, StagePolicy> stages, List<Waiver> waivers) {
        this(stages, waivers, ImportedWaivers.applied());
    }

    /**
     * Says that something names a stage a policy does not define.
     *
     * @param what what names it, such as {@code waiver SEC-1}
     * @param stage the stage
     * @param defined the stages the policy defines
     * @return the message
     */
    static String undefinedStage(String what, Stage stage, Set<Stage> defined) {
        return what + " names the stage \"" + stage + "\", which the policy does not define; it defines: "
                + defined.stream().map(Stage::name).sorted().collect(Collectors.joining(", "));
    }

    /**
     * A builder for a policy.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the policy asks of a stage.
     *
     * @param stage the stage
     * @return its policy, or empty if the policy does not define the stage
     */
    public Optional<StagePolicy> stage(Stage stage) {
        return Optional.ofNullable(stages.get(stage));
    }

    /**
     * Builds a {@link Policy}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<Stage, StagePolicy> stages = new LinkedHashMap<>();
        private final List<Waiver> waivers = new ArrayList<>();
        private ImportedWaivers importedWaivers = ImportedWaivers.applied();

        private Builder() {}

        /**
         * Defines (or redefines) a stage.
         *
         * @param stage the stage
         * @param mode its mode
         * @param rules its rules, in order
         * @return this builder
         */
        public Builder stage(Stage stage, Mode mode, Rule... rules) {
            return stage(stage, StagePolicy.of(mode, rules));
        }

        /**
         * Defines (or redefines) a stage.
         *
         * @param stage the stage
         * @param policy what it asks
         * @return this builder
         */
        public Builder stage(Stage stage, StagePolicy policy) {
            stages.put(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Adds a waiver.
         *
         * @param waiver the waiver
         * @return this builder
         */
        public Builder waiver(Waiver waiver) {
            waivers.add(Objects.requireNonNull(waiver, "waiver"));
            return this;
        }

        /**
         * Says what the engine makes of the rules of scanners' ignore files; without it they
         * apply as {@link ImportedWaivers#applied()} says.
         *
         * @param value whether they apply, and what they must have to
         * @return this builder
         * @since 0.2
         */
        public Builder importedWaivers(ImportedWaivers value) {
            this.importedWaivers = Objects.requireNonNull(value, "importedWaivers");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if two waivers share an id
         */
        public Policy build() {
            return new Policy(stages, waivers, importedWaivers);
        }
    }
}
