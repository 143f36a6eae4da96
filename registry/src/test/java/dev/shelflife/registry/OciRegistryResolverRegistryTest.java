package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shelflife.ImageRef;
import dev.shelflife.registry.ImagePusher.Format;
import dev.shelflife.registry.ImagePusher.Pushed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real registry process: push, resolve, move the tag, resolve again. */
class OciRegistryResolverRegistryTest {

    @RegisterExtension
    static final RegistryProcess REGISTRY = RegistryProcess.open();

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private ImagePusher pusher;
    private OciRegistryResolver resolver;

    @BeforeEach
    void connect() {
        pusher = new ImagePusher(REGISTRY.base(), Optional.empty());
        resolver = OciRegistryResolver.builder(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private ImageRef ref(String repositoryAndTag) {
        return ImageRef.parse(REGISTRY.authority() + "/" + repositoryAndTag);
    }

    @Test
    void resolvesAPushedTagToTheDigestOfItsManifest() throws Exception {
        Pushed pushed = pusher.pushImage("team/app", "1.0", Format.OCI, "app 1.0");

        ResolvedTag resolved = resolver.resolve(ref("team/app:1.0")).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(pushed.digest());
        assertThat(resolved.mediaType()).contains(OciRegistryResolver.OCI_MANIFEST);
        assertThat(resolved.resolvedAt()).isEqualTo(NOW);
        assertThat(resolved.tag()).isEqualTo(ref("team/app:1.0"));
        assertThat(resolved.pinned()).hasToString(REGISTRY.authority() + "/team/app:1.0@" + pushed.digest());
    }

    @Test
    void failsOnlyTheHostileTagAndGoesOnResolvingTheRealRegistrysOnes() throws Exception {
        Pushed pushed = pusher.pushImage("team/steady", "1", Format.OCI, "steady");
        try (FakeRegistry hostile = new FakeRegistry()) {
            hostile.on(
                    "/v2/",
                    exchange -> FakeRegistry.reply(
                            exchange, 307, "", "Location", "https://evil_host/v2/x?X-Amz-Signature=deadbeef"));

            RegistryException refused =
                    catchThrowableOfType(RegistryException.class, () -> resolver.resolve(hostile.ref("team/app:1")));
            Optional<ResolvedTag> real = resolver.resolve(ref("team/steady:1"));

            assertThat(refused.reason()).isEqualTo(RegistryException.Reason.BAD_RESPONSE);
            assertThat(refused).hasMessage("HEAD evil_host/v2/x: not a valid host or port");
            assertThat(real).map(ResolvedTag::digest).contains(pushed.digest());
        }
    }

    @Test
    void seesTheNewDigestAfterTheTagMoved() throws Exception {
        Pushed built = pusher.pushImage("library/python", "3.12-slim", Format.OCI, "python 3.12.7");
        String atBuildTime =
                resolver.resolve(ref("library/python:3.12-slim")).orElseThrow().digest();

        Pushed rebuilt = pusher.pushImage("library/python", "3.12-slim", Format.OCI, "python 3.12.8");
        String now =
                resolver.resolve(ref("library/python:3.12-slim")).orElseThrow().digest();

        assertThat(atBuildTime).isEqualTo(built.digest());
        assertThat(now).isEqualTo(rebuilt.digest()).isNotEqualTo(atBuildTime);
    }

    @Test
    void resolvesAnOciIndexToTheDigestOfTheIndex() throws Exception {
        Pushed amd64 = pusher.pushImage("team/multi", "amd64", Format.OCI, "amd64 layer");
        Pushed arm64 = pusher.pushImage("team/multi", "arm64", Format.OCI, "arm64 layer");
        Pushed index = pusher.pushIndex("team/multi", "2", OciRegistryResolver.OCI_INDEX, amd64, arm64);

        ResolvedTag resolved = resolver.resolve(ref("team/multi:2")).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(index.digest()).isNotIn(amd64.digest(), arm64.digest());
        assertThat(resolved.mediaType()).contains(OciRegistryResolver.OCI_INDEX);
    }

    @Test
    void resolvesDockerManifestsAndManifestLists() throws Exception {
        Pushed manifest = pusher.pushImage("team/legacy", "single", Format.DOCKER, "docker layer");
        Pushed list = pusher.pushIndex("team/legacy", "multi", OciRegistryResolver.DOCKER_MANIFEST_LIST, manifest);

        ResolvedTag single = resolver.resolve(ref("team/legacy:single")).orElseThrow();
        ResolvedTag multi = resolver.resolve(ref("team/legacy:multi")).orElseThrow();

        assertThat(single.digest()).isEqualTo(manifest.digest());
        assertThat(single.mediaType()).contains(OciRegistryResolver.DOCKER_MANIFEST);
        assertThat(multi.digest()).isEqualTo(list.digest());
        assertThat(multi.mediaType()).contains(OciRegistryResolver.DOCKER_MANIFEST_LIST);
    }

    @Test
    void seesAnIndexReplaceASinglePlatformManifestUnderTheSameTag() throws Exception {
        Pushed single = pusher.pushImage("team/widening", "stable", Format.OCI, "single");
        String before =
                resolver.resolve(ref("team/widening:stable")).orElseThrow().digest();
        Pushed index = pusher.pushIndex("team/widening", "stable", OciRegistryResolver.OCI_INDEX, single);

        ResolvedTag after = resolver.resolve(ref("team/widening:stable")).orElseThrow();

        assertThat(before).isEqualTo(single.digest());
        assertThat(after.digest()).isEqualTo(index.digest());
        assertThat(after.mediaType()).contains(OciRegistryResolver.OCI_INDEX);
    }

    @Test
    void answersEmptyForAnUnknownTagOrRepository() throws Exception {
        pusher.pushImage("team/known", "1", Format.OCI, "known");

        assertThat(resolver.resolve(ref("team/known:2"))).isEmpty();
        assertThat(resolver.resolve(ref("team/unknown:1"))).isEmpty();
    }

    @Test
    void followsLatestWhenTheReferenceNamesNoTag() throws Exception {
        Pushed latest = pusher.pushImage("team/untagged", "latest", Format.OCI, "latest");

        ResolvedTag resolved = resolver.resolve(ref("team/untagged")).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(latest.digest());
        assertThat(resolved.tag().tag()).contains("latest");
    }

    @Test
    void followsTheTagAndIgnoresTheDigestPinnedBesideIt() throws Exception {
        Pushed old = pusher.pushImage("team/pinned", "1", Format.OCI, "old");
        Pushed current = pusher.pushImage("team/pinned", "1", Format.OCI, "current");

        ResolvedTag resolved =
                resolver.resolve(ref("team/pinned:1@" + old.digest())).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(current.digest());
        assertThat(resolved.tag().digest()).isEmpty();
    }
}
