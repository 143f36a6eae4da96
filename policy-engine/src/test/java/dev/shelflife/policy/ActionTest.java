package dev.shelflife.policy;

import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.version.BumpSize;
import dev.shelflife.version.VersionScheme;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionTest {

    private static Action bump(Finding finding) {
        return Action.bump(finding, "sla: " + finding.vulnerability().id()).orElseThrow();
    }

    private static Finding purl(String purl, String name, String installed, String... fixedIn) {
        return new Finding(
                Vulnerability.builder("CVE-2025-1").severity(Severity.HIGH).build(),
                InstalledPackage.builder(name).version(installed).purl(purl).build(),
                Fix.fixed(fixedIn),
                "");
    }

    @Test
    void sizesABumpInThePackagesScheme() {
        Action patch = bump(purl(
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u1",
                "libssl3",
                "3.0.11-1~deb12u1",
                "3.0.13-1",
                "3.0.11-1~deb12u2"));
        Action minor = bump(ofType("npm", fixable("CVE-2", Severity.HIGH, "express", "4.17.1", "4.19.2, 5.0.0")));
        Action major = bump(ofType("maven", fixable("CVE-3", Severity.HIGH, "spring-web", "5.3.39", "6.0.23")));

        assertThat(patch)
                .extracting(Action::to, Action::scheme, Action::size)
                .containsExactly(
                        Optional.of("3.0.11-1~deb12u2"), Optional.of(VersionScheme.DEB), Optional.of(BumpSize.PATCH));
        assertThat(minor.to()).contains("4.19.2");
        assertThat(minor.size()).contains(BumpSize.MINOR);
        assertThat(major.size()).contains(BumpSize.MAJOR);
        assertThat(patch).hasToString("BUMP libssl3 3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2 (PATCH): sla: CVE-2025-1");
    }

    @Test
    void ordersPreReleasesAsTheEcosystemDoes() {
        Action pypi = bump(purl("pkg:pypi/django@4.2", "django", "4.2", "4.2.1rc1", "4.2.1"));
        Action apk =
                bump(purl("pkg:apk/alpine/busybox@1.36.1-r28", "busybox", "1.36.1-r28", "1.36.1-r29", "1.36.1_rc1-r0"));

        assertThat(pypi.to()).contains("4.2.1rc1");
        assertThat(pypi.size()).contains(BumpSize.PATCH);
        assertThat(apk.to()).contains("1.36.1-r29");
        assertThat(apk.size()).contains(BumpSize.PATCH);
    }

    @Test
    void hasNoTargetWhenNothingOfferedIsAboveTheInstalledVersion() {
        Action below = bump(ofType("npm", fixable("CVE-4", Severity.LOW, "lodash", "4.17.21", "4.17.20")));
        Action unknownInstalled = bump(new Finding(
                Vulnerability.builder("CVE-5").build(),
                InstalledPackage.builder("lodash").type("npm").build(),
                Fix.fixed("4.17.21"),
                ""));

        assertThat(below)
                .extracting(Action::to, Action::scheme, Action::size)
                .containsExactly(Optional.empty(), Optional.of(VersionScheme.NPM), Optional.of(BumpSize.UNKNOWN));
        assertThat(unknownInstalled.to()).isEmpty();
        assertThat(unknownInstalled.size()).contains(BumpSize.UNKNOWN);
    }

    @Test
    void fallsBackExplicitlyWithoutAScheme() {
        Action gemOne = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", "6.1.7.1"));
        Action gemSeveral = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", "6.1.7.1", "7.0.4.1"));
        Action gemRange = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", ">= 6.1.7.1"));

        assertThat(gemOne)
                .extracting(Action::to, Action::scheme, Action::size)
                .containsExactly(Optional.of("6.1.7.1"), Optional.empty(), Optional.of(BumpSize.UNKNOWN));
        assertThat(gemSeveral.to()).isEmpty();
        assertThat(gemRange.to()).isEmpty();
        assertThat(gemSeveral.size()).contains(BumpSize.UNKNOWN);
    }

    @Test
    void fallsBackWhenTheSchemeCannotReadTheVersions() {
        Action nul = bump(purl("pkg:golang/stdlib@1.21.0", "stdlib", "go1.21\u0000rc2", "1.21.1"));

        assertThat(nul)
                .extracting(Action::to, Action::scheme, Action::size)
                .containsExactly(Optional.of("1.21.1"), Optional.empty(), Optional.of(BumpSize.UNKNOWN));
    }

    @Test
    void asksNothingWithoutAFix() {
        Finding wontFix = new Finding(
                Vulnerability.builder("CVE-6").build(),
                InstalledPackage.of("zlib1g", "1:1.2.13"),
                Fix.of(FixState.WONT_FIX),
                "");

        assertThat(Action.bump(wontFix, "sla")).isEmpty();
    }

    @Test
    void mergesBumpsOfAPackageToTheHighestTargetInItsScheme() {
        Action rc = bump(purl("pkg:pypi/django@4.1", "django", "4.1", "4.2rc1"));
        Action release = bump(purl("pkg:pypi/django@4.1", "django", "4.1", "4.2"));

        List<Action> merged = PolicyEngine.merge(List.of(release, rc));

        assertThat(merged).singleElement().satisfies(a -> {
            assertThat(a.to()).contains("4.2");
            assertThat(a.size()).contains(BumpSize.MINOR);
            assertThat(a.reasons()).containsExactly("sla: CVE-2025-1");
        });
    }

    @Test
    void mergesBumpsWithoutASchemeToATargetOnlyWhenTheyAgree() {
        Action one = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", "6.1.7.1"));
        Action same = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", "6.1.7.1"));
        Action other = bump(purl("pkg:gem/rails@6.1.0", "rails", "6.1.0", "7.0.4.1"));

        assertThat(PolicyEngine.merge(List.of(one, same)))
                .singleElement()
                .extracting(Action::to)
                .isEqualTo(Optional.of("6.1.7.1"));
        assertThat(PolicyEngine.merge(List.of(one, other))).singleElement().satisfies(a -> {
            assertThat(a.to()).isEmpty();
            assertThat(a.size()).contains(BumpSize.UNKNOWN);
        });
    }

    @Test
    void givesASizeToBumpsOnlyAndUnknownWhenNoneIsGiven() {
        Action unsized = new Action(
                Action.Kind.BUMP, Optional.of("zlib"), Optional.of("1.2.11"), Optional.empty(), List.of("why"));

        assertThat(unsized.size()).contains(BumpSize.UNKNOWN);
        assertThat(Action.rebuild("why").size()).isEmpty();
        assertThatThrownBy(() -> new Action(
                        Action.Kind.REBUILD,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(BumpSize.PATCH),
                        List.of("why")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only a bump has a version scheme and a size");
    }
}
