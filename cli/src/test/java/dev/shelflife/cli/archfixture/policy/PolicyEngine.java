package dev.shelflife.cli.archfixture.policy;

import dev.shelflife.cli.archfixture.trivy.TrivyAdapter;

/** Breaks "the policy engine depends on no adapter": it uses the Trivy adapter. */
public class PolicyEngine {
    TrivyAdapter adapter() {
        return new TrivyAdapter();
    }
}
