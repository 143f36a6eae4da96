package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String PASSWORD = "n0t/f0r y0ur+Eyes";

    private static Secrets of(String... secrets) {
        Secrets all = new Secrets();
        for (String secret : secrets) {
            all.add(secret);
        }
        return all;
    }

    @Test
    void hidesASecretWhereverItIsEchoed() {
        Secrets secrets = of(PASSWORD);

        assertThat(secrets.scrub("bad password n0t/f0r y0ur+Eyes, try again")).isEqualTo("bad password ***, try again");
        assertThat(secrets.scrub("a n0t/f0r y0ur+Eyes b n0t/f0r y0ur+Eyes")).isEqualTo("a *** b ***");
        assertThat(secrets.leaksIn("nothing to see")).isFalse();
    }

    @Test
    void hidesASecretEchoedInAnotherCase() {
        assertThat(of(PASSWORD).scrub("BAD PASSWORD N0T/F0R Y0UR+EYES")).isEqualTo("BAD PASSWORD ***");
        assertThat(of(PASSWORD).scrub("bad password n0t/f0r y0ur+eyes.")).isEqualTo("bad password ***.");
    }

    @Test
    void hidesASecretEchoedPercentEncodedInEitherCaseOfHexOrPartly() {
        Secrets secrets = of(PASSWORD);

        assertThat(secrets.scrub("password=n0t%2Ff0r%20y0ur%2BEyes&x=1")).isEqualTo("password=***&x=1");
        assertThat(secrets.scrub("password=n0t%2ff0r+y0ur%2beyes")).isEqualTo("password=***");
        assertThat(secrets.scrub("password=n0t/f0r%20y0ur+Eyes")).isEqualTo("password=***");
        assertThat(secrets.scrub("p=%6E%30%74%2F%66%30%72%20%79%30%75%72%2B%45%79%65%73"))
                .isEqualTo("p=***");
    }

    @Test
    void hidesASecretOfOtherScriptsEchoedRawOrEncoded() {
        Secrets secrets = of("pässwört-ü");

        assertThat(secrets.scrub("got pässwört-ü")).isEqualTo("got ***");
        assertThat(secrets.scrub("got P%C3%84SSW%C3%B6RT-%c3%bc")).isEqualTo("got ***");
    }

    @Test
    void hidesTheFirstCharactersOfASecretWhereAMessageIsCut() {
        Secrets secrets = of(PASSWORD);

        assertThat(secrets.scrub("the registry said: bad password n0t/f0r y0"))
                .isEqualTo("the registry said: bad password ***");
        assertThat(secrets.scrub("(bad password N0T%2FF…) and more")).isEqualTo("(bad password ***…) and more");
        assertThat(secrets.scrub("ends in n0t/")).isEqualTo("ends in ***");
        // Fewer than four characters say nothing about the secret, and are kept.
        assertThat(secrets.scrub("ends in n0t")).isEqualTo("ends in n0t");
        // Its first characters elsewhere than at a cut are ordinary text.
        assertThat(secrets.scrub("n0t/f0r now")).isEqualTo("n0t/f0r now");
    }

    @Test
    void leavesOutTheQueryOfEveryUrlWithOrWithoutSecrets() {
        Secrets none = of();

        assertThat(none.scrub("GET https://auth.example/token?service=x&sig=abc123 failed"))
                .isEqualTo("GET https://auth.example/token?(query left out) failed");
        assertThat(none.scrub("see HTTP://Example.com:8443/a/b?X-Amz-Signature=f00d#frag and ftp://h/p?q"))
                .isEqualTo("see HTTP://Example.com:8443/a/b?(query left out)#frag and ftp://h/p?(query left out)");
        assertThat(none.scrub("a question? no URL here")).isEqualTo("a question? no URL here");
        assertThat(none.leaksIn("https://h/p?token=1")).isTrue();
    }

    @Test
    void ignoresBlankSecrets() {
        assertThat(of("", "  ").scrub("a b c")).isEqualTo("a b c");
    }
}
