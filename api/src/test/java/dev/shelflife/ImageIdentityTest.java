package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageIdentityTest {

    private static final String INDEX = "sha256:" + "a".repeat(64);
    private static final String MANIFEST = "sha256:" + "b".repeat(64);
    private static final String CONFIG = "sha256:" + "c".repeat(64);
    private static final String OTHER_CONFIG = "sha256:" + "d".repeat(64);

    private static ImageIdentity of(String ref) {
        return ImageIdentity.of(Image.builder().ref(ImageRef.parse(ref)).build());
    }

    private static ImageIdentity of(String ref, String manifest, String config) {
        return ImageIdentity.of(Image.builder()
                .ref(ImageRef.parse(ref))
                .manifestDigest(manifest)
                .configDigest(config)
                .build());
    }

    @Test
    void takesRepositoriesAndDigestsFromTheReferenceAndTheRepositoryDigests() {
        ImageIdentity identity = ImageIdentity.of(Image.builder()
                .ref(ImageRef.parse("python:3.12-slim"))
                .repoDigest("python@" + INDEX.toUpperCase(java.util.Locale.ROOT).replace("SHA256", "sha256"))
                .repoDigest("ghcr.io/acme/python@" + MANIFEST)
                .configDigest(CONFIG)
                .build());

        assertThat(identity.repositories()).containsExactly("docker.io/library/python", "ghcr.io/acme/python");
        assertThat(identity.tag()).contains("3.12-slim");
        assertThat(identity.digests()).containsExactly(INDEX, MANIFEST);
        assertThat(identity.configDigest()).contains(CONFIG);
        assertThat(identity.isUnknown()).isFalse();
        assertThat(ImageIdentity.of(Image.unknown()).isUnknown()).isTrue();
    }

    @Test
    void tellsDifferentRepositoriesApart() {
        assertThat(of("ghcr.io/acme/shop-api:1.4.2").conflictWith(of("ghcr.io/acme/billing:1.4.2")))
                .contains("different repositories: ghcr.io/acme/shop-api vs ghcr.io/acme/billing");
        assertThat(of("python:3.12").conflictWith(of("docker.io/library/python:3.12")))
                .isEmpty();
    }

    @Test
    void decidesByTheImageIdWhenBothHaveOneWhateverTheManifestDigestsSay() {
        ImageIdentity pulledByIndex = of("ghcr.io/acme/app:1", INDEX, CONFIG);
        ImageIdentity scannedByManifest = of("ghcr.io/acme/app:1", MANIFEST, CONFIG);
        ImageIdentity rebuilt = of("ghcr.io/acme/app:1", MANIFEST, OTHER_CONFIG);

        assertThat(pulledByIndex.conflictWith(scannedByManifest)).isEmpty();
        assertThat(scannedByManifest.conflictWith(rebuilt))
                .contains("different image ids: " + CONFIG + " vs " + OTHER_CONFIG);
    }

    @Test
    void refusesDifferentDigestsForTheSameReference() {
        ImageIdentity before = of("ghcr.io/acme/app:latest", INDEX, null);
        ImageIdentity after = of("ghcr.io/acme/app:latest", MANIFEST, null);

        assertThat(before.conflictWith(after))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("different digests: "));
        assertThat(before.conflictWith(of("ghcr.io/acme/app:1.2", INDEX, null)))
                .as("one digest pushed under two tags is one image")
                .isEmpty();
    }

    @Test
    void refusesDifferentTagsWithoutADigestToJoinThem() {
        assertThat(of("ghcr.io/acme/app:1.2").conflictWith(of("ghcr.io/acme/app:1.3")))
                .contains("different tags and no digest common to both: 1.2 vs 1.3");
        assertThat(of("ghcr.io/acme/app:1.2").conflictWith(of("ghcr.io/acme/app@" + MANIFEST)))
                .isEmpty();
    }

    @Test
    void conflictsWithNothingWhenItSaysNothing() {
        ImageIdentity unknown = ImageIdentity.of(Image.unknown());

        for (ImageIdentity known : List.of(of("ghcr.io/acme/app:1.2"), of("ghcr.io/acme/app:1", INDEX, CONFIG))) {
            assertThat(unknown.conflictWith(known)).isEmpty();
            assertThat(known.conflictWith(unknown)).isEmpty();
        }
    }

    @Test
    void isSymmetric() {
        List<ImageIdentity> identities = List.of(
                of("ghcr.io/acme/app:1.2"),
                of("ghcr.io/acme/app:1.3"),
                of("ghcr.io/acme/other:1.2"),
                of("ghcr.io/acme/app:1", INDEX, CONFIG),
                of("ghcr.io/acme/app:1", MANIFEST, OTHER_CONFIG),
                of("ghcr.io/acme/app:2", MANIFEST, null),
                ImageIdentity.of(Image.unknown()));
        for (ImageIdentity a : identities) {
            for (ImageIdentity b : identities) {
                assertThat(a.conflictWith(b).isPresent())
                        .as("%s vs %s", a, b)
                        .isEqualTo(b.conflictWith(a).isPresent());
            }
        }
    }
}
