package dev.shelflife.history.jdbc;

import dev.shelflife.InstalledPackage;
import java.util.Locale;
import java.util.Optional;

/**
 * The key a lineage's clock facts are kept under for a package: its package URL without version,
 * qualifiers or subpath when it has one, else its name and its type. It tells packages apart at least as finely as
 * the policy engine does (the engine compares a package URL's type, namespace and name, or else a
 * name and ecosystem), never more coarsely: two packages the engine tells apart never share a key,
 * while one package the engine sees may have several (two scanners' spellings), and the engine
 * then takes the earliest of their facts. The parts are length-prefixed, so no name can make two
 * keys collide.
 */
final class PackageKey {

    private PackageKey() {}

    static String of(InstalledPackage pkg) {
        // A package URL without its version names the package by itself, as finely as the engine:
        // two scanners that spell the type differently (Trivy's "debian", Grype's "deb") then agree.
        Optional<String> purl = pkg.purl().map(PackageKey::withoutVersion).filter(p -> p.startsWith("pkg:"));
        if (purl.isPresent()) {
            return "purl " + purl.get();
        }
        String name = pkg.name();
        String type = pkg.type().orElse("");
        return name.length() + ":" + name + " " + type.length() + ":" + type + " ";
    }

    /** {@code pkg:deb/debian/openssl@3.0.1?arch=amd64#x} → {@code pkg:deb/debian/openssl}. */
    static String withoutVersion(String purl) {
        String base = purl;
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        int query = base.indexOf('?');
        if (query >= 0) {
            base = base.substring(0, query);
        }
        // The version follows the last '@' after the last '/': an npm scope may be written "@scope" unencoded.
        int slash = base.lastIndexOf('/');
        int at = base.indexOf('@', slash + 1);
        if (at >= 0) {
            base = base.substring(0, at);
        }
        return base;
    }

    /** The key a vulnerability id is kept under: the policy engine compares ids ignoring case. */
    static String vulnerability(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
