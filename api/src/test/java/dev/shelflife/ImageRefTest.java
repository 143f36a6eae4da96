package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "python,                                  docker.io/library/python",
        "python:3.12-slim,                        docker.io/library/python:3.12-slim",
        "library/python:3.12,                     docker.io/library/python:3.12",
        "docker.io/python:3.12,                   docker.io/library/python:3.12",
        "index.docker.io/library/python:3.12,     docker.io/library/python:3.12",
        "bitnami/redis:7.2,                       docker.io/bitnami/redis:7.2",
        "ghcr.io/org/app:1.0,                     ghcr.io/org/app:1.0",
        "ghcr.io/org/team/app,                    ghcr.io/org/team/app",
        "localhost/app,                           localhost/app",
        "localhost:5000/a/b:1,                    localhost:5000/a/b:1",
        "registry.example.com:443/a_b/c__d/e-f.g, registry.example.com:443/a_b/c__d/e-f.g",
        "[::1]:5000/team/app:2,                   [::1]:5000/team/app:2",
        "[2001:db8::1]/app,                       [2001:db8::1]/app",
        "MyRegistry/app,                          MyRegistry/app",
    })
    void normalisesTheWayDockerDoes(String reference, String expected) {
        assertThat(ImageRef.parse(reference)).hasToString(expected);
    }

    @Test
    void splitsRegistryRepositoryTagAndDigest() {
        ImageRef ref = ImageRef.parse("localhost:5000/a/b:1");

        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ref.repository()).isEqualTo("a/b");
        assertThat(ref.tag()).contains("1");
        assertThat(ref.digest()).isEmpty();
        assertThat(ref.name()).isEqualTo("localhost:5000/a/b");
    }

    @Test
    void keepsThePortOfAnIpv6RegistryApartFromTheTag() {
        ImageRef ref = ImageRef.parse("[::1]:5000/app");

        assertThat(ref.registry()).isEqualTo("[::1]:5000");
        assertThat(ref.repository()).isEqualTo("app");
        assertThat(ref.tag()).isEmpty();
    }

    @Test
    void readsAHostWithAPortAndNoPathAsAnImageWithATag() {
        // What Docker does too: "localhost:5000" is the image "localhost" at tag "5000".
        ImageRef ref = ImageRef.parse("localhost:5000");

        assertThat(ref)
                .isEqualTo(new ImageRef("docker.io", "library/localhost", Optional.of("5000"), Optional.empty()));
    }

    @Test
    void readsADigestWithoutATag() {
        ImageRef ref = ImageRef.parse("ghcr.io/org/app@" + DIGEST);

        assertThat(ref.tag()).isEmpty();
        assertThat(ref.digest()).contains(DIGEST);
        assertThat(ref).hasToString("ghcr.io/org/app@" + DIGEST);
    }

    @Test
    void keepsBothTagAndDigest() {
        ImageRef ref = ImageRef.parse("python:3.12-slim@" + DIGEST);

        assertThat(ref.tag()).contains("3.12-slim");
        assertThat(ref.digest()).contains(DIGEST);
        assertThat(ref).hasToString("docker.io/library/python:3.12-slim@" + DIGEST);
        assertThat(ref.familiarName()).isEqualTo("python:3.12-slim@" + DIGEST);
    }

    @Test
    void readsADigestOfAnotherAlgorithm() {
        String sha512 = "sha512:" + "0f".repeat(64);

        assertThat(ImageRef.parse("app@" + sha512).digest()).contains(sha512);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "docker.io/library/python:3.12,  python:3.12",
        "python,                         python",
        "docker.io/bitnami/redis,        bitnami/redis",
        "docker.io/library/team/app,     library/team/app",
        "ghcr.io/org/app:1.0,            ghcr.io/org/app:1.0",
        "localhost:5000/a/b:1,           localhost:5000/a/b:1",
    })
    void printsTheFamiliarNamePeopleType(String reference, String familiar) {
        assertThat(ImageRef.parse(reference).familiarName()).isEqualTo(familiar);
    }

    @Test
    void parsesItsOwnPrintedForms() {
        ImageRef ref = ImageRef.parse("[::1]:5000/team/app:2@" + DIGEST);

        assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
        assertThat(ImageRef.parse(ref.familiarName())).isEqualTo(ref);
        assertThat(ImageRef.parse(ImageRef.parse("python:3").familiarName())).isEqualTo(ImageRef.parse("python:3"));
    }

    @Test
    void replacesTheDigest() {
        ImageRef pinned = ImageRef.parse("python:3.12").withDigest(DIGEST);

        assertThat(pinned).hasToString("docker.io/library/python:3.12@" + DIGEST);
    }

    @Test
    void rejectsAnEmptyReference() {
        assertThatThrownBy(() -> ImageRef.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid image reference: empty");
    }

    @Test
    void rejectsAnUpperCaseRepository() {
        assertThatThrownBy(() -> ImageRef.parse("ghcr.io/Org/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid image reference \"ghcr.io/Org/app\": invalid repository \"Org/app\"")
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ImageRef.parse("Python:3")).hasMessageContaining("invalid repository");
    }

    @Test
    void rejectsABadDigest() {
        assertThatThrownBy(() -> ImageRef.parse("python@sha256:xyz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid digest \"sha256:xyz\"")
                .hasMessageContaining("algorithm:hex");
        assertThatThrownBy(() -> ImageRef.parse("python@sha256:abc123")).hasMessageContaining("invalid digest");
        assertThatThrownBy(() -> ImageRef.parse("python@" + DIGEST + "@" + DIGEST))
                .hasMessageContaining("invalid digest");
    }

    @Test
    void rejectsABadTag() {
        assertThatThrownBy(() -> ImageRef.parse("python:-slim"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid tag \"-slim\"");
        assertThatThrownBy(() -> ImageRef.parse("python:")).hasMessageContaining("invalid tag \"\"");
        assertThatThrownBy(() -> ImageRef.parse("python:3.12 slim")).hasMessageContaining("invalid tag");
        assertThatThrownBy(() -> ImageRef.parse("python:" + "t".repeat(129))).hasMessageContaining("at most 128");
    }

    @Test
    void acceptsTheLongestTag() {
        assertThat(ImageRef.parse("python:" + "t".repeat(128)).tag())
                .hasValueSatisfying(t -> assertThat(t).hasSize(128));
    }

    @Test
    void rejectsANameLongerThan255Characters() {
        String longest = "ghcr.io/" + "a".repeat(255 - "ghcr.io/".length());

        assertThat(ImageRef.parse(longest).name()).hasSize(255);
        assertThatThrownBy(() -> ImageRef.parse(longest + "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 255 characters");
    }

    @Test
    void countsTheNormalisedNameAgainstTheLengthLimit() {
        // Docker checks the length after adding docker.io/library/, and so does ShelfLife.
        String familiar = "a".repeat(255 - "docker.io/".length());

        assertThatThrownBy(() -> ImageRef.parse(familiar)).hasMessageContaining("longer than 255 characters");
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> ImageRef.parse("/app")).hasMessageContaining("invalid repository");
        assertThatThrownBy(() -> ImageRef.parse("ghcr.io/org//app")).hasMessageContaining("invalid repository");
        assertThatThrownBy(() -> ImageRef.parse("ghcr.io/org/app-")).hasMessageContaining("invalid repository");
        assertThatThrownBy(() -> ImageRef.parse(" python")).hasMessageContaining("invalid repository");
    }

    @Test
    void rejectsABadRegistryHost() {
        assertThatThrownBy(() -> new ImageRef("-bad.example.com", "app", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid registry host \"-bad.example.com\"");
        assertThatThrownBy(() -> ImageRef.parse("registry.example.com:port/app"))
                .hasMessageContaining("invalid registry host \"registry.example.com:port\"");
    }
}
