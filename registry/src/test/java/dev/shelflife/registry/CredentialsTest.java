package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String PASSWORD = "correct-horse-battery-staple";

    @Test
    void hidesThePasswordWhenPrinted() {
        Credentials credentials = Credentials.of("robot$ci", PASSWORD);

        assertThat(credentials).hasToString("Credentials[username=robot$ci, password=***]");
    }

    @Test
    void encodesABasicAuthorizationHeader() {
        // RFC 7617's example.
        assertThat(Credentials.of("Aladdin", "open sesame").basicAuthorization())
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void rejectsWhatABasicHeaderCannotCarryWithoutQuotingThePassword() {
        assertThatThrownBy(() -> Credentials.of("", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of("robot:ci", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of("robot", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of("robot", PASSWORD + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(ThrowableText.all(e)).doesNotContain(PASSWORD));
    }
}
