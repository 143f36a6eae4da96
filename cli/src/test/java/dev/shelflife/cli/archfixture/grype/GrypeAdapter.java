package dev.shelflife.cli.archfixture.grype;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "an adapter does not depend on the policy engine". */
public class GrypeAdapter {
    final PolicyEngine engine = new PolicyEngine();
}
