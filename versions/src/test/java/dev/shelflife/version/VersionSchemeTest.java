package dev.shelflife.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.InstalledPackage;
import dev.shelflife.ShelfLifeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VersionSchemeTest {

    /** Each row: scheme | left | relation | right, where the relation is how left compares to right. */
    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # Debian: epochs, tilde, +dfsg, revisions, numbers of any length
            DEB    | 1:1.0                          | > | 2.0
            DEB    | 2:1.0                          | > | 1:9.9
            DEB    | 0:1.0                          | = | 1.0
            DEB    | 1.0~rc1                        | < | 1.0
            DEB    | 1.0~~                          | < | 1.0~~a
            DEB    | 1.0~~a                         | < | 1.0~
            DEB    | 1.0~                           | < | 1.0
            DEB    | 1.0                            | < | 1.0a
            DEB    | 1.0a                           | < | 1.0+
            DEB    | 2.3.1+dfsg-1                   | > | 2.3.1-1
            DEB    | 2.3.1+dfsg-1                   | < | 2.3.2-1
            DEB    | 1:2.9.10+dfsg-6.7+deb11u4      | < | 1:2.9.10+dfsg-6.7+deb11u5
            DEB    | 1.0-1                          | < | 1.0-1+deb11u1
            DEB    | 1.1.1n-0+deb11u3               | < | 1.1.1n-0+deb11u4
            DEB    | 1.2.3-1~bpo11+1                | < | 1.2.3-1
            DEB    | 1.0-1ubuntu1                   | > | 1.0-1
            DEB    | 1.0-a                          | > | 1.0-1
            DEB    | 1.0                            | = | 1.0-0
            DEB    | 1.0                            | = | 1.00
            DEB    | 1.01                           | = | 1.1
            DEB    | 1.10                           | > | 1.9
            DEB    | 1.0+git20210101000000-1        | < | 1.0+git20210101000001-1
            DEB    | 0.0~git99999999999999999999-1  | > | 0.0~git9999999999999999999-1
            # RPM: dist tags, tilde and caret, epochs
            RPM    | 1.0-1.el7                      | < | 1.0-1.el8
            RPM    | 1.0-1.el8                      | < | 1.0-1.el8_9
            RPM    | 2.17-325.el7_9                 | < | 2.17-326.el7_9
            RPM    | 1:1.0.2k-19.el7                | < | 1:1.0.2k-21.el7
            RPM    | 1:1.0                          | > | 2.0
            RPM    | 1.0~rc1                        | < | 1.0
            RPM    | 1.0^git1                       | > | 1.0
            RPM    | 1.0^git1                       | < | 1.0.1
            RPM    | 1.0a                           | > | 1.0
            RPM    | 1.01                           | = | 1.1
            RPM    | 1.0                            | = | 1_0
            RPM    | 1.0                            | = | 1.0-0
            RPM    | 1.0.10                         | > | 1.0.9
            # Alpine: suffixes on both sides of the release, -rN, letters, leading zeros
            APK    | 1.2.3_rc1-r0                   | < | 1.2.3-r0
            APK    | 1.2.3-r0                       | < | 1.2.3-r1
            APK    | 1.2.3-r10                      | > | 1.2.3-r9
            APK    | 1.0_alpha                      | < | 1.0_beta
            APK    | 1.0_beta                       | < | 1.0_pre
            APK    | 1.0_pre                        | < | 1.0_rc
            APK    | 1.0_rc                         | < | 1.0
            APK    | 1.0                            | < | 1.0_cvs
            APK    | 1.0_cvs                        | < | 1.0_svn
            APK    | 1.0_svn                        | < | 1.0_git
            APK    | 1.0_git                        | < | 1.0_hg
            APK    | 1.0_hg                         | < | 1.0_p
            APK    | 1.0_p                          | < | 1.0_p1
            APK    | 1.0_rc9                        | < | 1.0_rc10
            APK    | 1.0_alpha_p1                   | > | 1.0_alpha1
            APK    | 1.0                            | < | 1.0a
            APK    | 1.0a                           | < | 1.0b
            APK    | 1.0z                           | < | 1.0.1
            APK    | 1.0                            | < | 1.0.0
            APK    | 1.0                            | < | 1.0-r0
            APK    | 1.05                           | < | 1.1
            APK    | 1.10                           | > | 1.9
            APK    | 01.0                           | = | 1.0
            APK    | 1.0-r01                        | = | 1.0-r1
            APK    | 1.1.1n-r0                      | < | 1.1.1w-r0
            APK    | 3.0.8-r3                       | < | 3.0.15-r0
            APK    | 1.0~ab12-r1                    | > | 1.0-r1
            APK    | 1.0~ab12                       | < | 1.0~ab13
            APK    | 0.1.0_alpha_pre2               | < | 0.1.0_alpha
            APK    | 1.0.0_pre20191002222144-r0     | < | 1.0.0_pre20210530193627-r0
            APK    | 1.2.07.8                       | < | 1.2.12.04
            APK    | 0.9.8c-r1                      | < | 0.9.8d
            APK    | 2.5.1-r8                       | < | 2.5.1a-r1
            # Maven: ComparableVersion's qualifiers
            MAVEN  | 1.0-alpha                      | < | 1.0
            MAVEN  | 1.0-alpha-1                    | < | 1.0-alpha-2
            MAVEN  | 1.0-alpha                      | < | 1.0-beta
            MAVEN  | 1.0-beta                       | < | 1.0-milestone
            MAVEN  | 1.0-M1                         | > | 1.0-alpha1
            MAVEN  | 1.0-milestone                  | < | 1.0-rc
            MAVEN  | 1.0-cr1                        | = | 1.0-rc1
            MAVEN  | 1.0-rc1                        | > | 1.0-beta2
            MAVEN  | 1.0-rc                         | < | 1.0-SNAPSHOT
            MAVEN  | 1.0-SNAPSHOT                   | < | 1.0
            MAVEN  | 1.0                            | < | 1.0-sp
            MAVEN  | 1.0                            | = | 1.0.0
            MAVEN  | 1                              | = | 1.0.0
            MAVEN  | 1.0.Final                      | = | 1.0
            MAVEN  | 1.0-ga                         | = | 1.0
            MAVEN  | 1.0                            | < | 1.0-foo
            MAVEN  | 2.13.4                         | < | 2.13.4.2
            MAVEN  | 1.10                           | > | 1.9
            # npm and SemVer: precedence as SemVer 2.0.0 section 11 lists it
            NPM    | 1.0.0-alpha                    | < | 1.0.0-alpha.1
            NPM    | 1.0.0-alpha.1                  | < | 1.0.0-alpha.beta
            NPM    | 1.0.0-alpha.beta               | < | 1.0.0-beta
            NPM    | 1.0.0-beta                     | < | 1.0.0-beta.2
            NPM    | 1.0.0-beta.2                   | < | 1.0.0-beta.11
            NPM    | 1.0.0-beta.11                  | < | 1.0.0-rc.1
            NPM    | 1.0.0-rc.1                     | < | 1.0.0
            NPM    | 1.0.0-alpha10                  | < | 1.0.0-alpha9
            NPM    | 1.0.0-Alpha                    | < | 1.0.0-alpha
            NPM    | 1.0.0-9                        | < | 1.0.0-10a
            NPM    | 1.0.0-3000000000               | > | 1.0.0-4
            NPM    | v1.2.3                         | = | 1.2.3
            NPM    | 1.2.3+build.1                  | = | 1.2.3
            NPM    | 1.2.3                          | < | 1.10.0
            SEMVER | 1.0.0-rc.1                     | < | 1.0.0
            SEMVER | 1.0.0-x.7.z.92                 | > | 1.0.0-x.7.z.9
            SEMVER | 99999999999999999999.0.0       | > | 9999999999999999999.0.0
            SEMVER | 1.0.0+20130313144700           | = | 1.0.0+exp.sha.5114f85
            # PyPI: PEP 440's phases, epochs, normalisation and local labels
            PYPI   | 1.0rc1                         | < | 1.0
            PYPI   | 1.0.dev0                       | < | 1.0a1
            PYPI   | 1.0a1.dev1                     | < | 1.0a1
            PYPI   | 1.0a1                          | < | 1.0b1
            PYPI   | 1.0b1                          | < | 1.0rc1
            PYPI   | 1.0                            | < | 1.0.post1
            PYPI   | 1.0.post1.dev1                 | < | 1.0.post1
            PYPI   | 1.0                            | < | 1.0.post0.dev0
            PYPI   | 1.0.post1                      | < | 1.0.1
            PYPI   | 1!1.0                          | > | 2.0
            PYPI   | 1.0                            | = | 1.0.0
            PYPI   | 1.0alpha1                      | = | 1.0a1
            PYPI   | 1.0-RC.1                       | = | 1.0rc1
            PYPI   | 1.0c1                          | = | 1.0rc1
            PYPI   | 1.0.preview1                   | = | 1.0rc1
            PYPI   | 1.0-1                          | = | 1.0.post1
            PYPI   | 1.0.rev1                       | = | 1.0.post1
            PYPI   | v1.0                           | = | 1.0
            PYPI   | 1.0                            | < | 1.0+local
            PYPI   | 1.0+abc                        | < | 1.0+1
            PYPI   | 1.0+1                          | < | 1.0+1.2
            PYPI   | 1.0+ubuntu-1                   | = | 1.0+UBUNTU.01
            PYPI   | 1.10                           | > | 1.9
            # Go modules: pseudo-versions, shorthand, the standard library's go prefix
            GOLANG | v0.0.0-20210101000000-abcdef123456 | < | v0.1.0
            GOLANG | v0.0.0-20210101000000-abcdef123456 | < | v0.0.0-20210102000000-abcdef123456
            GOLANG | v1.2.4-0.20210101000000-abcdef123456 | > | v1.2.3
            GOLANG | v1.2.4-0.20210101000000-abcdef123456 | < | v1.2.4
            GOLANG | v1.0.0-rc.1                    | < | v1.0.0
            GOLANG | v1.10.0                        | > | v1.9.0
            GOLANG | v1.2.3                         | = | 1.2.3
            GOLANG | go1.21.0                       | = | v1.21.0
            GOLANG | v1.21                          | = | v1.21.0
            GOLANG | v2.0.0+incompatible            | = | v2.0.0
            """)
    void ordersVersionsAsTheirEcosystemDoes(VersionScheme scheme, String left, String relation, String right) {
        int expected = switch (relation) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertThat(scheme.compare(left, right)).as("%s vs %s", left, right).isEqualTo(expected);
        assertThat(scheme.compare(right, left)).as("%s vs %s", right, left).isEqualTo(-expected);
    }

    @Test
    void followsMavenEvenWhereItsOrderIsNotTransitive() {
        // maven-artifact 3.9's ComparableVersion, which Maven itself resolves with, on a shape no
        // published artifact uses; the property tests keep to published shapes
        assertThat(VersionScheme.MAVEN.compare("2.a1.0.0", "2")).isNegative();
        assertThat(VersionScheme.MAVEN.compare("2", "2.m.0")).isNegative();
        assertThat(VersionScheme.MAVEN.compare("2.a1.0.0", "2.m.0")).isPositive();
    }

    /** Each row: scheme | version | what the message says. */
    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            DEB    | abc                 | does not start with a digit
            DEB    | 1.0-                | revision after the last '-' is empty
            DEB    | :1.0                | epoch before ':' is not a number
            DEB    | a:1.0               | epoch before ':' is not a number
            DEB    | 99999999999:1.0     | epoch is larger than 2147483647
            DEB    | 1:2:3               | upstream version contains ":"
            DEB    | 1.0_1               | upstream version contains "_"
            DEB    | 1.0 rc1             | upstream version contains " "
            DEB    | 1.0-1^2             | revision contains "^"
            RPM    | 1.0-1-2             | does not fit [epoch:]version[-release]
            RPM    | -1.0                | does not fit [epoch:]version[-release]
            RPM    | 1.0-                | does not fit [epoch:]version[-release]
            RPM    | 99999999999:1.0     | epoch 99999999999 is larger than 2147483647
            APK    | v1.0                | does not start with a number
            APK    | 1.0-r               | nothing follows "-r"
            APK    | 1.0-1               | "-" at position 4
            APK    | 1.0_foo             | _foo is not one of the suffixes
            APK    | 1.0A                | "A" at position 4
            APK    | 1.0a1               | "1" at position 5
            APK    | 1..0                | nothing follows "."
            APK    | 1.0~xyz             | nothing follows "~"
            APK    | 1.0_rc1a            | "a" at position 8
            MAVEN  | [1.0,2.0)           | is not a version
            MAVEN  | 1.0 beta            | separated by single . or -
            MAVEN  | 0-..alpha           | separated by single . or -
            NPM    | 1.2                 | does not fit SemVer 2.0.0
            NPM    | 01.2.3              | does not fit SemVer 2.0.0
            NPM    | =1.2.3              | does not fit SemVer 2.0.0
            NPM    | 1.2.3-01            | does not fit SemVer 2.0.0
            NPM    | ^1.2.3              | does not fit SemVer 2.0.0
            SEMVER | v1.2.3              | does not fit SemVer 2.0.0
            SEMVER | 1.2.3+              | does not fit SemVer 2.0.0
            PYPI   | 1.0-foo             | does not fit PEP 440
            PYPI   | 1.0+                | does not fit PEP 440
            PYPI   | 1.0.x               | does not fit PEP 440
            GOLANG | v                   | does not fit Go's
            GOLANG | v01.0.0             | does not fit Go's
            GOLANG | v1.0.0.0            | does not fit Go's
            GOLANG | v1.2-pre            | does not fit Go's
            GOLANG | latest              | does not fit Go's
            GOLANG | v99999999999.0.0    | does not fit Go's
            GOLANG | v9999999999.0.0     | number 9999999999 is larger than 2147483647
            """)
    void refusesAVersionItsSchemeCannotRead(VersionScheme scheme, String version, String reason) {
        assertThat(scheme.isValid(version)).isFalse();
        assertThatThrownBy(() -> scheme.compare(version, version))
                .isInstanceOf(InvalidVersionException.class)
                .isInstanceOf(ShelfLifeException.class)
                .hasMessageStartingWith("\"" + version + "\" is not a valid " + scheme.id() + " version: ")
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    assertThat(((InvalidVersionException) e).scheme()).isEqualTo(scheme);
                    assertThat(((InvalidVersionException) e).version()).isEqualTo(version);
                });
    }

    @ParameterizedTest
    @EnumSource(VersionScheme.class)
    void refusesEmptyAndOversizedVersions(VersionScheme scheme) {
        assertThatThrownBy(() -> scheme.compare("", "1"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageEndingWith("it is empty");
        String huge = "1".repeat(Parser.MAX_LENGTH + 1);
        assertThatThrownBy(() -> scheme.requireValid(huge))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("…(257 characters)")
                .hasMessageEndingWith("longer than 256 characters");
        assertThatThrownBy(() -> scheme.compare(null, "1"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("version");
    }

    @Test
    void escapesControlCharactersInItsMessages() {
        // grype 0.75's binary cataloger writes versions with a NUL in them
        assertThatThrownBy(() -> VersionScheme.DEB.compare("1.0\u0000", "1.0"))
                .hasMessageStartingWith("\"1.0\\u0000\" is not a valid deb version");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "deb, DEB",
        "RPM, RPM",
        "apk, APK",
        "maven, MAVEN",
        "npm, NPM",
        "PyPI, PYPI",
        "golang, GOLANG",
        "semver, SEMVER",
    })
    void findsASchemeByItsName(String id, VersionScheme expected) {
        assertThat(VersionScheme.find(id)).contains(expected);
        assertThat(VersionScheme.require(id)).isEqualTo(expected);
    }

    @Test
    void answersAnUnknownSchemeNameExplicitly() {
        assertThat(VersionScheme.find("gem")).isEmpty();
        assertThatThrownBy(() -> VersionScheme.require("gem"))
                .isInstanceOf(UnknownSchemeException.class)
                .isInstanceOf(ShelfLifeException.class)
                .hasMessage("no version scheme is named \"gem\";"
                        + " known: deb, rpm, apk, maven, npm, pypi, golang, semver");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12, DEB",
        "pkg:rpm/redhat/openssl@1.0.2k-19.el7?epoch=1, RPM",
        "pkg:apk/alpine/musl@1.2.4-r2, APK",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1, MAVEN",
        "pkg:npm/%40babel/core@7.0.0, NPM",
        "pkg:pypi/django@3.2.9, PYPI",
        "pkg:golang/golang.org/x/net@v0.17.0, GOLANG",
        "pkg:cargo/serde@1.0.188, SEMVER",
        "PKG:DEB/debian/curl@7.88.1-10, DEB",
        "pkg://apk/alpine/busybox@1.36.1-r2, APK",
    })
    void findsTheSchemeOfAPackageUrl(String purl, VersionScheme expected) {
        assertThat(VersionScheme.forPurl(purl)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "pkg:gem/rails@7.0.0",
        "pkg:nuget/Newtonsoft.Json@13.0.1",
        "pkg:generic/openssl@1.1.1",
        "pkg:oci/alpine@sha256:abc",
        "not a purl",
        "pkg:",
        "pkg:/deb",
        "pkg:deb",
        "pkg:1deb/x@1"
    })
    void findsNoSchemeForAnyOtherPackageUrl(String purl) {
        assertThat(VersionScheme.forPurl(purl)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "debian, DEB",
        "Ubuntu, DEB",
        "redhat, RPM",
        "amazon, RPM",
        "cbl-mariner, RPM",
        "alpine, APK",
        "wolfi, APK",
        "jar, MAVEN",
        "java-archive, MAVEN",
        "pom, MAVEN",
        "yarn, NPM",
        "node-pkg, NPM",
        "python-pkg, PYPI",
        "python, PYPI",
        "poetry, PYPI",
        "gobinary, GOLANG",
        "go-module, GOLANG",
        "rust-binary, SEMVER",
        "rust-crate, SEMVER",
    })
    void findsTheSchemeOfAScannersPackageType(String type, VersionScheme expected) {
        assertThat(VersionScheme.forPackageType(type)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"gemspec", "bundler", "gem", "nuget", "dotnet-core", "composer", "conda-pkg", "binary", "unknown"})
    void findsNoSchemeForPackageTypesItCannotOrder(String type) {
        assertThat(VersionScheme.forPackageType(type)).isEmpty();
    }

    @Test
    void readsAPackagesSchemeFromItsPurlFirst() {
        InstalledPackage trivyDeb = InstalledPackage.builder("libssl3")
                .version("3.0.11-1~deb12u1")
                .purl("pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64")
                .type("debian")
                .build();
        InstalledPackage contradicting = InstalledPackage.builder("lodash")
                .version("4.17.20")
                .purl("pkg:npm/lodash@4.17.20")
                .type("debian")
                .build();
        InstalledPackage grypeBinary = InstalledPackage.builder("python")
                .version("3.9.2")
                .purl("pkg:generic/python@3.9.2")
                .type("python")
                .build();

        assertThat(VersionScheme.forPackage(trivyDeb)).contains(VersionScheme.DEB);
        assertThat(VersionScheme.forPackage(contradicting)).contains(VersionScheme.NPM);
        assertThat(VersionScheme.forPackage(grypeBinary))
                .as("a generic purl is no Python package")
                .isEmpty();
    }

    @Test
    void fallsBackToThePackageTypeWithoutAReadablePurl() {
        InstalledPackage jar = InstalledPackage.builder("log4j-core")
                .version("2.14.1")
                .type("jar")
                .build();
        InstalledPackage badPurl = InstalledPackage.builder("musl")
                .version("1.2.4-r2")
                .purl("musl-1.2.4")
                .type("alpine")
                .build();
        InstalledPackage nothing = InstalledPackage.of("openssl", "1.1.1");

        assertThat(VersionScheme.forPackage(jar)).contains(VersionScheme.MAVEN);
        assertThat(VersionScheme.forPackage(badPurl)).contains(VersionScheme.APK);
        assertThat(VersionScheme.forPackage(nothing)).isEmpty();
    }

    @Test
    void sortsVersionsAsAComparator() {
        List<String> versions = new ArrayList<>(List.of("1.0", "1.0_rc1", "1.0-r1", "0.9"));
        versions.sort(VersionScheme.APK);
        assertThat(versions).containsExactly("0.9", "1.0_rc1", "1.0", "1.0-r1");
    }
}
