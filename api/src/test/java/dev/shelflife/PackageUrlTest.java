package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageUrlTest {

    private static PackageUrl purl(String text) {
        return PackageUrl.parse(text).orElseThrow();
    }

    @Test
    void readsEveryPartDecodedAndKeepsTheTextAsWritten() {
        String text = "pkg:NPM/%40angular/core@1.0.0%2Bbuild?Arch=x%2F64&tag=a#src/lib";
        PackageUrl purl = purl(text);

        assertThat(purl.text()).isEqualTo(text);
        assertThat(purl).hasToString(text);
        assertThat(purl.type()).isEqualTo("npm");
        assertThat(purl.namespace()).contains("@angular");
        assertThat(purl.name()).isEqualTo("core");
        assertThat(purl.version()).contains("1.0.0+build");
        assertThat(purl.qualifiers()).containsExactly(Map.entry("arch", "x/64"), Map.entry("tag", "a"));
        assertThat(purl.coordinates()).isEqualTo("pkg:npm/@angular/core");
        assertThat(purl.packageName()).isEqualTo("@angular/core");
    }

    @Test
    void takesTheVersionAfterTheLastAtSignOfTheLastSegment() {
        assertThat(purl("pkg:npm/@angular/core@1.0.0").version()).contains("1.0.0");
        assertThat(purl("pkg:oci/app@sha256:abc?tag=1").version()).contains("sha256:abc");
        assertThat(purl("pkg:generic/a@b@2").version()).contains("2");
        assertThat(purl("pkg:deb/debian/openssl").version()).isEmpty();
        assertThat(purl("pkg:/deb/debian/openssl/").coordinates()).isEqualTo("pkg:deb/debian/openssl");
    }

    @Test
    void namesPackagesAsTheirEcosystemWritesThem() {
        assertThat(purl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1").packageName())
                .isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(purl("pkg:golang/github.com/x/net@v0.1.0").packageName()).isEqualTo("github.com/x/net");
        assertThat(purl("pkg:deb/debian/openssl@3").packageName()).isEqualTo("openssl");
    }

    @Test
    void refusesWhatIsNotAPackageUrlOrWouldBeReadWrong() {
        assertThat(PackageUrl.parse(null)).isEmpty();
        assertThat(PackageUrl.parse("openssl")).isEmpty();
        assertThat(PackageUrl.parse("pkg:")).isEmpty();
        assertThat(PackageUrl.parse("pkg:npm")).isEmpty();
        assertThat(PackageUrl.parse("pkg:npm/")).isEmpty();
        assertThat(PackageUrl.parse("pkg:npm/@1.0")).isEmpty();
        assertThat(PackageUrl.parse("pkg:npm/a%zz")).isEmpty();
        assertThat(PackageUrl.parse("pkg:npm/a%4")).isEmpty();
        assertThat(PackageUrl.isPackageUrl("pkg:npm/a")).isTrue();
    }

    @Test
    void coversTheSamePackageAndVersionOrAnyVersionWhenItHasNone() {
        PackageUrl installed = purl("pkg:deb/debian/openssl@3.0.11?arch=amd64");

        assertThat(purl("pkg:deb/debian/openssl").covers(installed)).isTrue();
        assertThat(purl("pkg:DEB/debian/openssl@3.0.11").covers(installed)).isTrue();
        assertThat(purl("pkg:deb/debian/openssl@3.0.12").covers(installed)).isFalse();
        assertThat(purl("pkg:deb/ubuntu/openssl@3.0.11").covers(installed)).isFalse();
        assertThat(purl("pkg:deb/openssl").covers(installed)).isFalse();
    }

    @Test
    void isEqualToAnotherByItsTextOnly() {
        assertThat(purl("pkg:npm/a@1")).isEqualTo(purl("pkg:npm/a@1")).hasSameHashCodeAs(purl("pkg:npm/a@1"));
        assertThat(purl("pkg:npm/a@1")).isNotEqualTo(purl("pkg:NPM/a@1"));
    }
}
