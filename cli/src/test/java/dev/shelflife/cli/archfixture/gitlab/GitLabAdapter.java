package dev.shelflife.cli.archfixture.gitlab;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "an adapter depends on no other adapter, nor on the policy engine": it uses the engine. */
public class GitLabAdapter {
    final PolicyEngine engine = new PolicyEngine();
}
