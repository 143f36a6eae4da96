package dev.shelflife.snyk;

import dev.shelflife.InstalledPackage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Snyk's {@code packageManager} says about a package, and the package URL built from it.
 * Snyk writes no purl: {@code debian:11}, {@code alpine:3.12}, {@code sles:15.3} name a
 * distribution and its release, {@code npm}, {@code maven}, {@code pip} … an ecosystem. The
 * table of what becomes which purl is in {@code docs/adapters/snyk.md}.
 *
 * @param type the package type: the purl type when known ({@code deb}, {@code pypi}), else the package manager as written
 * @param os whether the packages are OS packages, whose {@code name} is {@code source/binary}
 * @param distro the distribution's name ({@code debian}), for OS packages whose package manager names one
 * @param release the distribution's release ({@code 11}), when it names one
 * @param purlType the purl type, when a purl can be built
 */
record SnykEcosystem(
        String type, boolean os, Optional<String> distro, Optional<String> release, Optional<String> purlType) {

    private static final Map<String, String> DISTRO_TYPES = Map.ofEntries(
            Map.entry("debian", "deb"),
            Map.entry("ubuntu", "deb"),
            Map.entry("alpine", "apk"),
            Map.entry("wolfi", "apk"),
            Map.entry("chainguard", "apk"),
            Map.entry("rhel", "rpm"),
            Map.entry("centos", "rpm"),
            Map.entry("amzn", "rpm"),
            Map.entry("sles", "rpm"),
            Map.entry("oracle", "rpm"),
            Map.entry("rocky", "rpm"),
            Map.entry("almalinux", "rpm"),
            Map.entry("fedora", "rpm"));

    private static final Set<String> OS_TYPES = Set.of("deb", "apk", "rpm");

    private static final Map<String, String> LANGUAGE_TYPES = Map.ofEntries(
            Map.entry("npm", "npm"),
            Map.entry("yarn", "npm"),
            Map.entry("pnpm", "npm"),
            Map.entry("maven", "maven"),
            Map.entry("gradle", "maven"),
            Map.entry("sbt", "maven"),
            Map.entry("pip", "pypi"),
            Map.entry("pipenv", "pypi"),
            Map.entry("poetry", "pypi"),
            Map.entry("gomodules", "golang"),
            Map.entry("golangdep", "golang"),
            Map.entry("govendor", "golang"),
            Map.entry("nuget", "nuget"),
            Map.entry("paket", "nuget"),
            Map.entry("rubygems", "gem"),
            Map.entry("composer", "composer"),
            Map.entry("cocoapods", "cocoapods"),
            Map.entry("hex", "hex"),
            Map.entry("cargo", "cargo"));

    /**
     * Reads a package manager, falling back to the project's.
     *
     * @param packageManager the entry's package manager ({@code debian:11}), or {@code null}
     * @param projectPackageManager the project's ({@code deb}), or {@code null}
     * @return the ecosystem; of type {@code ""} when neither is given
     */
    static SnykEcosystem of(String packageManager, String projectPackageManager) {
        String written = isBlank(packageManager) ? projectPackageManager : packageManager;
        if (isBlank(written)) {
            return new SnykEcosystem("", false, Optional.empty(), Optional.empty(), Optional.empty());
        }
        String manager = written.trim();
        int colon = manager.indexOf(':');
        if (colon > 0) {
            String distro = manager.substring(0, colon).toLowerCase(Locale.ROOT);
            String release = manager.substring(colon + 1);
            String fallback = projectPackageManager == null
                    ? ""
                    : projectPackageManager.trim().toLowerCase(Locale.ROOT);
            String type = DISTRO_TYPES.getOrDefault(distro, OS_TYPES.contains(fallback) ? fallback : null);
            return new SnykEcosystem(
                    type != null ? type : manager,
                    true,
                    Optional.of(distro),
                    Optional.of(release).filter(r -> !r.isBlank()),
                    Optional.ofNullable(type));
        }
        String lower = manager.toLowerCase(Locale.ROOT);
        if (OS_TYPES.contains(lower)) {
            // "deb" alone does not say whether it is Debian or Ubuntu: no purl namespace, so no purl.
            return new SnykEcosystem(lower, true, Optional.empty(), Optional.empty(), Optional.empty());
        }
        String purlType = LANGUAGE_TYPES.get(lower);
        return new SnykEcosystem(
                purlType != null ? purlType : manager,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(purlType));
    }

    /**
     * The installed package: for OS packages, {@code name} {@code gcc-10/libgcc-s1} is the binary
     * {@code libgcc-s1} of the source {@code gcc-10}, and {@code packageName} names the source.
     *
     * @param name Snyk's {@code name}
     * @param packageName Snyk's {@code packageName}, or {@code null}
     * @param version the installed version, or {@code null}
     * @return the package, with a purl when one can be built
     */
    InstalledPackage pkg(String name, String packageName, String version) {
        String binary = name;
        String source = null;
        if (os) {
            int slash = name.indexOf('/');
            if (slash > 0 && slash < name.length() - 1) {
                source = name.substring(0, slash);
                binary = name.substring(slash + 1);
            } else {
                source = isBlank(packageName) ? null : packageName;
            }
        }
        return InstalledPackage.builder(binary)
                .version(version)
                .type(type.isEmpty() ? null : type)
                .sourcePackage(source)
                .purl(purl(binary, version, source).orElse(null))
                .build();
    }

    /**
     * The package URL of a package in this ecosystem.
     *
     * @param name the (binary) package name
     * @param version the version, or {@code null}
     * @param source the source package, or {@code null}; an {@code upstream} qualifier when it differs from the name
     * @return the purl, or empty when this ecosystem has none or the name does not fit its shape
     */
    Optional<String> purl(String name, String version, String source) {
        if (purlType.isEmpty() || isBlank(name)) {
            return Optional.empty();
        }
        String purl = purlType.get();
        StringBuilder text = new StringBuilder("pkg:").append(purl).append('/');
        if (os) {
            if (distro.isEmpty()) {
                return Optional.empty();
            }
            text.append(encode(distro.get())).append('/').append(encode(name));
        } else {
            Optional<String> path = languagePath(purl, name);
            if (path.isEmpty()) {
                return Optional.empty();
            }
            text.append(path.get());
        }
        if (!isBlank(version)) {
            text.append('@').append(encode(version));
        }
        if (os) {
            // Qualifier keys in lexical order, as the purl specification asks.
            StringBuilder qualifiers = new StringBuilder();
            release.ifPresent(r -> qualifiers.append("distro=").append(encode(distro.get() + "-" + r)));
            if (source != null && !source.equals(name)) {
                qualifiers
                        .append(qualifiers.length() > 0 ? "&" : "")
                        .append("upstream=")
                        .append(encode(source));
            }
            if (qualifiers.length() > 0) {
                text.append('?').append(qualifiers);
            }
        }
        return Optional.of(text.toString());
    }

    private static Optional<String> languagePath(String purlType, String name) {
        switch (purlType) {
            case "npm": {
                int slash = name.indexOf('/');
                return Optional.of(
                        name.startsWith("@") && slash > 1
                                ? encode(name.substring(0, slash)) + "/" + encode(name.substring(slash + 1))
                                : encode(name));
            }
            case "maven": {
                String[] parts = name.split(":", -1);
                return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                        ? Optional.of(encode(parts[0]) + "/" + encode(parts[1]))
                        : Optional.empty();
            }
            case "pypi":
                return Optional.of(encode(name.toLowerCase(Locale.ROOT).replace('_', '-')));
            case "golang":
                return segments(name);
            case "composer":
                return segments(name.toLowerCase(Locale.ROOT));
            default:
                return Optional.of(encode(name));
        }
    }

    /** A name whose slashes separate namespace segments ({@code github.com/org/mod}). */
    private static Optional<String> segments(String name) {
        StringBuilder path = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            path.append(path.length() > 0 ? "/" : "").append(encode(segment));
        }
        return Optional.of(path.toString());
    }

    /**
     * Percent-encodes every byte outside the unreserved characters {@code A-Z a-z 0-9 . - _ ~} and
     * the colon, which the purl specification says shall never be encoded ({@code 1:1.1.1k} stays).
     */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_'
                    || c == '~'
                    || c == ':') {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
