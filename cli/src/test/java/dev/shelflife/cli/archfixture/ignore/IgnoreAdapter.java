package dev.shelflife.cli.archfixture.ignore;

import dev.shelflife.cli.archfixture.trivy.TrivyAdapter;

/** Breaks "an adapter depends on no other adapter": an ignore file's reader borrowing the Trivy adapter. */
public class IgnoreAdapter {
    final TrivyAdapter trivy = null;
}
