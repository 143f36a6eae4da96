package dev.shelflife.policy.internal;

import dev.shelflife.InstalledPackage;
import dev.shelflife.policy.RuleContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link PackageIdentity package identities} of one evaluation, each worked out once: a package
 * has many findings, and merging, the scan history and the clocks all ask for its identity.
 *
 * <p>A package URL that can be read makes the identity by itself, so most packages are found by
 * the text of their package URL alone (one string hash, kept in the string, and one comparison);
 * the others by their name and type.
 *
 * <p>Only the engine's own code {@linkplain #of(InstalledPackage) adds} identities: while it
 * merges, on the evaluating thread, and while {@link RuleContext} indexes the scan history, under
 * the context's lock; {@link #find(InstalledPackage)} only reads, after the history is indexed.
 * Not thread-safe otherwise: one evaluation's, never shared.
 *
 * @since 0.2
 */
public final class PackageIdentities {

    /** What the identity of a package without a readable package URL is made of. */
    private record NameKey(String name, Optional<String> type) {}

    /** By package URL text; empty for a text that is not a package URL. */
    private final Map<String, Optional<PackageIdentity>> byPurl = new HashMap<>();

    private final Map<NameKey, PackageIdentity> byName = new HashMap<>();

    /**
     * A package's identity, worked out and kept if it is not known yet.
     *
     * @param pkg the package
     * @return its identity
     */
    public PackageIdentity of(InstalledPackage pkg) {
        if (pkg.purl().isPresent()) {
            Optional<PackageIdentity> fromPurl =
                    byPurl.computeIfAbsent(pkg.purl().get(), PackageIdentity::fromPurl);
            if (fromPurl.isPresent()) {
                return fromPurl.get();
            }
        }
        return byName.computeIfAbsent(new NameKey(pkg.name(), pkg.type()), key -> PackageIdentity.fromName(pkg));
    }

    /**
     * A package's identity, the known one if there is one, without keeping it.
     *
     * @param pkg the package
     * @return its identity
     */
    public PackageIdentity find(InstalledPackage pkg) {
        if (pkg.purl().isPresent()) {
            Optional<PackageIdentity> fromPurl = byPurl.get(pkg.purl().get());
            if (fromPurl == null) {
                return PackageIdentity.of(pkg);
            }
            if (fromPurl.isPresent()) {
                return fromPurl.get();
            }
        }
        PackageIdentity known = byName.get(new NameKey(pkg.name(), pkg.type()));
        return known != null ? known : PackageIdentity.fromName(pkg);
    }
}
