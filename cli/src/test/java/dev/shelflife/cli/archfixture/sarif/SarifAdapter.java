package dev.shelflife.cli.archfixture.sarif;

import dev.shelflife.cli.archfixture.snyk.SnykAdapter;

/** Breaks "an adapter depends on no other adapter": it uses the Snyk adapter, which reads SARIF too. */
public class SarifAdapter {
    final SnykAdapter other = new SnykAdapter();
}
