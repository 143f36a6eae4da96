package dev.shelflife.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The comparator laws, checked with QuickTheories on generated versions of every scheme: a
 * comparison is reflexive, antisymmetric and transitive, and versions it finds equal can stand in
 * for each other. The generators draw from small alphabets of each ecosystem's tricky parts
 * ({@code ~}, {@code ^}, {@code +dfsg}, {@code _rc}, {@code -rN}, {@code .post}, pseudo-versions),
 * so that equal spellings ({@code 1.0} and {@code 1.00}) meet often.
 */
class ComparatorLawsTest {

    private static final long SEED = 0x5E1F_11FEL;
    private static final int EXAMPLES = 3000;

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void comparesAVersionEqualToItself(VersionScheme scheme) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(versions(scheme))
                .checkAssert(v -> assertThat(scheme.compare(v, v)).as(v).isZero());
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void reversesTheOrderWhenTheVersionsSwap(VersionScheme scheme) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(versions(scheme), versions(scheme))
                .checkAssert((a, b) ->
                        assertThat(scheme.compare(b, a)).as("%s vs %s", a, b).isEqualTo(-scheme.compare(a, b)));
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void ordersTransitively(VersionScheme scheme) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(pairs(scheme), versions(scheme))
                .checkAssert((pair, c) -> {
                    String a = pair.get(0);
                    String b = pair.get(1);
                    for (List<String> t : List.of(
                            List.of(a, b, c),
                            List.of(a, c, b),
                            List.of(b, a, c),
                            List.of(b, c, a),
                            List.of(c, a, b),
                            List.of(c, b, a))) {
                        if (scheme.compare(t.get(0), t.get(1)) <= 0 && scheme.compare(t.get(1), t.get(2)) <= 0) {
                            assertThat(scheme.compare(t.get(0), t.get(2)))
                                    .as("%s <= %s <= %s", t.get(0), t.get(1), t.get(2))
                                    .isNotPositive();
                        }
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void letsEqualVersionsStandInForEachOther(VersionScheme scheme) {
        AtomicInteger equalPairs = new AtomicInteger();
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(pairs(scheme), versions(scheme))
                .checkAssert((pair, c) -> {
                    String a = pair.get(0);
                    String b = pair.get(1);
                    if (scheme.compare(a, b) == 0) {
                        equalPairs.incrementAndGet();
                        assertThat(scheme.compare(a, c))
                                .as("%s = %s, against %s", a, b, c)
                                .isEqualTo(scheme.compare(b, c));
                    }
                });
        assertThat(equalPairs).as("equal pairs met").hasValueGreaterThan(EXAMPLES / 4);
    }

    /** The schemes written here hold versions in normal form: equal parsed versions, and only they, compare equal. */
    @ParameterizedTest
    @MethodSource("normalForms")
    void findsVersionsEqualExactlyWhenTheirNormalFormsAre(
            VersionScheme scheme, BiFunction<VersionScheme, String, ?> parse) {
        AtomicInteger equalPairs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(pairs(scheme)).checkAssert(pair -> {
            String a = pair.get(0);
            String b = pair.get(1);
            boolean equal = scheme.compare(a, b) == 0;
            equalPairs.addAndGet(equal ? 1 : 0);
            assertThat(parse.apply(scheme, a).equals(parse.apply(scheme, b)))
                    .as("%s vs %s", a, b)
                    .isEqualTo(equal);
        });
        assertThat(equalPairs).as("equal pairs met").hasValueGreaterThan(EXAMPLES / 4);
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void comparesARespellingEqual(VersionScheme scheme) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(versions(scheme), respellings(scheme))
                .checkAssert((v, respell) -> assertThat(scheme.compare(v, respell.apply(v)))
                        .as("%s vs %s", v, respell.apply(v))
                        .isZero());
    }

    static Stream<Arguments> normalForms() {
        return Stream.of(
                Arguments.of(VersionScheme.DEB, (BiFunction<VersionScheme, String, ?>) DebianVersion::parse),
                Arguments.of(VersionScheme.APK, (BiFunction<VersionScheme, String, ?>) ApkVersion::parse),
                Arguments.of(VersionScheme.PYPI, (BiFunction<VersionScheme, String, ?>) Pep440Version::parse),
                Arguments.of(VersionScheme.NPM, (BiFunction<VersionScheme, String, ?>) SemanticVersion::parseNpm),
                Arguments.of(VersionScheme.SEMVER, (BiFunction<VersionScheme, String, ?>) SemanticVersion::parse));
    }

    /** Valid versions of a scheme, built from the parts that make its ordering tricky. */
    static Gen<String> versions(VersionScheme scheme) {
        Gen<String> generated = switch (scheme) {
            case DEB ->
                concat(
                        pick("", "", "0:", "1:", "2:", "01:"),
                        pick("0", "1", "2", "10", "01", "00"),
                        join(
                                pick(
                                        ".",
                                        ".",
                                        "0",
                                        "1",
                                        "2",
                                        "10",
                                        "00",
                                        "a",
                                        "z",
                                        "~",
                                        "~rc",
                                        "+",
                                        "+dfsg",
                                        "+git2021"),
                                0,
                                4),
                        pick(
                                "",
                                "",
                                "-0",
                                "-1",
                                "-00",
                                "-2",
                                "-1+deb11u1",
                                "-1ubuntu1",
                                "-0.1",
                                "-1~bpo11+1",
                                "-a",
                                "-1~"));
            case RPM ->
                concat(
                        pick("", "", "0:", "1:", "2:"),
                        pick("0", "1", "2", "10", "01", "a"),
                        join(pick(".", ".", "_", "+", "~", "^", "0", "1", "10", "a", "rc", "git"), 0, 4),
                        pick("", "", "-0", "-1", "-1.el7", "-1.el8", "-2.el8_9", "-1~rc", "-1^a"));
            case APK ->
                concat(
                        pick("0", "1", "2", "10", "01"),
                        join(pick(".0", ".1", ".2", ".10", ".05", ".00"), 0, 3),
                        pick("", "", "a", "b", "z"),
                        join(
                                pick(
                                        "_alpha",
                                        "_beta",
                                        "_pre",
                                        "_rc",
                                        "_cvs",
                                        "_svn",
                                        "_git",
                                        "_hg",
                                        "_p",
                                        "_rc1",
                                        "_rc01",
                                        "_p2",
                                        "_alpha10"),
                                0,
                                2),
                        pick("", "", "", "~ab", "~ff", "~0a"),
                        pick("", "", "-r0", "-r1", "-r10", "-r01"));
            // Maven versions as they are published: release numbers, then qualifiers. ComparableVersion
            // is not transitive on stranger shapes (see VersionSchemeTest), and Maven orders them so.
            case MAVEN ->
                concat(
                        join(pick("0", "1", "2", "10", "00"), ".", 1, 4),
                        pick(
                                "",
                                "",
                                "-alpha",
                                "-alpha-1",
                                "-alpha1",
                                "-beta-2",
                                "-rc1",
                                "-RC2",
                                "-cr1",
                                "-M1",
                                "-m2",
                                "-milestone-3",
                                "-SNAPSHOT",
                                ".Final",
                                ".RELEASE",
                                "-ga",
                                "-sp1",
                                "-sp",
                                "-foo",
                                ".beta1",
                                "-1",
                                "-20210101",
                                "-jre",
                                "-android"),
                        pick("", "", "", "-SNAPSHOT", "-1", ".1"));
            case NPM -> concat(pick("", "", "v"), semantic());
            case SEMVER -> semantic();
            case PYPI ->
                concat(
                        pick("", "", "", "v", "V"),
                        pick("", "", "", "0!", "1!", "2!"),
                        join(pick("0", "1", "2", "10", "00"), ".", 1, 4),
                        pick(
                                "",
                                "",
                                "a1",
                                "a",
                                "alpha1",
                                "b2",
                                "beta2",
                                ".rc1",
                                "-RC1",
                                "c1",
                                "pre1",
                                "preview1",
                                "rc"),
                        pick("", "", ".post1", "-1", "post0", ".rev1", "_r2", ".post"),
                        pick("", "", ".dev0", ".dev1", "dev", "-DEV2"),
                        pick("", "", "", "+abc", "+1", "+1.2", "+ubuntu-1", "+01", "+a.b", "+UBUNTU.1"));
            case GOLANG ->
                Generate.oneOf(
                        concat(pick("v", "v", "", "go"), join(pick("0", "1", "2", "10"), ".", 1, 2)),
                        concat(
                                pick("v", "v", "", "go"),
                                join(pick("0", "1", "2", "10"), ".", 3, 3),
                                pick(
                                        "",
                                        "",
                                        "-0.20210101000000-abcdef123456",
                                        "-20210102000000-abcdef123456",
                                        "-rc.1",
                                        "-rc.2",
                                        "-alpha",
                                        "-1",
                                        "-pre.0.1"),
                                pick("", "", "+incompatible", "+build.5")));
        };
        return generated.describedAs(v -> "\"" + v + "\"");
    }

    /** Two versions: half the time unrelated, half the time one and a respelling of it that its scheme finds equal. */
    static Gen<List<String>> pairs(VersionScheme scheme) {
        Gen<String> versions = versions(scheme);
        return versions.zip(
                versions,
                respellings(scheme),
                Generate.booleans(),
                (a, b, respell, related) -> List.of(a, related ? respell.apply(a) : b));
    }

    /** Ways to write a version differently that its scheme must find equal. */
    static Gen<UnaryOperator<String>> respellings(VersionScheme scheme) {
        List<UnaryOperator<String>> respellings = switch (scheme) {
            case DEB ->
                List.of(
                        v -> v.contains(":") ? "0" + v : "0:" + v,
                        v -> v.replaceFirst("^([0-9]+:)?", "$10"),
                        v -> v.matches(".*[0-9]$") ? v.replaceFirst("([0-9]+)$", "0$1") : v + "0",
                        v -> v.indexOf('-', v.indexOf(':') + 1) < 0 ? v + "-0" : v);
            case RPM ->
                List.of(
                        v -> v.contains(":") ? v : "0:" + v,
                        v -> v.replaceFirst("([0-9]+)$", "0$1"),
                        v -> v.replaceFirst("\\.", "_"));
            case APK ->
                List.of(v -> "0" + v, v -> v.replace("-r", "-r0"), v -> v.replaceFirst("_([a-z]+)([0-9])", "_$10$2"));
            case MAVEN -> List.of(v -> v.toUpperCase(Locale.ROOT));
            case NPM ->
                List.of(
                        v -> v.startsWith("v") ? v.substring(1) : "v" + v,
                        v -> v.replaceFirst("\\+.*|$", "+other.build"));
            case SEMVER -> List.of(v -> v.replaceFirst("\\+.*|$", "+other.build"));
            case PYPI ->
                List.of(
                        v -> v.toUpperCase(Locale.ROOT),
                        v -> v.startsWith("v") || v.startsWith("V") ? v.substring(1) : "v" + v,
                        v -> " " + v + "\t");
            case GOLANG ->
                List.of(
                        v -> v.replaceFirst("^(v|go)?", "v"),
                        v -> v.replaceFirst("^(v|go)?", "go"),
                        v -> v.replaceFirst("^(v|go)?", ""),
                        v -> v.matches("(v|go)?[0-9]+\\.[0-9]+\\.[0-9]+(-[^+]*)?") ? v + "+incompatible" : v);
        };
        return Generate.pick(respellings);
    }

    private static Gen<String> semantic() {
        return concat(
                join(pick("0", "1", "2", "10"), ".", 3, 3),
                Generate.oneOf(
                        Generate.constant(""),
                        join(
                                        pick(
                                                "0",
                                                "1",
                                                "2",
                                                "10",
                                                "3000000000",
                                                "alpha",
                                                "beta",
                                                "rc",
                                                "a1",
                                                "A",
                                                "x-y",
                                                "10a",
                                                "9",
                                                "-"),
                                        ".",
                                        1,
                                        3)
                                .map(p -> "-" + p)),
                pick("", "", "+b", "+1.2", "+exp.sha.5114f85"));
    }

    private static Gen<String> pick(String... choices) {
        return Generate.pick(List.of(choices));
    }

    @SafeVarargs
    private static Gen<String> concat(Gen<String> first, Gen<String>... rest) {
        Gen<String> joined = first;
        for (Gen<String> next : rest) {
            joined = joined.zip(next, String::concat);
        }
        return joined;
    }

    private static Gen<String> join(Gen<String> part, int min, int max) {
        return join(part, "", min, max);
    }

    private static Gen<String> join(Gen<String> part, String separator, int min, int max) {
        return lists().of(part).ofSizeBetween(min, max).map(parts -> String.join(separator, parts));
    }
}
