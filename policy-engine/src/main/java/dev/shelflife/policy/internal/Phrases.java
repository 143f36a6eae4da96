package dev.shelflife.policy.internal;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import java.util.Locale;

/**
 * The wording the built-in rules share, so that messages read alike.
 *
 * @since 0.2
 */
public final class Phrases {

    private Phrases() {}

    /**
     * A finding as messages name it.
     *
     * @param finding the finding
     * @return {@code CVE-2024-1234 HIGH in openssl 3.0.11}
     */
    public static String finding(Finding finding) {
        return finding.vulnerability().id() + " " + finding.severity() + " in "
                + finding.pkg().name()
                + finding.pkg().version().map(v -> " " + v).orElse("");
    }

    /**
     * A finding's fix, as messages name it.
     *
     * @param finding the finding
     * @return {@code fixed in 3.0.13}, {@code a fix is available} or {@code not fixed (WONT_FIX)}
     */
    public static String fix(Finding finding) {
        if (!finding.fix().isAvailable()) {
            return "no fix available (" + finding.fix().state() + ")";
        }
        return finding.fix().versions().isEmpty()
                ? "a fix is available"
                : "fixed in " + String.join(", ", finding.fix().versions());
    }

    /**
     * The reason an action carries when a rule asks for it.
     *
     * @param ruleId the rule
     * @param finding the finding
     * @return {@code sla: CVE-2024-1234 HIGH in openssl 3.0.11}
     */
    public static String reason(String ruleId, Finding finding) {
        return ruleId + ": " + finding(finding);
    }

    /**
     * One fix state as policy files write it.
     *
     * @param state the state
     * @return for example {@code not-fixed}
     */
    public static String fixState(FixState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
