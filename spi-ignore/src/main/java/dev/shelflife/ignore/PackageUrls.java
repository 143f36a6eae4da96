package dev.shelflife.ignore;

import java.util.regex.Pattern;

/** The shape of a package URL, as far as reading a rule needs: {@code pkg:TYPE/NAME}, with more after. */
final class PackageUrls {

    private static final Pattern PURL =
            Pattern.compile("(?i)pkg:/*[a-z.+-][a-z0-9.+-]*/[^?#@/][^?#]*(?:\\?[^#]*)?(?:#.*)?");

    private PackageUrls() {}

    static boolean isPackageUrl(String text) {
        return PURL.matcher(text).matches();
    }
}
