package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTest {

    private static final String BASE_DIGEST = "sha256:" + "4f".repeat(32);

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1970-01-01T00:00:01Z", "0001-01-01T00:00:00Z"})
    void treatsPlaceholderBuildDatesAsUnknown(String placeholder) {
        Image image = Image.builder().createdAt(Instant.parse(placeholder)).build();

        assertThat(image.createdAt()).isEmpty();
    }

    @Test
    void keepsARealBuildDate() {
        Instant built = Instant.parse("1970-01-02T00:00:00Z");

        assertThat(Image.builder().createdAt(built).build().createdAt()).contains(built);
        assertThat(Image.builder().createdAt(null).build().createdAt()).isEmpty();
    }

    @Test
    void takesTheBaseImageFromTheOciAnnotations() {
        Image image = Image.builder()
                .label(Image.BASE_NAME_ANNOTATION, "docker.io/library/python:3.12-slim")
                .label(Image.BASE_DIGEST_ANNOTATION, BASE_DIGEST)
                .build();

        assertThat(image.baseImage()).contains(BaseImage.of("docker.io/library/python:3.12-slim", BASE_DIGEST));
        assertThat(image.labels()).containsEntry(Image.BASE_NAME_ANNOTATION, "docker.io/library/python:3.12-slim");
    }

    @Test
    void takesABaseImageWithoutADigest() {
        Image image =
                Image.builder().label(Image.BASE_NAME_ANNOTATION, "alpine:3.20").build();

        assertThat(image.baseImage()).hasValueSatisfying(base -> {
            assertThat(base.name()).isEqualTo("alpine:3.20");
            assertThat(base.digest()).isEmpty();
        });
    }

    @Test
    void hasNoBaseImageFromADigestAlone() {
        Image image =
                Image.builder().label(Image.BASE_DIGEST_ANNOTATION, BASE_DIGEST).build();

        assertThat(image.baseImage()).isEmpty();
    }

    @Test
    void prefersTheBaseImageTheCallerSupplies() {
        BaseImage supplied = BaseImage.of("registry.example.com/base/python:3.12", null);

        Image image = Image.builder()
                .label(Image.BASE_NAME_ANNOTATION, "docker.io/library/python:3.12-slim")
                .baseImage(supplied)
                .build();

        assertThat(image.baseImage()).contains(supplied);
    }

    @Test
    void ignoresBlankValues() {
        Image image = Image.builder()
                .manifestDigest(" ")
                .configDigest("")
                .os("")
                .platform(null)
                .repoDigest(" ")
                .build();

        assertThat(image).isEqualTo(Image.unknown());
    }

    @Test
    void addsWhatTheCallerKnowsToAReportedImage() {
        Instant built = Instant.parse("2025-01-10T08:00:00Z");
        Image reported = Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
                .configDigest("sha256:" + "1c".repeat(32))
                .repoDigest("ghcr.io/acme/shop-api@sha256:" + "9e".repeat(32))
                .os("debian 12.8")
                .label("org.opencontainers.image.version", "1.4.2")
                .build();

        Image known =
                reported.toBuilder().createdAt(built).platform("linux/amd64").build();

        assertThat(known.createdAt()).contains(built);
        assertThat(known.platform()).contains("linux/amd64");
        assertThat(known.ref()).isEqualTo(reported.ref());
        assertThat(known.configDigest()).isEqualTo(reported.configDigest());
        assertThat(known.repoDigests()).isEqualTo(reported.repoDigests());
        assertThat(known.os()).contains("debian 12.8");
        assertThat(known.labels()).isEqualTo(reported.labels());
        assertThat(reported.toBuilder().build()).isEqualTo(reported);
    }
}
