package dev.shelflife.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.InstalledPackage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageIdentitiesTest {

    private static final InstalledPackage FROM_PURL = InstalledPackage.builder("PyYAML")
            .version("5.3.1")
            .purl("pkg:pypi/PyYAML@5.3.1")
            .type("python-pkg")
            .build();
    /** Same name and type as {@link #FROM_PURL}, no package URL: named alike, but by its name. */
    private static final InstalledPackage NAMED = InstalledPackage.builder("PyYAML")
            .version("5.3.1")
            .type("python-pkg")
            .build();
    /** A package URL that cannot be read: the name and type make the identity. */
    private static final InstalledPackage UNREADABLE_PURL = InstalledPackage.builder("org.yaml:snakeyaml")
            .version("1.33")
            .purl("not a purl")
            .type("jar")
            .build();
    /** The same unreadable package URL on another package: still told apart by its name. */
    private static final InstalledPackage SAME_UNREADABLE_PURL = InstalledPackage.builder("openssl")
            .version("3.0.11")
            .purl("not a purl")
            .type("debian")
            .build();

    private static final InstalledPackage DEBIAN = InstalledPackage.builder("openssl")
            .version("3.0.11-1~deb12u2")
            .purl("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64")
            .type("debian")
            .build();

    private static final List<InstalledPackage> ALL =
            List.of(FROM_PURL, NAMED, UNREADABLE_PURL, SAME_UNREADABLE_PURL, DEBIAN);

    @Test
    void givesEveryPackageTheIdentityItHasAlone() {
        PackageIdentities identities = new PackageIdentities();
        for (int round = 0; round < 2; round++) {
            assertThat(ALL).allSatisfy(pkg -> assertThat(identities.of(pkg)).isEqualTo(PackageIdentity.of(pkg)));
        }
        assertThat(identities.of(UNREADABLE_PURL)).hasToString("maven/org.yaml/snakeyaml");
        assertThat(identities.of(SAME_UNREADABLE_PURL)).hasToString("deb/openssl");
        assertThat(identities.of(DEBIAN)).hasToString("deb/openssl");
    }

    @Test
    void findsKnownAndUnknownPackagesAlike() {
        PackageIdentities identities = new PackageIdentities();
        assertThat(ALL).allSatisfy(pkg -> assertThat(identities.find(pkg)).isEqualTo(PackageIdentity.of(pkg)));
        identities.of(NAMED);
        identities.of(UNREADABLE_PURL);
        assertThat(ALL).allSatisfy(pkg -> assertThat(identities.find(pkg)).isEqualTo(PackageIdentity.of(pkg)));
        ALL.forEach(identities::of);
        assertThat(ALL).allSatisfy(pkg -> assertThat(identities.find(pkg)).isEqualTo(PackageIdentity.of(pkg)));
    }
}
