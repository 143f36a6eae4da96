package dev.shelflife.cli.archfixture.spdx;

import dev.shelflife.cli.archfixture.cyclonedx.CycloneDxAdapter;

/** Breaks "an adapter depends on no other adapter": it uses the CycloneDX adapter. */
public class SpdxAdapter {
    final CycloneDxAdapter other = new CycloneDxAdapter();
}
