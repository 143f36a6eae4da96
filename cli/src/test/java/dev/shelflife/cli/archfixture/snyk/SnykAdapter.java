package dev.shelflife.cli.archfixture.snyk;

import dev.shelflife.cli.archfixture.cli.Cli;

/** Breaks "nothing but the cli depends on the cli" and "an adapter depends on no other module's package". */
public class SnykAdapter {
    final Cli cli = new Cli();
}
