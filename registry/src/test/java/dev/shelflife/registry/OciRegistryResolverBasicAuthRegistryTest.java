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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real registry process that requires basic authentication (htpasswd). */
class OciRegistryResolverBasicAuthRegistryTest {

    private static final String PASSWORD = "Tr0ub4dor-3-shelf";

    /** {@code ci-reader:PASSWORD}, bcrypt with cost 4 so that each request stays fast. */
    @RegisterExtension
    static final RegistryProcess REGISTRY =
            RegistryProcess.withBasicAuth("ci-reader:$2b$04$35LqyWJlFArzFt7iNeYSvOj6eUXM2m0g3fLFZPacXya0/Mex3uC4m");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private ImageRef ref(String repositoryAndTag) {
        return ImageRef.parse(REGISTRY.authority() + "/" + repositoryAndTag);
    }

    @Test
    void resolvesWithTheCredentialsConfiguredForTheRegistry() throws Exception {
        Credentials credentials = Credentials.of("ci-reader", PASSWORD);
        Pushed pushed = new ImagePusher(REGISTRY.base(), Optional.of(credentials))
                .pushImage("team/private", "1", Format.OCI, "private");
        OciRegistryResolver resolver = OciRegistryResolver.builder(CLOCK)
                .credentials(REGISTRY.authority(), credentials)
                .build();

        assertThat(resolver.resolve(ref("team/private:1")))
                .map(ResolvedTag::digest)
                .contains(pushed.digest());
    }

    @Test
    void saysWhichRegistryLacksCredentials() {
        OciRegistryResolver resolver = OciRegistryResolver.builder(CLOCK).build();

        RegistryException e =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(ref("team/private:1")));

        assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_AUTHORIZED);
        assertThat(e)
                .hasMessageContaining(
                        "requires basic authentication and no credentials are configured for " + REGISTRY.authority());
    }

    @Test
    void neverShowsARefusedPassword() {
        String wrong = "wrong-" + PASSWORD;
        Credentials credentials = Credentials.of("ci-reader", wrong);
        OciRegistryResolver resolver = OciRegistryResolver.builder(CLOCK)
                .credentials(REGISTRY.authority(), credentials)
                .build();

        RegistryException e =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(ref("team/private:1")));

        assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_AUTHORIZED);
        assertThat(e).hasMessageContaining("refused the credentials for " + REGISTRY.authority());
        assertThat(ThrowableText.all(e))
                .doesNotContain(wrong)
                .doesNotContain(credentials.basicAuthorization().substring("Basic ".length()));
    }
}
