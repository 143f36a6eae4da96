package dev.shelflife.cli.archfixture.cyclonedx;

import dev.shelflife.cli.archfixture.trivy.TrivyAdapter;

/** Breaks "an adapter depends on no other adapter": it uses the Trivy adapter. */
public class CycloneDxAdapter {
    final TrivyAdapter other = new TrivyAdapter();
}
