package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void readsDockerHubsBearerChallenge() {
        List<Challenge> challenges = Challenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/python:pull\"");

        assertThat(challenges)
                .containsExactly(new Challenge(
                        "bearer",
                        Map.of(
                                "realm", "https://auth.docker.io/token",
                                "service", "registry.docker.io",
                                "scope", "repository:library/python:pull")));
    }

    @Test
    void readsSeveralChallengesInOneHeaderWithCommasInsideQuotes() {
        List<Challenge> challenges = Challenge.parse(
                "Basic realm=\"Registry, private\", Bearer realm=\"https://ghcr.io/token\", error=\"insufficient_scope\"");

        assertThat(challenges)
                .containsExactly(
                        new Challenge("basic", Map.of("realm", "Registry, private")),
                        new Challenge(
                                "bearer", Map.of("realm", "https://ghcr.io/token", "error", "insufficient_scope")));
    }

    @Test
    void foldsCaseOfSchemesAndNamesButNotOfValues() {
        assertThat(Challenge.parse("BEARER Realm=\"https://Auth.example/Token\""))
                .containsExactly(new Challenge("bearer", Map.of("realm", "https://Auth.example/Token")));
    }

    @Test
    void readsEscapesTokenValuesAndSpacesAroundEquals() {
        assertThat(Challenge.parse("Basic realm = plain , charset=\"UTF-8\", note=\"say \\\"hi\\\"\", empty=\"\""))
                .containsExactly(new Challenge(
                        "basic", Map.of("realm", "plain", "charset", "UTF-8", "note", "say \"hi\"", "empty", "")));
    }

    @Test
    void readsSchemesWithoutParameters() {
        assertThat(Challenge.parse("Negotiate, Basic realm=\"x\""))
                .containsExactly(new Challenge("negotiate", Map.of()), new Challenge("basic", Map.of("realm", "x")));
        assertThat(Challenge.parse("")).isEmpty();
    }

    @Test
    void rejectsMalformedHeadersSayingWhere() {
        assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"https://x/token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("unterminated quoted string");
        assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\",realm=\"b\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("parameter realm appears twice");
        assertThatThrownBy(() -> Challenge.parse("Bearer realm=,service=\"s\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("parameter realm has no value");
        assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\" service=\"s\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed WWW-Authenticate at character 18: expected ',' after parameter realm");
        assertThatThrownBy(() -> Challenge.parse("=\"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("expected an authentication scheme");
    }
}
