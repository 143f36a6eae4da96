package dev.shelflife.policy.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A provisional, scheme-agnostic version order for choosing a bump target: versions are split
 * into runs of digits and runs of other characters (separators {@code . - _ + ~ :} only split);
 * digit runs compare as numbers, other runs as text, a digit run sorts after a text run, and a
 * version that is a prefix of another sorts first. It gets {@code 1.10 > 1.9} and
 * {@code 1:1.0.2k-19.el7 > 1:1.0.2k-16.el7} right and pre-releases ({@code 1.0rc1}) wrong; the
 * per-ecosystem comparison replaces it.
 */
final class VersionOrder implements Comparator<String> {

    static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {}

    @Override
    public int compare(String left, String right) {
        List<String> a = tokens(left);
        List<String> b = tokens(right);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = compareTokens(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        int bySize = Integer.compare(a.size(), b.size());
        return bySize != 0 ? bySize : left.compareTo(right);
    }

    /**
     * The version to bump to: the smallest fixed version above the installed one.
     *
     * @param installed the installed version, if known
     * @param fixedVersions the fixed versions the scanner offered
     * @return the smallest offered version above {@code installed} (the smallest offered when the
     *     installed version is unknown), or empty when none is above it
     */
    Optional<String> smallestFix(Optional<String> installed, List<String> fixedVersions) {
        return fixedVersions.stream()
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .filter(v -> installed.map(i -> compare(v, i) > 0).orElse(true))
                .min(this);
    }

    private static int compareTokens(String a, String b) {
        boolean numericA = isDigit(a.charAt(0));
        boolean numericB = isDigit(b.charAt(0));
        if (numericA && numericB) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        if (numericA != numericB) {
            return numericA ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static List<String> tokens(String version) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            boolean separator = ".-_+~:".indexOf(c) >= 0;
            boolean startsNewRun = current.length() > 0 && isDigit(c) != isDigit(current.charAt(0));
            if (separator || startsNewRun) {
                flush(current, tokens);
            }
            if (!separator) {
                current.append(c);
            }
        }
        flush(current, tokens);
        return tokens;
    }

    private static void flush(StringBuilder current, List<String> tokens) {
        if (current.length() > 0) {
            tokens.add(current.toString());
            current.setLength(0);
        }
    }
}
