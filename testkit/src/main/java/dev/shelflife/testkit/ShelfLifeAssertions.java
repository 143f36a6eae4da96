package dev.shelflife.testkit;

import dev.shelflife.policy.Verdict;
import org.assertj.core.api.Assertions;

/**
 * The one entry point for ShelfLife's AssertJ assertions: every {@code assertThat} of AssertJ,
 * plus {@link #assertThat(Verdict)}. Import it statically instead of {@link Assertions}.
 *
 * <pre>{@code
 * import static dev.shelflife.testkit.ShelfLifeAssertions.assertThat;
 *
 * Verdict verdict = PolicyEngine.of(policy).evaluate(record, Stage.DEPLOY, Instant.parse("2026-12-04T00:00:00Z"));
 * assertThat(verdict).fails().hasViolation("sla").forVulnerability("CVE-2024-1234");
 * assertThat(verdict).nextChangeAt(Instant.parse("2026-12-10T00:00:00Z"));
 * }</pre>
 *
 * @since 0.1
 */
public class ShelfLifeAssertions extends Assertions {

    /** For subclasses that add assertions of their own. */
    protected ShelfLifeAssertions() {}

    /**
     * Assertions on a verdict.
     *
     * @param actual the verdict
     * @return the assertions
     */
    public static VerdictAssert assertThat(Verdict actual) {
        return new VerdictAssert(actual);
    }
}
