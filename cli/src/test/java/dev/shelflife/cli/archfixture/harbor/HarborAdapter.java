package dev.shelflife.cli.archfixture.harbor;

import dev.shelflife.cli.archfixture.trivy.TrivyAdapter;

/** Breaks "an adapter depends on no other adapter": it uses Trivy's. */
public class HarborAdapter {
    final TrivyAdapter trivy = new TrivyAdapter();
}
