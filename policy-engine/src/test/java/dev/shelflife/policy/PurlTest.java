package dev.shelflife.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurlTest {

    @Test
    void dropsQualifiersAndSubpathAndDecodesTheName() {
        assertThat(Purl.parse("pkg:NPM/%40angular/core@1.0.0%2Bbuild?arch=x#src/lib"))
                .contains(new Purl("pkg:npm/@angular/core", Optional.of("1.0.0+build")));
        assertThat(Purl.parse("pkg:npm/@angular/core@1.0.0"))
                .contains(new Purl("pkg:npm/@angular/core", Optional.of("1.0.0")));
        assertThat(Purl.parse("pkg:deb/debian/openssl")).contains(new Purl("pkg:deb/debian/openssl", Optional.empty()));
    }

    @Test
    void refusesWhatIsNotAPackageUrl() {
        assertThat(Purl.parse("openssl")).isEmpty();
        assertThat(Purl.parse("pkg:")).isEmpty();
        assertThat(Purl.parse("pkg:npm")).isEmpty();
        assertThat(Purl.parse("pkg:npm/")).isEmpty();
        assertThat(Purl.parse("pkg:npm/@1.0")).isEmpty();
    }

    @Test
    void coversTheSamePackageAndVersionOrAnyVersionWhenItHasNone() {
        Purl installed = Purl.parse("pkg:deb/debian/openssl@3.0.11?arch=amd64").orElseThrow();

        assertThat(Purl.parse("pkg:deb/debian/openssl").orElseThrow().covers(installed))
                .isTrue();
        assertThat(Purl.parse("pkg:deb/debian/openssl@3.0.11").orElseThrow().covers(installed))
                .isTrue();
        assertThat(Purl.parse("pkg:deb/debian/openssl@3.0.12").orElseThrow().covers(installed))
                .isFalse();
        assertThat(Purl.parse("pkg:deb/ubuntu/openssl@3.0.11").orElseThrow().covers(installed))
                .isFalse();
    }
}
