package dev.shelflife.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One constraint of a fix's version list: a plain version ({@code 2.0.1}), or a version with a
 * comparison operator, as in the fixed ranges some advisories give ({@code >= 1.2.5, < 2.0.0}).
 *
 * @param operator the operator as written ({@code >=}, {@code <}, …), {@code ""} for a plain version
 * @param version the version
 */
record FixConstraint(String operator, String version) {

    /** An operator, then optional blanks, then the version up to the next blank, comma or bar. */
    private static final Pattern CONSTRAINT = Pattern.compile("(>=|<=|==|!=|[<>=])?\\s*([^\\s,|<>=]+)");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,|]*");

    FixConstraint {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Whether the constraint names a version that fixes: a plain version, {@code =}, {@code ==} or
     * an inclusive lower bound {@code >=}. An upper bound ({@code <}, {@code <=}) or an exclusion
     * ({@code !=}) only closes a fixed range whose lower bound is named elsewhere, and an exclusive
     * lower bound ({@code >}) names no installable version.
     *
     * @return whether {@link #version()} is a version to bump to
     */
    boolean namesFix() {
        return operator.isEmpty() || operator.equals("=") || operator.equals("==") || operator.equals(">=");
    }

    /**
     * Reads every constraint of a fix's version entries; each entry may hold several, separated by
     * commas, bars or blanks.
     *
     * @param scheme the scheme, for errors
     * @param entries the fix's versions as the scanner wrote them
     * @return the constraints in order
     * @throws InvalidVersionException if an entry holds an operator with no version
     */
    static List<FixConstraint> parseAll(VersionScheme scheme, List<String> entries) {
        List<FixConstraint> constraints = new ArrayList<>();
        for (String entry : entries) {
            Matcher constraint = CONSTRAINT.matcher(entry);
            Matcher separators = SEPARATORS.matcher(entry);
            int at = 0;
            while (separators.region(at, entry.length()).lookingAt() && separators.end() < entry.length()) {
                at = separators.end();
                if (!constraint.region(at, entry.length()).lookingAt()) {
                    throw new InvalidVersionException(
                            scheme,
                            entry,
                            "the fixed-version constraint at position " + (at + 1) + " names no version");
                }
                constraints.add(
                        new FixConstraint(constraint.group(1) == null ? "" : constraint.group(1), constraint.group(2)));
                at = constraint.end();
            }
        }
        return constraints;
    }
}
