package dev.shelflife.sarif;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code Key: value} lines that Trivy and Grype write into SARIF texts, as their source
 * code formats them: Trivy's result message ({@code "Package: libssl1.1\nInstalled Version:
 * 1.1.1c-r0\nVulnerability CVE-2019-1549\nSeverity: MEDIUM\nFixed Version: 1.1.1d-r0\nLink: …"})
 * and both tools' rule help ({@code "Vulnerability CVE-2005-2541\nSeverity: low\nPackage: tar\n…"}).
 */
final class Texts {

    /** The key of the {@code Vulnerability CVE-…} line, which has no colon. */
    static final String VULNERABILITY = "Vulnerability";

    /** The key of the last line of the fields; Trivy's rule help goes on with the description. */
    static final String LINK = "Link";

    private Texts() {}

    /**
     * The fields of a text, each key once (its first line); reading stops after the {@code Link}
     * line, since what follows is free text that may hold anything.
     *
     * @param text the text, or {@code null}
     * @param keys the keys to read
     * @return the values by key, stripped; a key written without a value maps to {@code ""}
     */
    static Map<String, String> fields(String text, Set<String> keys) {
        Map<String, String> fields = new HashMap<>();
        if (text == null) {
            return fields;
        }
        for (String line : text.split("\n", -1)) {
            String key;
            String value;
            if (line.startsWith(VULNERABILITY + " ") && line.indexOf(':') < 0) {
                key = VULNERABILITY;
                value = line.substring(VULNERABILITY.length() + 1);
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                key = line.substring(0, colon);
                value = line.substring(colon + 1);
            }
            if (keys.contains(key)) {
                fields.putIfAbsent(key, value.strip());
            }
            if (key.equals(LINK)) {
                break;
            }
        }
        return fields;
    }

    /**
     * The address of a Markdown link, {@code [CVE-2019-1549](https://avd.aquasec.com/nvd/cve-2019-1549)}.
     *
     * @param link the link, or {@code null}
     * @return the address, or {@code null} when the text is no link with an address
     */
    static String linkTarget(String link) {
        if (link == null) {
            return null;
        }
        int open = link.indexOf("](");
        if (link.startsWith("[") && open > 0 && link.endsWith(")")) {
            String target = link.substring(open + 2, link.length() - 1).strip();
            return target.isEmpty() ? null : target;
        }
        return null;
    }

    /**
     * Whether a text is absent or blank.
     *
     * @param text the text
     * @return {@code true} for {@code null} or blank
     */
    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The first of the values that is not blank.
     *
     * @param values the values, any of them {@code null}
     * @return the value, or {@code null} when all are blank
     */
    static String first(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }
}
