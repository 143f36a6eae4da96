package dev.shelflife.policy.internal;

import dev.shelflife.Finding;
import dev.shelflife.policy.RuleContext;
import java.util.function.Supplier;

/**
 * What a built-in rule worked out about one finding, remembered with the record's work (see
 * {@link RuleContext}): a violation's text depends on the rule and on the record alone (the
 * finding, its clocks), not on the stage or the instant, and an evaluation of the same record
 * asks for it again. {@link RuleContext} installs the one implementation when it is initialised,
 * which it is before any rule holds a context; nothing else may.
 *
 * @since 0.2
 */
public abstract class Judgements {

    private static volatile Judgements installed;

    /** For {@link RuleContext}'s implementation only. */
    protected Judgements() {}

    /**
     * Installs the implementation, once.
     *
     * @param judgements the context's implementation
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(Judgements judgements) {
        if (installed != null) {
            throw new IllegalStateException("the judgements are installed already");
        }
        installed = judgements;
    }

    /**
     * What a rule worked out about a finding of the context's record, remembered or made now.
     *
     * @param <T> what is remembered
     * @param context the context the rule judges
     * @param rule the rule, by identity
     * @param finding the finding, by identity
     * @param kind which of the rule's judgements of the finding ({@code 0}, {@code 1} …)
     * @param make makes it; it must depend only on the rule, the finding and the record
     * @return what {@code make} returned, now or for an earlier evaluation of the record
     */
    public static <T> T remember(RuleContext context, Object rule, Finding finding, int kind, Supplier<T> make) {
        return installed.find(context, rule, finding, kind, make);
    }

    /**
     * What a rule worked out about a finding, remembered or made now.
     *
     * @param <T> what is remembered
     * @param context the context the rule judges
     * @param rule the rule, by identity
     * @param finding the finding, by identity
     * @param kind which of the rule's judgements of the finding
     * @param make makes it
     * @return what {@code make} returned, now or earlier
     */
    protected abstract <T> T find(RuleContext context, Object rule, Finding finding, int kind, Supplier<T> make);
}
