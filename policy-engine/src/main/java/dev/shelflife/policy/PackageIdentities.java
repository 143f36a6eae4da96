package dev.shelflife.policy;

import dev.shelflife.InstalledPackage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link PackageIdentity package identities} of one evaluation, each worked out once: a package
 * has many findings, and merging, the scan history and the clocks all ask for its identity.
 *
 * <p>Only the engine's own code {@linkplain #of(InstalledPackage) adds} identities: while it
 * merges, on the evaluating thread, and while {@link RuleContext} indexes the scan history, under
 * the context's lock; {@link #find(InstalledPackage)} only reads, after the history is indexed.
 * Not thread-safe otherwise: one evaluation's, never shared.
 */
final class PackageIdentities {

    /** What an identity is made of. */
    private record Key(Optional<String> purl, String name, Optional<String> type) {
    }

    private final Map<Key, PackageIdentity> known = new HashMap<>();

    /**
     * A package's identity, worked out and kept if it is not known yet.
     *
     * @param pkg the package
     * @return its identity
     */
    PackageIdentity of(InstalledPackage pkg) {
        return known.computeIfAbsent(key(pkg), key -> PackageIdentity.of(pkg));
    }

    /**
     * A package's identity, the known one if there is one, without keeping it.
     *
     * @param pkg the package
     * @return its identity
     */
    PackageIdentity find(InstalledPackage pkg) {
        PackageIdentity identity = known.get(key(pkg));
        return identity != null ? identity : PackageIdentity.of(pkg);
    }

    private static Key key(InstalledPackage pkg) {
        return new Key(pkg.purl(), pkg.name(), pkg.type());
    }
}
