package dev.shelflife.testkit;

import dev.shelflife.policy.Action;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.Violation;
import java.time.Instant;
import java.util.Map;

/**
 * The custom rule of {@code docs/policy-in-java.md}: an image on an operating system past its end
 * of life violates, from the end-of-life instant on.
 *
 * @param id the rule's id
 * @param endOfLife the end of life of each operating system, by the prefix of {@code Image.os()}
 */
record OsEndOfLife(String id, Map<String, Instant> endOfLife) implements Rule {

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        String os = context.record().image().os().orElse("");
        endOfLife.forEach((prefix, end) -> {
            if (!os.startsWith(prefix)) {
                return;
            }
            if (context.at().isBefore(end)) {
                // Not yet: tell the engine when this rule's result will change.
                result.changeAt(end, os + " reaches its end of life");
            } else {
                String message = os + " reached its end of life on " + end;
                result.violation(Violation.builder(id, message)
                        .clock("end-of-life", end)
                        .deadline(end)
                        .build());
                result.action(Action.rebuild(id + ": move to a supported release"));
            }
        });
        return result.build();
    }
}
