package dev.shelflife.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}) that
 * adapters need: to name a package a report gives only by its URL, to tell a package URL from
 * other text, and to read an image's digest and name from a {@code pkg:oci} URL. The original
 * string is what ShelfLife keeps; this is only a reading of it. Shared by the adapters that meet
 * package URLs (CycloneDX, SPDX).
 *
 * @param type the package type, lower case ({@code deb}, {@code maven}, {@code oci})
 * @param namespace the namespace, percent-decoded, if any
 * @param name the name, percent-decoded
 * @param version the version, percent-decoded ({@code sha256:…} for {@code pkg:oci}), if any
 * @param qualifiers the qualifiers, keys lower case, values percent-decoded
 * @since 0.2
 */
public record PackageUrl(
        String type,
        Optional<String> namespace,
        String name,
        Optional<String> version,
        Map<String, String> qualifiers) {

    /** Types whose namespace is part of the name people use: npm scopes, Go module paths, Composer vendors. */
    private static final Set<String> SLASHED_NAMES = Set.of("npm", "golang", "composer", "swift", "github");

    /** Copies the qualifiers. */
    public PackageUrl {
        qualifiers = Map.copyOf(qualifiers);
    }

    /**
     * Reads a package URL.
     *
     * @param text the text, possibly {@code null}
     * @return its parts, or empty if it is not a package URL
     */
    public static Optional<PackageUrl> parse(String text) {
        if (text == null || !text.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        try {
            String rest = text.substring(4).replaceFirst("^/+", "");
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                rest = rest.substring(0, hash);
            }
            Map<String, String> qualifiers = new HashMap<>();
            int question = rest.indexOf('?');
            if (question >= 0) {
                for (String pair : rest.substring(question + 1).split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        qualifiers.put(
                                pair.substring(0, equals).toLowerCase(Locale.ROOT), decode(pair.substring(equals + 1)));
                    }
                }
                rest = rest.substring(0, question);
            }
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
            String path = rest.substring(slash + 1).replaceFirst("/+$", "");
            String version = null;
            int at = path.lastIndexOf('@');
            if (at > path.lastIndexOf('/')) {
                version = decode(path.substring(at + 1));
                path = path.substring(0, at);
            }
            int lastSlash = path.lastIndexOf('/');
            String name = decode(path.substring(lastSlash + 1));
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> namespace =
                    lastSlash > 0 ? Optional.of(decode(path.substring(0, lastSlash))) : Optional.empty();
            return Optional.of(new PackageUrl(
                    type, namespace, name, Optional.ofNullable(version).filter(v -> !v.isEmpty()), qualifiers));
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
    }

    /**
     * The package name as the ecosystem writes it.
     *
     * @return {@code group:artifact} for Maven, {@code namespace/name} for npm, Go, Composer,
     *     Swift and GitHub, the bare name for the others (whose namespace is a vendor or distribution)
     */
    public String packageName() {
        return packageName(type, namespace.orElse(null), name);
    }

    /**
     * A package name from a type, a group or namespace and a name, by the rule of {@link #packageName()}.
     *
     * @param type the package type, or {@code null}
     * @param group the group or namespace, or {@code null}
     * @param name the name
     * @return the package name
     */
    public static String packageName(String type, String group, String name) {
        if (group == null || group.isEmpty()) {
            return name;
        }
        if ("maven".equals(type)) {
            return group + ":" + name;
        }
        return type != null && SLASHED_NAMES.contains(type) ? group + "/" + name : name;
    }

    /** Percent-decodes UTF-8; a {@code +} stays a {@code +}, as the purl spec wants. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated percent escape in " + text);
                }
                bytes.write(Integer.parseUnsignedInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
