package dev.shelflife.cli.archfixture.trivy;

import dev.shelflife.cli.archfixture.grype.GrypeAdapter;

/** Breaks "an adapter depends on no other adapter": it uses the Grype adapter. */
public class TrivyAdapter {
    final GrypeAdapter other = new GrypeAdapter();
}
