package dev.shelflife;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}), read once: the one
 * reading of package URLs that adapters and the policy engine share.
 *
 * <p>The original string is kept ({@link #text()}) and is what equality compares; the parts are a
 * reading of it, percent-decoded. Reading is lenient where the
 * <a href="https://github.com/package-url/purl-spec">purl specification</a> lets a reader be
 * (the scheme and type in any case, extra slashes after {@code pkg:} and at the end) and strict
 * where a wrong reading would match the wrong package: a malformed percent escape or an empty
 * name makes the text not a package URL at all.
 *
 * @since 0.2
 */
public final class PackageUrl {

    /** Types whose namespace is part of the name people use: npm scopes, Go module paths, Composer vendors. */
    private static final Set<String> SLASHED_NAMES = Set.of("npm", "golang", "composer", "swift", "github");

    private final String text;
    private final String type;
    private final String namespace;
    private final String name;
    private final String version;
    private final Map<String, String> qualifiers;

    private PackageUrl(
            String text, String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        this.text = text;
        this.type = type;
        this.namespace = namespace;
        this.name = name;
        this.version = version;
        this.qualifiers = qualifiers;
    }

    /**
     * Reads a package URL.
     *
     * @param text the text, possibly {@code null}
     * @return the package URL, or empty if the text is not one
     */
    public static Optional<PackageUrl> parse(@Nullable String text) {
        if (text == null || text.length() < 4 || !text.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        try {
            int start = 4;
            while (start < text.length() && text.charAt(start) == '/') {
                start++;
            }
            int end = text.indexOf('#', start);
            end = end < 0 ? text.length() : end;
            int question = text.indexOf('?', start);
            Map<String, String> qualifiers = Map.of();
            if (question >= 0 && question < end) {
                qualifiers = qualifiers(text.substring(question + 1, end));
                end = question;
            }
            int slash = text.indexOf('/', start);
            if (slash <= start || slash >= end) {
                return Optional.empty();
            }
            String type = text.substring(start, slash).toLowerCase(Locale.ROOT);
            int pathEnd = end;
            while (pathEnd > slash + 1 && text.charAt(pathEnd - 1) == '/') {
                pathEnd--;
            }
            String path = text.substring(slash + 1, pathEnd);
            int lastSlash = path.lastIndexOf('/');
            int at = path.lastIndexOf('@');
            String version = null;
            if (at > lastSlash) {
                version = decode(path.substring(at + 1));
                path = path.substring(0, at);
            }
            String name = decode(path.substring(lastSlash + 1));
            if (name.isEmpty()) {
                return Optional.empty();
            }
            String namespace = lastSlash > 0 ? decode(path.substring(0, lastSlash)) : null;
            return Optional.of(new PackageUrl(
                    text, type, namespace, name, version == null || version.isEmpty() ? null : version, qualifiers));
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
    }

    /**
     * Whether a text is a package URL, as {@link #parse} reads it.
     *
     * @param text the text, possibly {@code null}
     * @return {@code true} if {@link #parse} reads it
     */
    public static boolean isPackageUrl(@Nullable String text) {
        return parse(text).isPresent();
    }

    /** @return the text read, unchanged */
    public String text() {
        return text;
    }

    /** @return the package type, lower case ({@code deb}, {@code maven}, {@code oci}) */
    public String type() {
        return type;
    }

    /** @return the namespace, percent-decoded, if any ({@code debian}, {@code @angular}, {@code org.apache}) */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** @return the name, percent-decoded */
    public String name() {
        return name;
    }

    /** @return the version, percent-decoded ({@code sha256:…} for {@code pkg:oci}), if any */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** @return the qualifiers, keys lower case, values percent-decoded, in the order written */
    public Map<String, String> qualifiers() {
        return qualifiers;
    }

    /**
     * The package this URL names, without version, qualifiers or subpath: what two URLs of one
     * package at two versions share.
     *
     * @return {@code pkg:type/namespace/name}, decoded, the type in lower case
     */
    public String coordinates() {
        return "pkg:" + type + "/" + (namespace == null ? "" : namespace + "/") + name;
    }

    /**
     * Whether this URL, used as a pattern, covers a package: the same {@linkplain #coordinates()
     * coordinates} and, when this URL has a version, the same version. Qualifiers are not compared.
     *
     * @param other the package URL of a package
     * @return {@code true} if it names the same package at this version, or at any version when this has none
     */
    public boolean covers(PackageUrl other) {
        return type.equals(other.type)
                && name.equals(other.name)
                && Objects.equals(namespace, other.namespace)
                && (version == null || version.equals(other.version));
    }

    /**
     * The package name as the ecosystem writes it.
     *
     * @return {@code group:artifact} for Maven, {@code namespace/name} for npm, Go, Composer,
     *     Swift and GitHub, the bare name for the others (whose namespace is a vendor or distribution)
     */
    public String packageName() {
        return packageName(type, namespace, name);
    }

    /**
     * A package name from a type, a group or namespace and a name, by the rule of {@link #packageName()}.
     *
     * @param type the package type, or {@code null}
     * @param group the group or namespace, or {@code null}
     * @param name the name
     * @return the package name
     */
    public static String packageName(@Nullable String type, @Nullable String group, String name) {
        if (group == null || group.isEmpty()) {
            return name;
        }
        if ("maven".equals(type)) {
            return group + ":" + name;
        }
        return type != null && SLASHED_NAMES.contains(type) ? group + "/" + name : name;
    }

    /** Equal when the texts are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageUrl other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text;
    }

    private static Map<String, String> qualifiers(String text) {
        Map<String, String> read = new LinkedHashMap<>();
        int from = 0;
        while (from <= text.length()) {
            int amp = text.indexOf('&', from);
            int to = amp < 0 ? text.length() : amp;
            int equals = text.indexOf('=', from);
            if (equals > from && equals < to) {
                read.putIfAbsent(
                        text.substring(from, equals).toLowerCase(Locale.ROOT), decode(text.substring(equals + 1, to)));
            }
            from = to + 1;
        }
        return Collections.unmodifiableMap(read);
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
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("malformed percent escape in " + text);
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
