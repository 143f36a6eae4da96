package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shelflife.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineBaseImageResolverTest {

    private static final String PYTHON = "sha256:" + "1f".repeat(32);
    private static final String ALPINE = "sha256:" + "a1".repeat(32);
    private static final String APP = "sha256:" + "0c".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final String FILE = """
            # base images mirrored into the air-gapped site, 2026-11-26
            python:3.12-slim                 %s   application/vnd.oci.image.index.v1+json
            docker.io/library/alpine:3.20\t%s

            ghcr.io/org/app                  %s
            """.formatted(PYTHON, ALPINE, APP);

    private static OfflineBaseImageResolver resolver() {
        return OfflineBaseImageResolver.parse(FILE, "bases.txt", CLOCK);
    }

    @Test
    void resolvesFamiliarAndQualifiedNamesToTheSameEntry() {
        OfflineBaseImageResolver resolver = resolver();

        assertThat(resolver.resolve(ImageRef.parse("docker.io/library/python:3.12-slim")))
                .contains(new ResolvedTag(
                        ImageRef.parse("python:3.12-slim"), PYTHON, Optional.of(OciRegistryResolver.OCI_INDEX), NOW));
        assertThat(resolver.resolve(ImageRef.parse("alpine:3.20")))
                .map(ResolvedTag::digest)
                .contains(ALPINE);
        assertThat(resolver.resolve(ImageRef.parse("alpine:3.20")).orElseThrow().mediaType())
                .isEmpty();
    }

    @Test
    void readsALineWithoutTagAsLatest() {
        OfflineBaseImageResolver resolver = resolver();

        assertThat(resolver.resolve(ImageRef.parse("ghcr.io/org/app:latest")))
                .map(ResolvedTag::digest)
                .contains(APP);
        assertThat(resolver.resolve(ImageRef.parse("ghcr.io/org/app")))
                .map(ResolvedTag::digest)
                .contains(APP);
    }

    @Test
    void answersEmptyForATagItDoesNotList() {
        assertThat(resolver().resolve(ImageRef.parse("python:3.13-slim"))).isEmpty();
        assertThat(resolver().resolve(ImageRef.parse("quay.io/library/python:3.12-slim")))
                .isEmpty();
    }

    @Test
    void followsTheTagOfAPinnedReference() {
        ImageRef builtFrom = ImageRef.parse("python:3.12-slim@sha256:" + "00".repeat(32));

        assertThat(resolver().resolve(builtFrom)).map(ResolvedTag::digest).contains(PYTHON);
        assertThatThrownBy(() -> resolver().resolve(ImageRef.parse("python@" + PYTHON)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stampsEachAnswerWithTheClock() {
        OfflineBaseImageResolver resolver =
                OfflineBaseImageResolver.parse(FILE, "bases.txt", Clock.offset(CLOCK, java.time.Duration.ofDays(3)));

        assertThat(resolver.resolve(ImageRef.parse("alpine:3.20")).orElseThrow().resolvedAt())
                .isEqualTo(NOW.plus(java.time.Duration.ofDays(3)));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bases.txt"), FILE);

        assertThat(OfflineBaseImageResolver.read(file, CLOCK).resolve(ImageRef.parse("python:3.12-slim")))
                .map(ResolvedTag::digest)
                .contains(PYTHON);
    }

    @Test
    void reportsEveryMalformedLineAtOnce() {
        String text = String.join(
                "\n",
                "python:3.12-slim " + PYTHON,
                "docker.io/library/python:3.12-slim " + ALPINE,
                "alpine:3.20",
                "Alpine:3.20 " + ALPINE,
                "alpine:3.19 sha256:abc",
                "alpine:3.18 " + ALPINE + " application/json extra",
                "alpine:3.17 " + ALPINE + " JSON",
                "alpine:3.16@" + ALPINE + " " + ALPINE);

        RegistryException e = catchThrowableOfType(
                RegistryException.class, () -> OfflineBaseImageResolver.parse(text, "bases.txt", CLOCK));

        assertThat(e.reason()).isEqualTo(RegistryException.Reason.INVALID_FILE);
        assertThat(e.getMessage().lines())
                .containsExactly(
                        "7 problems in bases.txt:",
                        "  bases.txt:2: python:3.12-slim is already listed on line 1",
                        "  bases.txt:3: expected REFERENCE DIGEST [MEDIA-TYPE], found 1 column",
                        "  bases.txt:4: invalid image reference \"Alpine:3.20\": invalid repository \"library/Alpine\": lower-case letters, digits"
                                + " and the separators . _ __ - between path components",
                        "  bases.txt:5: invalid digest \"sha256:abc\": expected algorithm:hex, such as sha256:<64 hex digits>",
                        "  bases.txt:6: expected REFERENCE DIGEST [MEDIA-TYPE], found 4 columns",
                        "  bases.txt:7: invalid media type \"JSON\"",
                        "  bases.txt:8: reference \"alpine:3.16@" + ALPINE + "\" carries a digest; list the tag only");
    }

    @Test
    void reportsASingleProblemOnOneLine() {
        assertThatThrownBy(() ->
                        OfflineBaseImageResolver.parse("python:3.12-slim sha256:" + "F".repeat(64), "bases.txt", CLOCK))
                .isInstanceOf(RegistryException.class)
                .hasMessage("bases.txt:1: invalid digest \"sha256:" + "F".repeat(64)
                        + "\": registries write digests in lower case");
    }

    @Test
    void refusesAFileItCannotReadOrDecode(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("bases.bin"), new byte[] {'a', ' ', (byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> OfflineBaseImageResolver.read(dir.resolve("absent.txt"), CLOCK))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("absent.txt: cannot read")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(RegistryException.Reason.INVALID_FILE);
        assertThatThrownBy(() -> OfflineBaseImageResolver.read(binary, CLOCK))
                .isInstanceOf(RegistryException.class)
                .hasMessageEndingWith("bases.bin: not UTF-8 text");
    }
}
