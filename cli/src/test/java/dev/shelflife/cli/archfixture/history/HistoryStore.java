package dev.shelflife.cli.archfixture.history;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "the history depends on the api, the drivers and Flyway only": it uses the policy engine. */
public class HistoryStore {
    PolicyEngine engine() {
        return new PolicyEngine();
    }
}
