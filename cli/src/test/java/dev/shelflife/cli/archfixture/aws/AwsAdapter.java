package dev.shelflife.cli.archfixture.aws;

import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** Breaks "an adapter does not depend on the policy engine". */
public class AwsAdapter {
    final PolicyEngine engine = new PolicyEngine();
}
