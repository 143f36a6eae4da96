package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which statements are about a finding, by vulnerability and by product, and which of them speaks last. */
class StatementsTest {

    private static final String DIGEST = "sha256:2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912";
    private static final String OTHER_DIGEST =
            "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    private static final String ENCODED = DIGEST.replace(":", "%3A");

    /** ghcr.io/acme/shop-api:1.4.2, pulled by its digest. */
    private static final ImageIdentity SHOP_API = ImageIdentity.of(Image.builder()
            .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
            .repoDigest("ghcr.io/acme/shop-api@" + DIGEST)
            .build());
    /** ghcr.io/acme/shop-api:1.4.2, scanned by tag before a digest was known. */
    private static final ImageIdentity SHOP_API_BY_TAG = ImageIdentity.of(
            Image.builder().ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2")).build());

    private static final Finding ZLIB = finding("CVE-2023-45853", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64");
    private static final Finding LIBC = finding("CVE-2023-45853", "pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64");

    private static Finding finding(String id, String purl) {
        String name = purl.substring(purl.lastIndexOf('/') + 1, purl.indexOf('@'));
        return new Finding(
                Vulnerability.builder(id).severity(Severity.HIGH).build(),
                InstalledPackage.builder(name).version("1").purl(purl).build(),
                Fix.of(FixState.UNKNOWN),
                "");
    }

    private static VexStatement statement(
            VexStatement.State state, Instant made, String product, String... subcomponents) {
        return new VexStatement(
                "CVE-2023-45853",
                List.of(),
                List.of(product),
                state,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.ofNullable(made),
                subcomponents.length == 0 ? Map.of() : Map.of(product, List.of(subcomponents)));
    }

    private static VexStatement notAffected(String product, String... subcomponents) {
        return statement(VexStatement.State.NOT_AFFECTED, T0, product, subcomponents);
    }

    private static boolean isAbout(VexStatement statement, ImageIdentity image, Finding finding, String... evidence) {
        return Statements.of(List.of(statement), image, () -> Arrays.asList(evidence))
                .isAbout(0, finding);
    }

    @Test
    void appliesAnImageProductToEveryFindingOfTheImageWhenItsDigestIsTheImages() {
        VexStatement statement = notAffected("pkg:oci/shop-api@" + ENCODED);

        assertThat(isAbout(statement, SHOP_API, ZLIB)).isTrue();
        assertThat(isAbout(statement, SHOP_API, LIBC)).isTrue();
        assertThat(isAbout(
                        notAffected("pkg:oci/shop-api@" + ENCODED + "?repository_url=quay.io/acme/shop-api"),
                        SHOP_API,
                        ZLIB))
                .as("the same content pushed to another repository")
                .isTrue();
        assertThat(isAbout(notAffected("pkg:oci/shop-api@" + ENCODED.toUpperCase()), SHOP_API, ZLIB))
                .as("a digest in upper case")
                .isTrue();
    }

    @Test
    void appliesAnImageProductWithoutADigestToTheImageOfItsRepository() {
        assertThat(isAbout(notAffected("pkg:oci/shop-api?repository_url=ghcr.io/acme/shop-api"), SHOP_API, ZLIB))
                .isTrue();
        assertThat(isAbout(
                        notAffected("pkg:oci/shop-api?repository_url=https://ghcr.io/acme/shop-api/"), SHOP_API, ZLIB))
                .as("a repository URL with a scheme")
                .isTrue();
        assertThat(isAbout(notAffected("pkg:oci/shop-api"), SHOP_API, ZLIB))
                .as("a name alone is the last component of the repository")
                .isTrue();
        assertThat(isAbout(notAffected("ghcr.io/acme/shop-api"), SHOP_API, ZLIB))
                .as("an image reference")
                .isTrue();
    }

    @Test
    void appliesAnImageProductWithADigestByRepositoryToAnImageScannedByTagAlone() {
        assertThat(isAbout(
                        notAffected("pkg:oci/shop-api@" + ENCODED + "?repository_url=ghcr.io/acme/shop-api"),
                        SHOP_API_BY_TAG,
                        ZLIB))
                .isTrue();
        assertThat(isAbout(notAffected("ghcr.io/acme/shop-api@" + OTHER_DIGEST), SHOP_API_BY_TAG, ZLIB))
                .as("nothing shows it is another image")
                .isTrue();
    }

    @Test
    void appliesAProductThatGivesATagOnlyToTheImageOfThatTag() {
        String tagged = "pkg:oci/shop-api?repository_url=ghcr.io/acme/shop-api&tag=1.4.2";
        String otherTag = "pkg:oci/shop-api?repository_url=ghcr.io/acme/shop-api&tag=1.4.3";

        assertThat(isAbout(notAffected(tagged), SHOP_API, ZLIB)).isTrue();
        assertThat(isAbout(notAffected(tagged), SHOP_API_BY_TAG, ZLIB)).isTrue();
        assertThat(isAbout(notAffected(otherTag), SHOP_API, ZLIB)).isFalse();
        assertThat(isAbout(notAffected(otherTag), SHOP_API_BY_TAG, ZLIB)).isFalse();
        assertThat(isAbout(notAffected("ghcr.io/acme/shop-api:1.4.2"), SHOP_API, ZLIB))
                .isTrue();
        assertThat(isAbout(notAffected("ghcr.io/acme/shop-api:1.4.3"), SHOP_API, ZLIB))
                .isFalse();
    }

    @Test
    void appliesNoProductOfAnotherImage() {
        assertThat(isAbout(notAffected("pkg:oci/shop-api@" + OTHER_DIGEST.replace(":", "%3A")), SHOP_API, ZLIB))
                .as("another digest, though the name is the image's")
                .isFalse();
        assertThat(isAbout(
                        notAffected("pkg:oci/shop-api@" + OTHER_DIGEST.replace(":", "%3A")
                                + "?repository_url=ghcr.io/acme/shop-api"),
                        SHOP_API,
                        ZLIB))
                .as("another digest in the image's repository: another build")
                .isFalse();
        assertThat(isAbout(notAffected("pkg:oci/cart-api?repository_url=ghcr.io/acme/cart-api"), SHOP_API, ZLIB))
                .isFalse();
        assertThat(isAbout(notAffected("pkg:oci/shop-api?repository_url=ghcr.io/other/shop-api"), SHOP_API, ZLIB))
                .as("another repository of the same name")
                .isFalse();
        assertThat(isAbout(notAffected("pkg:oci/alpine"), SHOP_API, ZLIB)).isFalse();
        assertThat(isAbout(notAffected("registry.k8s.io/kube-apiserver:v1.26.0"), SHOP_API, ZLIB))
                .isFalse();
    }

    @Test
    void appliesNoImageProductWhenNothingIsKnownOfTheJudgedImage() {
        ImageIdentity unknown = ImageIdentity.of(Image.unknown());

        assertThat(isAbout(notAffected("pkg:oci/shop-api@" + ENCODED), unknown, ZLIB))
                .isFalse();
        assertThat(isAbout(notAffected("pkg:oci/shop-api"), unknown, ZLIB)).isFalse();
    }

    @Test
    void appliesAnImageProductsSubcomponentsToTheirPackagesAloneAndAVersionlessOneToEveryVersion() {
        VexStatement versionless = notAffected("pkg:oci/shop-api@" + ENCODED, "pkg:deb/debian/zlib1g");
        VexStatement versioned = notAffected("pkg:oci/shop-api@" + ENCODED, "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-2");

        assertThat(isAbout(versionless, SHOP_API, ZLIB)).isTrue();
        assertThat(isAbout(versionless, SHOP_API, LIBC)).isFalse();
        assertThat(isAbout(
                        versionless,
                        SHOP_API,
                        finding("CVE-2023-45853", "pkg:deb/debian/zlib1g@1:1.3.dfsg-3.1?arch=arm64")))
                .isTrue();
        assertThat(isAbout(versioned, SHOP_API, ZLIB)).as("another version").isFalse();
        assertThat(isAbout(versionless, ImageIdentity.of(Image.unknown()), ZLIB))
                .as("the subcomponent of an image that may not be this one")
                .isFalse();
        Finding withoutPurl = new Finding(
                ZLIB.vulnerability(), InstalledPackage.of("zlib1g", "1:1.2.13.dfsg-1"), Fix.of(FixState.UNKNOWN), "");
        assertThat(isAbout(versionless, SHOP_API, withoutPurl)).isFalse();
        assertThat(isAbout(notAffected("pkg:oci/shop-api@" + ENCODED), SHOP_API, withoutPurl))
                .as("every finding of the image, whatever its package")
                .isTrue();
    }

    @Test
    void appliesASubcomponentOfAPackageOnlyWhereTheEvidenceShowsThePackage() {
        VexStatement statement =
                notAffected("pkg:golang/github.com/aquasecurity/trivy", "pkg:golang/github.com/docker/docker");
        Finding docker = finding("CVE-2023-45853", "pkg:golang/github.com/docker/docker@v24.0.7+incompatible");

        assertThat(isAbout(statement, SHOP_API, docker)).isFalse();
        assertThat(isAbout(statement, SHOP_API, docker, "pkg:golang/github.com/aquasecurity/trivy@v0.50.1"))
                .isTrue();
        assertThat(isAbout(statement, SHOP_API, docker, "pkg:golang/github.com/acme/shop-api@v1.4.2"))
                .isFalse();
    }

    @Test
    void appliesASubcomponentOfAPlatformToItsPackageAndAPlatformOrNameAloneToNothing() {
        String rpm = "pkg:rpm/redhat/bind@9.16.23-18.el9_4.6?arch=x86_64&epoch=32";
        Finding bind = finding("CVE-2023-45853", "pkg:rpm/redhat/bind@9.16.23-18.el9_4.6?arch=x86_64&distro=rhel-9.4");

        assertThat(isAbout(notAffected("cpe:/o:redhat:enterprise_linux:9::baseos", rpm), SHOP_API, bind))
                .isTrue();
        assertThat(isAbout(notAffected("cpe:/o:redhat:enterprise_linux:9::baseos"), SHOP_API, bind))
                .isFalse();
        assertThat(isAbout(notAffected("nginx"), SHOP_API, bind)).isFalse();
        assertThat(isAbout(notAffected("shop-api"), SHOP_API, bind))
                .as("a bare word is no image reference")
                .isFalse();
    }

    @Test
    void appliesAPackageProductToThatPackageAndAStatementWithoutProductsToEveryFinding() {
        assertThat(isAbout(notAffected("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1"), SHOP_API, ZLIB))
                .isTrue();
        assertThat(isAbout(notAffected("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1"), SHOP_API, LIBC))
                .isFalse();
        VexStatement everywhere = new VexStatement(
                "CVE-2023-45853",
                List.of(),
                List.of(),
                VexStatement.State.NOT_AFFECTED,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
        assertThat(isAbout(everywhere, SHOP_API, LIBC)).isTrue();
        assertThat(isAbout(everywhere, SHOP_API, finding("CVE-2024-1", "pkg:deb/debian/libc6@2.36")))
                .isFalse();
    }

    private static int deciding(Finding finding, VexStatement... statements) {
        return Statements.of(List.of(statements), SHOP_API, List::of).deciding(finding);
    }

    @Test
    void letsTheStatementMadeLastDecideWhicheverComesFirst() {
        VexStatement january = statement(VexStatement.State.NOT_AFFECTED, days(0), "pkg:oci/shop-api@" + ENCODED);
        VexStatement march = statement(VexStatement.State.EXPLOITABLE, days(60), "pkg:oci/shop-api@" + ENCODED);

        assertThat(deciding(ZLIB, january, march)).isEqualTo(1);
        assertThat(deciding(ZLIB, march, january)).isZero();
    }

    @Test
    void letsADatedStatementBeatAnUndatedOneAndTheLaterOfTwoUndatedOnes() {
        VexStatement undated = statement(VexStatement.State.NOT_AFFECTED, null, "pkg:oci/shop-api@" + ENCODED);
        VexStatement dated = statement(VexStatement.State.EXPLOITABLE, days(1), "pkg:deb/debian/zlib1g");
        VexStatement alsoUndated = statement(VexStatement.State.EXPLOITABLE, null, "pkg:deb/debian/zlib1g");

        assertThat(deciding(ZLIB, dated, undated)).isZero();
        assertThat(deciding(ZLIB, undated, dated)).isEqualTo(1);
        assertThat(deciding(ZLIB, undated, alsoUndated)).isEqualTo(1);
        assertThat(deciding(ZLIB, alsoUndated, undated)).isEqualTo(1);
    }

    @Test
    void letsTheLaterOfTwoStatementsMadeAtOneInstantDecide() {
        VexStatement first = statement(VexStatement.State.NOT_AFFECTED, days(1), "pkg:deb/debian/zlib1g");
        VexStatement second = statement(VexStatement.State.IN_TRIAGE, days(1), "pkg:oci/shop-api@" + ENCODED);

        assertThat(deciding(ZLIB, first, second)).isEqualTo(1);
        assertThat(deciding(ZLIB, second, first)).isEqualTo(1);
    }

    @Test
    void weighsOnlyTheStatementsAboutTheFinding() {
        VexStatement zlib = statement(VexStatement.State.NOT_AFFECTED, days(0), "pkg:deb/debian/zlib1g");
        VexStatement libcLater = statement(VexStatement.State.EXPLOITABLE, days(9), "pkg:deb/debian/libc6");
        VexStatement otherImageLater = statement(VexStatement.State.EXPLOITABLE, days(9), "pkg:oci/cart-api");
        VexStatement otherVulnerabilityLater = new VexStatement(
                "CVE-2024-2961",
                List.of(),
                List.of(),
                VexStatement.State.EXPLOITABLE,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.of(days(9)));

        assertThat(deciding(ZLIB, zlib, libcLater, otherImageLater, otherVulnerabilityLater))
                .isZero();
        assertThat(deciding(finding("CVE-2022-1", "pkg:deb/debian/zlib1g@1"), zlib))
                .isEqualTo(-1);
    }

    @Test
    void findsAStatementByAnAliasOfTheFindingOrOfItsOwn() {
        VexStatement byGoId = new VexStatement(
                "GO-2024-2512",
                List.of("CVE-2024-24557", "GHSA-xw73-rw38-6vjc"),
                List.of("pkg:oci/shop-api@" + ENCODED),
                VexStatement.State.NOT_AFFECTED,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.of(days(0)));
        Finding byCve = finding("CVE-2024-24557", "pkg:golang/github.com/docker/docker@v24.0.7");
        Finding byGhsa = new Finding(
                Vulnerability.builder("GHSA-xw73-rw38-6vjc")
                        .alias("CVE-2024-24557")
                        .build(),
                byCve.pkg(),
                Fix.of(FixState.UNKNOWN),
                "");

        assertThat(deciding(byCve, byGoId)).isZero();
        assertThat(deciding(byGhsa, byGoId)).isZero();
    }
}
