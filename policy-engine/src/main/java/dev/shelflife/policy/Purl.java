package dev.shelflife.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A package URL reduced to what policy matching compares: the type (lower case) and the
 * percent-decoded namespace and name, and the decoded version. Qualifiers and subpath are
 * dropped, so {@code pkg:deb/debian/openssl@3.0.11?arch=amd64} matches
 * {@code pkg:deb/debian/openssl@3.0.11}.
 *
 * @param path {@code pkg:TYPE/NAMESPACE/NAME}, decoded, without version
 * @param version the decoded version, if the purl has one
 */
record Purl(String path, Optional<String> version) {

    /**
     * Parses a package URL leniently: anything that starts with {@code pkg:} and has a type and a
     * name.
     *
     * @param text the purl as written
     * @return the reduced purl, or empty when the text is not a purl
     */
    static Optional<Purl> parse(String text) {
        if (text.length() < 4 || !text.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        String rest = text.substring(4);
        rest = cut(rest, '#');
        rest = cut(rest, '?');
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int typeEnd = rest.indexOf('/');
        if (typeEnd <= 0 || typeEnd == rest.length() - 1) {
            return Optional.empty();
        }
        String type = rest.substring(0, typeEnd).toLowerCase(Locale.ROOT);
        String body = rest.substring(typeEnd + 1);
        int lastSlash = body.lastIndexOf('/');
        int at = body.indexOf('@', lastSlash + 1);
        Optional<String> version = Optional.empty();
        if (at >= 0) {
            version = Optional.of(decode(body.substring(at + 1))).filter(v -> !v.isEmpty());
            body = body.substring(0, at);
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Purl("pkg:" + type + "/" + decode(body), version));
    }

    /**
     * Whether this purl names the same package as {@code other} and, if this one has a version,
     * the same version.
     *
     * @param other the purl of an installed package
     * @return {@code true} if it matches
     */
    boolean covers(Purl other) {
        return path.equals(other.path) && (version.isEmpty() || version.equals(other.version));
    }

    /**
     * The reduced purl as one string, for prefix matching.
     *
     * @return {@code pkg:TYPE/NAMESPACE/NAME@VERSION} or without {@code @VERSION}
     */
    String text() {
        return version.map(v -> path + "@" + v).orElse(path);
    }

    private static String cut(String text, char separator) {
        int index = text.indexOf(separator);
        return index < 0 ? text : text.substring(0, index);
    }

    /** Percent-decodes a part of a package URL as UTF-8, leaving a {@code %} that starts no escape as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && high >= 0 && low >= 0) {
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
