package dev.shelflife.cli.archfixture.cli;

import dev.shelflife.cli.archfixture.cyclonedx.CycloneDxAdapter;
import dev.shelflife.cli.archfixture.json.JsonPlumbing;
import dev.shelflife.cli.archfixture.policy.PolicyEngine;

/** The one class allowed to depend on everything. */
public class Cli {
    Object[] everything() {
        return new Object[] {new CycloneDxAdapter(), new JsonPlumbing(), new PolicyEngine()};
    }
}
