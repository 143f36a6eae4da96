package dev.shelflife.policy.internal;

import dev.shelflife.Component;
import dev.shelflife.InstalledPackage;
import dev.shelflife.PackageUrl;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A package as merge and baseline comparison tell packages apart: an ecosystem (a package URL
 * type) and a name, without version, qualifiers or subpath, so that two scanners' spellings of one
 * package compare equal.
 *
 * <p>From a package URL, the ecosystem is its type and the name its namespace and name; for the
 * distribution types (deb, rpm, apk, alpm) the namespace ({@code debian}, {@code redhat}) is left
 * out, since one image has one distribution and a scanner without package URLs cannot name it.
 * Without a package URL, the ecosystem is read from the scanner's package type (Trivy's
 * {@code debian}, {@code python-pkg}, {@code jar}; Grype's {@code deb}, {@code python},
 * {@code java-archive}) and a Maven {@code group:artifact} name becomes {@code group/artifact}.
 * Names are compared in lower case, and Python names with runs of {@code - _ .} as one {@code -}
 * (PEP 503), as the package URL specification asks.
 *
 * @param ecosystem the package URL type, or the scanner's package type when it maps to none, or
 *     empty when neither is known
 * @param name the normalised name
 *
 * @since 0.2
 */
public record PackageIdentity(String ecosystem, String name) {

    private static final Set<String> DISTRIBUTION_TYPES = Set.of("deb", "rpm", "apk", "alpm");
    private static final Pattern PYTHON_SEPARATORS = Pattern.compile("[-_.]+");

    /** Scanner package types, as Trivy and Grype write them, mapped to package URL types. */
    private static final Map<String, String> ECOSYSTEMS = Map.ofEntries(
            Map.entry("debian", "deb"),
            Map.entry("ubuntu", "deb"),
            Map.entry("alpine", "apk"),
            Map.entry("wolfi", "apk"),
            Map.entry("chainguard", "apk"),
            Map.entry("redhat", "rpm"),
            Map.entry("centos", "rpm"),
            Map.entry("rocky", "rpm"),
            Map.entry("alma", "rpm"),
            Map.entry("amazon", "rpm"),
            Map.entry("oracle", "rpm"),
            Map.entry("photon", "rpm"),
            Map.entry("fedora", "rpm"),
            Map.entry("suse", "rpm"),
            Map.entry("opensuse.leap", "rpm"),
            Map.entry("sles", "rpm"),
            Map.entry("cbl-mariner", "rpm"),
            Map.entry("azurelinux", "rpm"),
            Map.entry("archlinux", "alpm"),
            Map.entry("python", "pypi"),
            Map.entry("python-pkg", "pypi"),
            Map.entry("pip", "pypi"),
            Map.entry("pipenv", "pypi"),
            Map.entry("poetry", "pypi"),
            Map.entry("uv", "pypi"),
            Map.entry("node-pkg", "npm"),
            Map.entry("yarn", "npm"),
            Map.entry("pnpm", "npm"),
            Map.entry("bun", "npm"),
            Map.entry("jar", "maven"),
            Map.entry("pom", "maven"),
            Map.entry("gradle", "maven"),
            Map.entry("sbt", "maven"),
            Map.entry("java-archive", "maven"),
            Map.entry("jenkins-plugin", "maven"),
            Map.entry("gobinary", "golang"),
            Map.entry("gomod", "golang"),
            Map.entry("go-module", "golang"),
            Map.entry("rust-binary", "cargo"),
            Map.entry("rust-crate", "cargo"),
            Map.entry("gemspec", "gem"),
            Map.entry("bundler", "gem"),
            Map.entry("dotnet-core", "nuget"),
            Map.entry("dotnet", "nuget"),
            Map.entry("packages-props", "nuget"),
            Map.entry("php-composer", "composer"),
            Map.entry("composer-vendor", "composer"),
            Map.entry("conda-pkg", "conda"),
            Map.entry("conda-environment", "conda"));

    /**
     * The identity of a package a finding names.
     *
     * @param pkg the installed package
     * @return its identity
     */
    public static PackageIdentity of(InstalledPackage pkg) {
        return pkg.purl().flatMap(PackageIdentity::fromPurl).orElseGet(() -> fromName(pkg));
    }

    /**
     * The identity of a package an SBOM lists; only components with a package URL have one, since
     * a component's type ({@code library}) names no ecosystem.
     *
     * @param component the component
     * @return its identity, or empty without a package URL
     */
    public static Optional<PackageIdentity> of(Component component) {
        return component.purl().flatMap(PackageIdentity::fromPurl);
    }

    /**
     * The distribution a package belongs to, when it is a distribution package: the namespace of
     * a deb, rpm, apk or alpm package URL ({@code debian}, {@code redhat}), or else a package type
     * that names a distribution (Trivy's {@code debian}, {@code alpine}).
     *
     * @param pkg the installed package
     * @return the distribution's name in lower case, or empty for other packages
     */
    public static Optional<String> distribution(InstalledPackage pkg) {
        Optional<String> fromPurl = pkg.purl()
                .flatMap(PackageUrl::parse)
                .filter(purl -> DISTRIBUTION_TYPES.contains(purl.type()))
                .flatMap(PackageUrl::namespace)
                .map(namespace -> namespace.split("/", 2)[0]);
        return fromPurl.or(() -> pkg.type()
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> DISTRIBUTION_TYPES.contains(ECOSYSTEMS.get(t))));
    }

    /**
     * The identity a package URL gives, alone: a package's when its URL can be read.
     *
     * @param text the package URL
     * @return the identity, or empty when the text is not a package URL
     */
    public static Optional<PackageIdentity> fromPurl(String text) {
        return PackageUrl.parse(text).map(purl -> {
            String type = purl.type();
            if (DISTRIBUTION_TYPES.contains(type)) {
                return normalised(type, purl.name());
            }
            return normalised(type, purl.namespace().map(n -> n + "/").orElse("") + purl.name());
        });
    }

    /**
     * The identity a package's name and type give, as that of a package without a readable package URL.
     *
     * @param pkg the installed package
     * @return the identity
     */
    public static PackageIdentity fromName(InstalledPackage pkg) {
        String ecosystem = pkg.type().map(PackageIdentity::ecosystem).orElse("");
        String name = pkg.name();
        return normalised(ecosystem, ecosystem.equals("maven") ? name.replace(':', '/') : name);
    }

    private static String ecosystem(String type) {
        String key = type.trim().toLowerCase(Locale.ROOT);
        return ECOSYSTEMS.getOrDefault(key, key);
    }

    private static PackageIdentity normalised(String ecosystem, String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return new PackageIdentity(
                ecosystem,
                ecosystem.equals("pypi") ? PYTHON_SEPARATORS.matcher(lower).replaceAll("-") : lower);
    }

    @Override
    public String toString() {
        return ecosystem.isEmpty() ? name : ecosystem + "/" + name;
    }
}
