package dev.shelflife.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Severity;
import dev.shelflife.ShelfLifeException;
import dev.shelflife.Vulnerability;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BumpTest {

    /** Each row: scheme | installed | fixed | size. */
    @ParameterizedTest(name = "{0}: {1} -> {2} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            DEB    | 1.1.1n-0+deb11u3                   | 1.1.1n-0+deb11u4   | PATCH
            DEB    | 3.0.11-1~deb12u1                   | 3.0.11-1~deb12u2   | PATCH
            DEB    | 1:2.9.10+dfsg-6.7+deb11u4          | 1:2.9.14+dfsg-1    | PATCH
            DEB    | 7.88.1-10+deb12u5                  | 8.5.0-2            | MAJOR
            DEB    | 2.36.1-8                           | 2.37-1             | MINOR
            DEB    | 1:2.0-1                            | 2:1.0-1            | UNKNOWN
            DEB    | 1.1.1n-0+deb11u5                   | 1.1.1w-0+deb11u1   | UNKNOWN
            DEB    | 1.0~rc1-1                          | 1.0-1              | UNKNOWN
            DEB    | 0.0~git20210101000000-1            | 0.0~git20210102000000-1 | UNKNOWN
            RPM    | 1.0-1.el8                          | 1.0-2.el8          | PATCH
            RPM    | 1:1.0.2k-19.el7                    | 1:1.0.2k-21.el7    | PATCH
            RPM    | 2.17-325.el7_9                     | 2.18-1.el7         | MINOR
            APK    | 1.2.3-r0                           | 1.2.3-r1           | PATCH
            APK    | 3.0.8-r3                           | 3.1.0-r0           | MINOR
            APK    | 1.2.3_rc1-r0                       | 1.2.3-r0           | UNKNOWN
            APK    | 1.36.1-r2                          | 1.36.1-r15         | PATCH
            MAVEN  | 2.14.1                             | 2.15.0             | MINOR
            MAVEN  | 5.3.18                             | 6.0.0              | MAJOR
            MAVEN  | 1.0                                | 1.0.1              | PATCH
            MAVEN  | 5.4.32.Final                       | 5.4.33.Final       | PATCH
            MAVEN  | 2.13.4                             | 2.13.4.2           | UNKNOWN
            MAVEN  | 1.0-SNAPSHOT                       | 1.0                | UNKNOWN
            NPM    | 4.17.20                            | 4.17.21            | PATCH
            NPM    | v1.2.3                             | 1.3.0              | MINOR
            NPM    | 1.2.3                              | 2.0.0              | MAJOR
            NPM    | 1.0.0-rc.1                         | 1.0.0              | UNKNOWN
            NPM    | 0.1.0                              | 0.2.0              | MINOR
            SEMVER | 99999999999.0.0                    | 100000000000.0.0   | UNKNOWN
            PYPI   | 3.2.9                              | 3.2.10             | PATCH
            PYPI   | 2.31.0                             | 2.32.0             | MINOR
            PYPI   | 1.0                                | 1.0.post1          | PATCH
            PYPI   | 1!1.0                              | 1!2.0              | MAJOR
            PYPI   | 1.0rc1                             | 1.0                | UNKNOWN
            PYPI   | 1.0                                | 1!0.5              | UNKNOWN
            PYPI   | 1.2.3.4                            | 1.2.3.5            | UNKNOWN
            GOLANG | v0.0.0-20210101000000-abcdef123456 | v0.1.0             | MINOR
            GOLANG | v1.2.3                             | v1.2.4             | PATCH
            GOLANG | go1.21.0                           | 1.21.5             | PATCH
            GOLANG | v1.2.4-0.20210101000000-abcdef123456 | v1.2.4           | UNKNOWN
            """)
    void sizesABump(VersionScheme scheme, String from, String to, BumpSize size) {
        assertThat(Bump.of(scheme, from, to)).isEqualTo(new Bump(scheme, from, to, size));
    }

    @Test
    void refusesABumpThatDoesNotGoUp() {
        assertThatThrownBy(() -> Bump.of(VersionScheme.DEB, "1.0-2", "1.0-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a bump goes up: 1.0-1 is not higher than 1.0-2 in deb");
        assertThatThrownBy(() -> Bump.of(VersionScheme.MAVEN, "1.0", "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesASizeThatIsNotTheBumps() {
        assertThatThrownBy(() -> new Bump(VersionScheme.NPM, "1.2.3", "2.0.0", BumpSize.PATCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1.2.3 -> 2.0.0 is a MAJOR bump, not PATCH");
    }

    @Test
    void refusesAVersionTheSchemeCannotRead() {
        assertThatThrownBy(() -> Bump.of(VersionScheme.NPM, "1.2", "1.3.0"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("\"1.2\" is not a valid npm version");
    }

    @Test
    void bumpsToTheSmallestFixAboveTheInstalledVersion() {
        Finding openssl = finding(
                InstalledPackage.builder("libssl3")
                        .version("3.0.11-1~deb12u1")
                        .purl("pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64")
                        .type("debian")
                        .build(),
                Fix.fixed("3.0.13-1", "3.0.11-1~deb12u2"));

        assertThat(Bump.smallestFix(openssl))
                .contains(new Bump(VersionScheme.DEB, "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", BumpSize.PATCH));
    }

    @Test
    void staysOnTheInstalledReleaseLine() {
        // Trivy's "11.0.14, 10.1.49, 9.0.112" for tomcat: one fix per release line, split or not
        InstalledPackage tomcat = InstalledPackage.builder("org.apache.tomcat.embed:tomcat-embed-core")
                .version("10.1.40")
                .purl("pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.40")
                .type("jar")
                .build();
        Bump expected = new Bump(VersionScheme.MAVEN, "10.1.40", "10.1.49", BumpSize.PATCH);

        assertThat(Bump.smallestFix(finding(tomcat, Fix.fixed("11.0.14", "10.1.49", "9.0.112"))))
                .contains(expected);
        assertThat(Bump.smallestFix(finding(tomcat, Fix.fixed("11.0.14, 10.1.49, 9.0.112"))))
                .contains(expected);
    }

    @Test
    void readsFixedRangesByTheirLowerBounds() {
        List<String> ranges = List.of(">= 1.2.5, < 2.0.0", ">=2.0.1 <3.0.0 || >=3.0.3");

        assertThat(Bump.smallestFix(VersionScheme.NPM, "1.2.0", ranges))
                .map(Bump::to)
                .contains("1.2.5");
        assertThat(Bump.smallestFix(VersionScheme.NPM, "2.0.0", ranges))
                .map(Bump::to)
                .contains("2.0.1");
        assertThat(Bump.smallestFix(VersionScheme.NPM, "3.0.1", ranges))
                .map(Bump::to)
                .contains("3.0.3");
        assertThat(Bump.smallestFix(VersionScheme.NPM, "3.0.3", ranges)).isEmpty();
    }

    @Test
    void namesNoBumpForAnExclusiveLowerBoundOrAnUpperBound() {
        assertThat(Bump.smallestFix(VersionScheme.PYPI, "1.0", List.of("> 1.0", "<= 2.0", "!= 1.5")))
                .isEmpty();
        assertThat(Bump.smallestFix(VersionScheme.PYPI, "1.0", List.of("== 1.1", "= 1.2")))
                .map(Bump::to)
                .contains("1.1");
    }

    @Test
    void refusesAConstraintWithoutAVersion() {
        assertThatThrownBy(() -> Bump.smallestFix(VersionScheme.NPM, "1.0.0", List.of("1.2.0, >=")))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("\"1.2.0, >=\" is not a valid npm version: the fixed-version constraint at position 8"
                        + " names no version");
    }

    @Test
    void checksEveryConstraintEvenThoseThatNameNoFix() {
        assertThatThrownBy(() -> Bump.smallestFix(VersionScheme.NPM, "1.0.0", List.of("1.2.0", "< 2.0")))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("\"2.0\" is not a valid npm version");
    }

    @Test
    void namesNoBumpWhenEveryFixIsAtOrBelowTheInstalledVersion() {
        assertThat(Bump.smallestFix(VersionScheme.APK, "1.2.3-r2", List.of("1.2.3-r1", "1.2.3-r2", "1.2.3_rc1-r5")))
                .isEmpty();
    }

    @Test
    void namesNoBumpWithoutAnAvailableFixOrAnInstalledVersion() {
        InstalledPackage musl = InstalledPackage.builder("musl")
                .version("1.2.4-r1")
                .type("alpine")
                .build();

        assertThat(Bump.smallestFix(finding(musl, Fix.of(FixState.NOT_FIXED)))).isEmpty();
        assertThat(Bump.smallestFix(finding(musl, new Fix(FixState.WONT_FIX, List.of("1.2.4-r2")))))
                .isEmpty();
        assertThat(Bump.smallestFix(finding(musl, new Fix(FixState.FIXED, List.of()))))
                .isEmpty();
        assertThat(Bump.smallestFix(
                        finding(InstalledPackage.builder("musl").type("alpine").build(), Fix.fixed("1.2.4-r2"))))
                .isEmpty();
    }

    @Test
    void answersAPackageWithoutASchemeExplicitly() {
        InstalledPackage rails = InstalledPackage.builder("rails")
                .version("7.0.0")
                .purl("pkg:gem/rails@7.0.0")
                .type("gemspec")
                .build();

        assertThatThrownBy(() -> Bump.smallestFix(finding(rails, Fix.fixed("7.0.1"))))
                .isInstanceOf(UnknownSchemeException.class)
                .isInstanceOf(ShelfLifeException.class)
                .hasMessage("no version scheme for package \"rails\" (purl \"pkg:gem/rails@7.0.0\", type \"gemspec\"):"
                        + " its versions cannot be ordered");
    }

    @Test
    void refusesAnInstalledOrFixedVersionItsSchemeCannotRead() {
        // grype's binary cataloger wrote this NUL into a real report; DefectDojo hand-edited "fix_1" into another
        InstalledPackage binary = InstalledPackage.builder("node")
                .version("20.5.0\u0000")
                .type("npm")
                .build();
        InstalledPackage redis = InstalledPackage.builder("redis")
                .version("4.0.2")
                .purl("pkg:npm/redis@4.0.2")
                .build();

        assertThatThrownBy(() -> Bump.smallestFix(finding(binary, Fix.fixed("20.5.1"))))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("\"20.5.0\\u0000\" is not a valid npm version");
        assertThatThrownBy(() -> Bump.smallestFix(finding(redis, Fix.fixed("fix_1", "fix_2"))))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageStartingWith("\"fix_1\" is not a valid npm version");
    }

    @Test
    void describesItselfForReports() {
        assertThat(Bump.of(VersionScheme.APK, "1.2.3-r0", "1.2.3-r1")).hasToString("apk 1.2.3-r0 -> 1.2.3-r1 (PATCH)");
    }

    private static Finding finding(InstalledPackage pkg, Fix fix) {
        return new Finding(
                Vulnerability.builder("CVE-2024-0001").severity(Severity.HIGH).build(), pkg, fix, "");
    }
}
