package dev.shelflife.output;

import java.util.List;

/**
 * The documented keys of a verdict's JSON, in their order (docs/cli.md): this module's tests check
 * {@link VerdictJson}'s tree against them, and the command line's tests (through this module's test
 * jar) what the command prints.
 */
public final class VerdictJsonKeys {

    /** The top-level keys, in order. */
    public static final List<String> TOP_LEVEL = List.of(
            "outputVersion",
            "stage",
            "mode",
            "evaluatedAt",
            "outcome",
            "policy",
            "image",
            "violations",
            "waivers",
            "actions",
            "nextChange",
            "validUntil",
            "ignoredEvidence",
            "reports");

    private VerdictJsonKeys() {}
}
