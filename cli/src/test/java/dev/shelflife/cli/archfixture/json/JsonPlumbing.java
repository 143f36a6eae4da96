package dev.shelflife.cli.archfixture.json;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "the JSON plumbing depends on the api and Jackson only": it uses the policy engine. */
public class JsonPlumbing {
    final PolicyEngine engine = new PolicyEngine();
}
