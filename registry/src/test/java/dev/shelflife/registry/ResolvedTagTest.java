package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ImageRef;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolvedTagTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void pinsTheTagToTheResolvedDigest() {
        ResolvedTag resolved = new ResolvedTag(ImageRef.parse("python:3.12-slim"), DIGEST, Optional.empty(), AT);

        assertThat(resolved.pinned()).hasToString("docker.io/library/python:3.12-slim@" + DIGEST);
        assertThat(resolved.pinned().familiarName()).isEqualTo("python:3.12-slim@" + DIGEST);
    }

    @Test
    void followsTheTagOrLatestAndDropsADigestBesideIt() {
        assertThat(ResolvedTag.tagToFollow(ImageRef.parse("python"))).hasToString("docker.io/library/python:latest");
        assertThat(ResolvedTag.tagToFollow(ImageRef.parse("ghcr.io/org/app:2@" + DIGEST)))
                .hasToString("ghcr.io/org/app:2");
        assertThatThrownBy(() -> ResolvedTag.tagToFollow(ImageRef.parse("python@" + DIGEST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "docker.io/library/python@" + DIGEST + " names a digest and no tag: there is no tag to follow");
    }

    @Test
    void acceptsOtherAlgorithmsInTheDigestGrammar() {
        String sha512 = "sha512:" + "ab".repeat(64);

        assertThat(new ResolvedTag(ImageRef.parse("app:1"), sha512, Optional.empty(), AT).digest())
                .isEqualTo(sha512);
    }

    @Test
    void rejectsWhatIsNotADigestMediaTypeOrTag() {
        ImageRef tag = ImageRef.parse("app:1");

        assertThatThrownBy(() -> new ResolvedTag(tag, "sha256:" + "ab".repeat(20), Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256 takes 64 hex digits");
        assertThatThrownBy(() -> new ResolvedTag(tag, DIGEST.toUpperCase(Locale.ROOT), Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("registries write digests in lower case");
        assertThatThrownBy(() -> new ResolvedTag(tag, "sha512:" + "ab".repeat(32), Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha512 128");
        assertThatThrownBy(() -> new ResolvedTag(tag, "latest", Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid digest");
        assertThatThrownBy(() -> new ResolvedTag(tag, DIGEST, Optional.of("json"), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid media type \"json\"");
        assertThatThrownBy(() -> new ResolvedTag(ImageRef.parse("app"), DIGEST, Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must name a tag");
        assertThatThrownBy(() -> new ResolvedTag(tag.withDigest(DIGEST), DIGEST, Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("and no digest");
    }
}
