package dev.shelflife.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version as PEP 440 defines it, ordered as {@code packaging.version} orders it:
 * {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}.
 *
 * <p>Every spelling PEP 440 normalises is accepted ({@code 1.0-RC.1}, {@code 1.0c1},
 * {@code 1.0-1} for a post-release, {@code v1.0}, surrounding whitespace) and held in normal
 * form, with trailing zeros of the release dropped, so that two versions are equal exactly when
 * PEP 440 finds them equal ({@code 1.0 == 1.0.0}, {@code 1.0alpha1 == 1.0a1}).
 *
 * <p>Written here because versatile 0.13.1 has no PyPI scheme and silently compares such versions
 * with its generic scheme, which puts {@code 1.0rc1} above {@code 1.0}.
 *
 * @param epoch the epoch, 0 when none
 * @param numbers the release numbers without trailing zeros ({@code 1.0.0} is {@code [1]})
 * @param pre the pre-release, if any
 * @param post the post-release number, if any
 * @param dev the development release number, if any
 * @param local the local label's segments, lower case, numbers without leading zeros; empty when none
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">Version specifiers</a>
 */
record Pep440Version(
        BigInteger epoch,
        List<BigInteger> numbers,
        Optional<Pre> pre,
        Optional<BigInteger> post,
        Optional<BigInteger> dev,
        List<String> local)
        implements SchemeVersion<Pep440Version> {

    /**
     * A pre-release: {@code a}, {@code b} or {@code rc} and its number.
     *
     * @param phase 0 for alpha, 1 for beta, 2 for release candidate
     * @param number the number, 0 when none was written
     */
    record Pre(int phase, BigInteger number) implements Comparable<Pre> {

        Pre {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public int compareTo(Pre other) {
            int order = Integer.compare(phase, other.phase);
            return order != 0 ? order : number.compareTo(other.number);
        }

        @Override
        public String toString() {
            return List.of("a", "b", "rc").get(phase) + number;
        }
    }

    /** PEP 440's grammar, with every spelling its normalisation accepts. */
    private static final Pattern GRAMMAR = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?:-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?"
                    + "(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    /** No post-release sorts before any post-release. */
    private static final Comparator<Optional<BigInteger>> ABSENT_FIRST = Comparator.comparing(
                    (Optional<BigInteger> o) -> o.isPresent())
            .thenComparing(o -> o.orElse(BigInteger.ZERO));

    /** No development release sorts after any development release. */
    private static final Comparator<Optional<BigInteger>> ABSENT_LAST =
            Comparator.comparing((Optional<BigInteger> o) -> o.isEmpty()).thenComparing(o -> o.orElse(BigInteger.ZERO));

    Pep440Version {
        Objects.requireNonNull(epoch, "epoch");
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(pre, "pre");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(dev, "dev");
        local = List.copyOf(local);
    }

    static Pep440Version parse(VersionScheme scheme, String text) {
        Matcher m = GRAMMAR.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(
                    scheme, text, "it does not fit PEP 440's [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]");
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String number : m.group("release").split("\\.")) {
            numbers.add(new BigInteger(number));
        }
        while (numbers.size() > 1 && numbers.get(numbers.size() - 1).signum() == 0) {
            numbers.remove(numbers.size() - 1);
        }
        Optional<Pre> pre = Optional.ofNullable(m.group("preL"))
                .map(label -> new Pre(phase(label.toLowerCase(Locale.ROOT)), number(m.group("preN"))));
        Optional<BigInteger> post = m.group("postN1") != null
                ? Optional.of(new BigInteger(m.group("postN1")))
                : Optional.ofNullable(m.group("postL")).map(label -> number(m.group("postN2")));
        Optional<BigInteger> dev = Optional.ofNullable(m.group("devL")).map(label -> number(m.group("devN")));
        List<String> local = new ArrayList<>();
        if (m.group("local") != null) {
            for (String segment : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
                local.add(isNumber(segment) ? new BigInteger(segment).toString() : segment);
            }
        }
        return new Pep440Version(
                m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch")),
                numbers,
                pre,
                post,
                dev,
                local);
    }

    /**
     * The order of {@code packaging.version}: epoch, release, then a development release of the
     * plain version before its pre-releases, pre-releases before the plain version, post-releases
     * after it, development releases before what they lead up to, and a local label after the same
     * version without one.
     */
    @Override
    public int compareTo(Pep440Version other) {
        int order = epoch.compareTo(other.epoch);
        if (order == 0) {
            order = compareLists(numbers, other.numbers, BigInteger::compareTo);
        }
        if (order == 0) {
            order = Integer.compare(preRank(), other.preRank());
        }
        if (order == 0 && pre.isPresent()) {
            order = pre.get().compareTo(other.pre.get());
        }
        if (order == 0) {
            order = ABSENT_FIRST.compare(post, other.post);
        }
        if (order == 0) {
            order = ABSENT_LAST.compare(dev, other.dev);
        }
        if (order == 0) {
            order = Boolean.compare(!local.isEmpty(), !other.local.isEmpty());
        }
        return order != 0 ? order : compareLists(local, other.local, Pep440Version::compareLocalSegments);
    }

    /**
     * The release numbers, qualified by the pre-release and development release; the post-release
     * and the local label are the revision.
     */
    @Override
    public Release release() {
        StringBuilder upstream = new StringBuilder();
        for (BigInteger number : numbers) {
            upstream.append(upstream.length() == 0 ? "" : ".").append(number);
        }
        String qualifier =
                pre.map(Pre::toString).orElse("") + dev.map(n -> ".dev" + n).orElse("");
        String revision = post.map(n -> "post" + n).orElse("") + (local.isEmpty() ? "" : "+" + String.join(".", local));
        return Release.coerce(epoch.toString(), upstream + qualifier, revision);
    }

    /** -1 for a development release of the plain version, 0 for a pre-release, 1 for neither. */
    private int preRank() {
        if (pre.isPresent()) {
            return 0;
        }
        return post.isEmpty() && dev.isPresent() ? -1 : 1;
    }

    private static int phase(String label) {
        return switch (label) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2; // c, rc, pre, preview
        };
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    /** A numeric local segment sorts after any alphanumeric one; numbers compare as numbers. */
    private static int compareLocalSegments(String a, String b) {
        boolean numberA = isNumber(a);
        boolean numberB = isNumber(b);
        if (numberA && numberB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numberA != numberB) {
            return numberA ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static <T> int compareLists(List<T> a, List<T> b, Comparator<T> order) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int result = order.compare(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean isNumber(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
