package dev.shelflife.history;

import dev.shelflife.ImageRef;
import dev.shelflife.Stage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A verdict that was issued about an image: the stage, the outcome, when, and when it was
 * forecast to change. The history keeps the verdicts' outcomes, not the policy that made them.
 *
 * @param image the image judged
 * @param stage the stage
 * @param outcome {@code PASS}, {@code WARN} or {@code FAIL}
 * @param at the instant it was evaluated at
 * @param nextChange when it was forecast to change on its own, if it was
 * @param nextChangeReason why it would change, if it was forecast to
 * @since 0.2
 */
public record IssuedVerdict(
        ImageRef image,
        Stage stage,
        String outcome,
        Instant at,
        Optional<Instant> nextChange,
        Optional<String> nextChangeReason) {

    private static final Set<String> OUTCOMES = Set.of("PASS", "WARN", "FAIL");

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException for an outcome other than {@code PASS}, {@code WARN} or {@code FAIL}
     */
    public IssuedVerdict {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(outcome, "outcome");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("an outcome is PASS, WARN or FAIL, not \"" + outcome + "\"");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(nextChange, "nextChange");
        Objects.requireNonNull(nextChangeReason, "nextChangeReason");
    }
}
