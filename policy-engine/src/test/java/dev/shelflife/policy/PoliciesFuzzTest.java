package dev.shelflife.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the policy loader: any text, YAML or JSON, ends in a policy or a {@link PolicyException}
 * within five seconds. In a build, the seeds and the regression inputs in
 * {@code PoliciesFuzzTestInputs} run once each; {@code scripts/fuzz policies} fuzzes for real and
 * keeps what it finds there.
 */
class PoliciesFuzzTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);

    static Stream<Named<byte[]>> seeds() {
        return Stream.of(
                seed("default-policy.yaml", Policies.defaultPolicyYaml()),
                seed("every-rule.yaml", PoliciesBadInputMatrixTest.EVERY_RULE_YAML),
                seed("every-rule.json", PoliciesBadInputMatrixTest.EVERY_RULE_JSON),
                seed("yaml-features.yaml", """
                        stages:
                          build: &strict
                            mode: enforce
                          deploy: *strict
                          run:
                            <<: *strict
                            mode: !!str warn
                        """));
    }

    private static Named<byte[]> seed(String name, String text) {
        return Named.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The name has no extension, so that the loader takes JSON for text that starts with a brace and YAML otherwise. */
    @MethodSource("seeds")
    @FuzzTest
    void parsesAnyTextIntoAPolicyOrAPolicyException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        // The first inputs also load the classes they reach: an input is too slow only if it is slow again.
        if (timed(text).compareTo(BUDGET) > 0 && timed(text).compareTo(BUDGET) > 0) {
            throw new AssertionError(
                    "parsing " + text.length() + " characters took more than " + BUDGET.toMillis() + " ms, twice");
        }
    }

    private static Duration timed(String text) {
        long start = System.nanoTime();
        try {
            Policies.parse("fuzz-policy", text);
        } catch (PolicyException expected) {
            // A located failure is an allowed answer to a bad policy.
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
