package dev.shelflife.policy.rule;

import java.util.Objects;
import java.util.regex.Pattern;

/** The shape of rule ids: what verdicts, SARIF rule ids and policy files can all carry. */
final class RuleIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private RuleIds() {}

    /**
     * Checks a rule id.
     *
     * @param id the id
     * @return the id
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code . _ : -}, starting with a letter or digit
     */
    static String require(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid rule id \"" + id
                    + "\": 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return id;
    }
}
