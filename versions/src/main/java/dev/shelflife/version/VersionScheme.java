package dev.shelflife.version;

import dev.shelflife.InstalledPackage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The version schemes ShelfLife can order, each a {@link Comparator} of version strings.
 *
 * <p>Each scheme reads versions by its own ecosystem's grammar and orders them as that
 * ecosystem's package manager does: {@code DEB.compare("1.0~rc1", "1.0") < 0},
 * {@code APK.compare("1.2.3_rc1-r0", "1.2.3-r0") < 0}, {@code PYPI.compare("1.0rc1", "1.0") < 0}.
 * A version the scheme cannot read is never compared as text: {@link #compare} throws
 * {@link InvalidVersionException}. A package whose ecosystem has no scheme here gets an empty
 * {@link #forPackage}, never a fallback order.
 *
 * <p>The schemes and the package types that map to them are listed in {@code docs/versions.md}.
 *
 * @since 0.1
 */
public enum VersionScheme implements Comparator<String> {

    /** Debian and Ubuntu packages, ordered as dpkg orders them: {@code [epoch:]upstream[-revision]}. */
    DEB("deb", new Parser<>(DebianVersion::parse), List.of("deb"), List.of("deb", "debian", "ubuntu")),

    /**
     * RPM packages (Red Hat, CentOS, Rocky, Alma, Amazon, Oracle, Fedora, SUSE, Azure Linux), ordered
     * as rpmvercmp orders them: {@code [epoch:]version[-release]}.
     */
    RPM(
            "rpm",
            new Parser<>(VersatileVersion::rpm),
            List.of("rpm"),
            List.of(
                    "rpm",
                    "redhat",
                    "rhel",
                    "centos",
                    "rocky",
                    "alma",
                    "almalinux",
                    "amazon",
                    "amzn",
                    "oracle",
                    "fedora",
                    "photon",
                    "suse",
                    "sles",
                    "opensuse",
                    "opensuse.leap",
                    "opensuse.tumbleweed",
                    "cbl-mariner",
                    "azurelinux")),

    /** Alpine, Wolfi and Chainguard packages, ordered as apk-tools orders them. */
    APK("apk", new Parser<>(ApkVersion::parse), List.of("apk"), List.of("apk", "alpine", "wolfi", "chainguard")),

    /** Maven artifacts, ordered as Maven's {@code ComparableVersion} orders them ({@code 1.0-alpha < 1.0 < 1.0-sp}). */
    MAVEN(
            "maven",
            new Parser<>(VersatileVersion::maven),
            List.of("maven"),
            List.of("maven", "jar", "pom", "gradle", "sbt", "java-archive")),

    /** npm packages: SemVer 2.0.0 precedence; a leading {@code v} is allowed, as node-semver allows it. */
    NPM(
            "npm",
            new Parser<>(SemanticVersion::parseNpm),
            List.of("npm"),
            List.of("npm", "yarn", "pnpm", "bun", "node-pkg")),

    /** Python packages, ordered as PEP 440 orders them ({@code 1.0.dev0 < 1.0a1 < 1.0 < 1.0.post1}). */
    PYPI(
            "pypi",
            new Parser<>(Pep440Version::parse),
            List.of("pypi"),
            List.of("pypi", "pip", "pipenv", "poetry", "uv", "python-pkg", "python")),

    /** Go modules and the Go standard library, ordered as golang.org/x/mod/semver orders them, pseudo-versions too. */
    GOLANG(
            "golang",
            new Parser<>(VersatileVersion::golang),
            List.of("golang"),
            List.of("golang", "gomod", "gobinary", "go-module")),

    /** Strict SemVer 2.0.0, no prefix: Rust crates, and any caller that names the scheme. */
    SEMVER(
            "semver",
            new Parser<>(SemanticVersion::parse),
            List.of("cargo"),
            List.of("semver", "cargo", "rust-crate", "rust-binary"));

    private final String id;
    private final Parser<?> parser;
    private final List<String> purlTypes;
    private final List<String> packageTypes;

    VersionScheme(String id, Parser<?> parser, List<String> purlTypes, List<String> packageTypes) {
        this.id = id;
        this.parser = parser;
        this.purlTypes = purlTypes;
        this.packageTypes = packageTypes;
    }

    /**
     * The scheme's name: {@code deb}, {@code rpm}, {@code apk}, {@code maven}, {@code npm},
     * {@code pypi}, {@code golang} or {@code semver}.
     *
     * @return the name
     */
    public String id() {
        return id;
    }

    /**
     * The package URL types whose versions follow this scheme ({@code cargo} for {@link #SEMVER}).
     *
     * @return the purl types, lower case
     */
    public List<String> purlTypes() {
        return purlTypes;
    }

    /**
     * The package types scanners write for this scheme's packages: Trivy's result types
     * ({@code debian}, {@code jar}, {@code gobinary}), Grype's artifact types ({@code java-archive},
     * {@code go-module}), Snyk's package managers and the purl types.
     *
     * @return the package types, lower case
     */
    public List<String> packageTypes() {
        return packageTypes;
    }

    /**
     * Orders two versions of this scheme.
     *
     * @param left a version
     * @param right another version
     * @return a negative number, zero or a positive number as {@code left} is lower than, equal to
     *     or higher than {@code right}
     * @throws InvalidVersionException if either is not a valid version of this scheme
     */
    @Override
    public int compare(String left, String right) {
        return Integer.signum(parser.compare(this, left, right));
    }

    /**
     * Whether a version is valid in this scheme.
     *
     * @param version the version
     * @return {@code true} if {@link #compare} can order it
     */
    public boolean isValid(String version) {
        try {
            parser.parse(this, version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    /**
     * Checks that a version is valid in this scheme.
     *
     * @param version the version
     * @return the version
     * @throws InvalidVersionException if it is not valid, with the reason
     */
    public String requireValid(String version) {
        parser.parse(this, version);
        return version;
    }

    /** The parts of a version that size a bump. */
    Release release(String version) {
        return parser.release(this, version);
    }

    /**
     * The scheme of a name, as {@link #id()} spells it.
     *
     * @param id the name, in any case
     * @return the scheme, or empty when none has that name
     */
    public static Optional<VersionScheme> find(String id) {
        Objects.requireNonNull(id, "id");
        return Arrays.stream(values()).filter(s -> s.id.equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The scheme of a name, as {@link #id()} spells it.
     *
     * @param id the name, in any case
     * @return the scheme
     * @throws UnknownSchemeException if no scheme has that name
     */
    public static VersionScheme require(String id) {
        return find(id).orElseThrow(() -> new UnknownSchemeException("no version scheme is named "
                + InvalidVersionException.quoted(id) + "; known: "
                + Arrays.stream(values()).map(VersionScheme::id).collect(Collectors.joining(", "))));
    }

    /**
     * The scheme of a package URL's type ({@code pkg:deb/debian/openssl@3.0.11-1} is {@link #DEB}).
     *
     * @param purl a package URL
     * @return the scheme, or empty when the text is not a package URL or its type has no scheme here
     *     ({@code gem}, {@code nuget}, {@code generic})
     */
    public static Optional<VersionScheme> forPurl(String purl) {
        return purlType(purl)
                .flatMap(type -> Arrays.stream(values())
                        .filter(s -> s.purlTypes.contains(type))
                        .findFirst());
    }

    /**
     * The scheme of a scanner's package type ({@code debian}, {@code jar}, {@code python-pkg}).
     *
     * @param type the package type, in any case
     * @return the scheme, or empty when the type has no scheme here
     */
    public static Optional<VersionScheme> forPackageType(String type) {
        String lower = Objects.requireNonNull(type, "type").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.packageTypes.contains(lower))
                .findFirst();
    }

    /**
     * The scheme of an installed package: its package URL's type when it has a readable one (even
     * one with no scheme here: {@code pkg:generic/…} says more than a package type), else its
     * package type.
     *
     * @param pkg the package
     * @return the scheme, or empty when neither names one
     */
    public static Optional<VersionScheme> forPackage(InstalledPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        if (pkg.purl().flatMap(VersionScheme::purlType).isPresent()) {
            return forPurl(pkg.purl().get());
        }
        return pkg.type().flatMap(VersionScheme::forPackageType);
    }

    /** The type of a package URL, {@code pkg:TYPE/…}, lower case; empty when the text is not one. */
    private static Optional<String> purlType(String purl) {
        Objects.requireNonNull(purl, "purl");
        if (purl.length() < 4 || !purl.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        int start = 4;
        while (start < purl.length() && purl.charAt(start) == '/') {
            start++;
        }
        int slash = purl.indexOf('/', start);
        if (slash <= start) {
            return Optional.empty();
        }
        String type = purl.substring(start, slash).toLowerCase(Locale.ROOT);
        return isPurlType(type) ? Optional.of(type) : Optional.empty();
    }

    /** {@code [a-z][a-z0-9.+-]*}, checked without a regular expression: every bump asks. */
    private static boolean isPurlType(String type) {
        if (type.charAt(0) < 'a' || type.charAt(0) > 'z') {
            return false;
        }
        return type.chars()
                .allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-');
    }
}
