package dev.shelflife.cli.archfixture.csaf;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "an adapter does not depend on the policy engine": it applies its statements itself. */
public class CsafAdapter {
    final PolicyEngine engine = new PolicyEngine();
}
