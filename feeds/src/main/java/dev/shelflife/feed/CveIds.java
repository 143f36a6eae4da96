package dev.shelflife.feed;

import java.util.Locale;
import java.util.regex.Pattern;

/** CVE identifiers as the feeds key them: {@code CVE-YYYY-NNNN…}, upper case. */
final class CveIds {

    /** The form CISA's schema gives: four digits of year, four to nineteen of number. */
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}", Pattern.CASE_INSENSITIVE);

    private CveIds() {}

    /**
     * Whether an id is a CVE id, in any case.
     *
     * @param id an identifier
     * @return {@code true} for {@code CVE-2021-44228} or {@code cve-2021-44228}
     */
    static boolean isCveId(String id) {
        return CVE.matcher(id).matches();
    }

    /**
     * The key of an id: upper case.
     *
     * @param id an identifier
     * @return the id in upper case
     */
    static String normalize(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
