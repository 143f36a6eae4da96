package dev.shelflife.cli.archfixture.openvex;

import dev.shelflife.cli.archfixture.cyclonedx.CycloneDxAdapter;

/** Breaks "an adapter depends on no other adapter": one VEX reader borrows another's. */
public class OpenVexAdapter {
    final CycloneDxAdapter other = new CycloneDxAdapter();
}
