package dev.shelflife.registry;

import static dev.shelflife.registry.FakeRegistry.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.ImageRef;
import dev.shelflife.registry.RegistryException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol corners, against an in-process server that plays the registry and its token endpoint. */
class OciRegistryResolverTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"" + OciRegistryResolver.OCI_MANIFEST + "\"}";
    private static final String DIGEST = ImagePusher.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));
    private static final String MANIFEST_PATH = "/v2/team/app/manifests/1.0";
    private static final String PASSWORD = "n0t-f0r-y0ur-eyes-7731";
    private static final Credentials CREDENTIALS = Credentials.of("robot", PASSWORD);

    private FakeRegistry registry;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private OciRegistryResolver.Builder resolver() {
        return OciRegistryResolver.builder(CLOCK);
    }

    private ImageRef app() {
        return registry.ref("team/app:1.0");
    }

    private RegistryException failure(OciRegistryResolver resolver) {
        return catchThrowableOfType(RegistryException.class, () -> resolver.resolve(app()));
    }

    private String bearerChallenge(String params) {
        return "Bearer realm=\"http://" + registry.authority() + "/token\"" + params;
    }

    /** The manifest path answers with the digest to {@code expected} authorization, and with {@code challenge} otherwise. */
    private void manifestBehind(String expected, String challenge) {
        registry.on(MANIFEST_PATH, exchange -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(
                        exchange,
                        200,
                        "",
                        "Docker-Content-Digest",
                        DIGEST,
                        "Content-Type",
                        OciRegistryResolver.OCI_MANIFEST);
            } else {
                reply(
                        exchange,
                        401,
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
                        "WWW-Authenticate",
                        challenge);
            }
        });
    }

    @Test
    void getsAnAnonymousTokenFromTheBearerChallengeAndRetries() {
        manifestBehind(
                "Bearer anonymous-token",
                bearerChallenge(",service=\"fake-registry\",scope=\"repository:team/app:pull\""));
        registry.on("/token", exchange -> reply(exchange, 200, "{\"token\":\"anonymous-token\",\"expires_in\":300}"));

        ResolvedTag resolved = resolver().build().resolve(app()).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(DIGEST);
        assertThat(resolved.mediaType()).contains(OciRegistryResolver.OCI_MANIFEST);
        assertThat(resolved.resolvedAt()).isEqualTo(NOW);
        assertThat(registry.requests())
                .extracting(
                        FakeRegistry.Request::method, FakeRegistry.Request::path, FakeRegistry.Request::authorization)
                .containsExactly(
                        tuple("HEAD", MANIFEST_PATH, Optional.empty()),
                        tuple("GET", "/token", Optional.empty()),
                        tuple("HEAD", MANIFEST_PATH, Optional.of("Bearer anonymous-token")));
        assertThat(registry.requests().get(1).query())
                .isEqualTo("service=fake-registry&scope=repository:team/app:pull");
    }

    @Test
    void readsTheAccessTokenFieldWhenThereIsNoTokenField() {
        manifestBehind("Bearer oauth-style", bearerChallenge(",service=\"fake-registry\""));
        registry.on("/token", exchange -> reply(exchange, 200, "{\"access_token\":\"oauth-style\"}"));

        assertThat(resolver().build().resolve(app())).map(ResolvedTag::digest).contains(DIGEST);
    }

    @Test
    void asksForPullOnTheRepositoryWhenTheChallengeNamesNoScope() {
        manifestBehind("Bearer t", bearerChallenge(""));
        registry.on("/token", exchange -> reply(exchange, 200, "{\"token\":\"t\"}"));

        resolver().build().resolve(app());

        assertThat(registry.requests().get(1).query()).isEqualTo("scope=repository:team/app:pull");
    }

    @Test
    void sendsTheRegistrysCredentialsToItsTokenEndpoint() {
        manifestBehind("Bearer robot-token", bearerChallenge(",service=\"fake-registry\""));
        registry.on("/token", exchange -> {
            boolean known = CREDENTIALS
                    .basicAuthorization()
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, known ? 200 : 401, known ? "{\"token\":\"robot-token\"}" : "{\"details\":\"who are you\"}");
        });

        OciRegistryResolver resolver =
                resolver().credentials(registry.authority(), CREDENTIALS).build();

        assertThat(resolver.resolve(app())).map(ResolvedTag::digest).contains(DIGEST);
        assertThat(registry.requests().get(1).authorization()).contains(CREDENTIALS.basicAuthorization());
    }

    @Test
    void saysToConfigureCredentialsWhenTheTokenEndpointRefusesAnonymousAccess() {
        manifestBehind("Bearer never", bearerChallenge(",scope=\"repository:team/app:pull\""));
        registry.on("/token", exchange -> reply(exchange, 401, "{\"details\":\"anonymous pulls are disabled\"}"));

        RegistryException e = failure(resolver().build());

        assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHORIZED);
        assertThat(e)
                .hasMessage("GET " + registry.authority()
                        + "/token refused anonymous access; configure credentials for " + registry.authority()
                        + " (scope repository:team/app:pull) (anonymous pulls are disabled)");
    }

    @Test
    void neverShowsThePasswordEvenWhenTheTokenEndpointEchoesIt() {
        manifestBehind("Bearer never", bearerChallenge(""));
        registry.on(
                "/token",
                exchange -> reply(
                        exchange,
                        401,
                        "{\"details\":\"bad header "
                                + exchange.getRequestHeaders().getFirst("Authorization") + " for password " + PASSWORD
                                + "\"}"));

        RegistryException e = failure(
                resolver().credentials(registry.authority(), CREDENTIALS).build());

        assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHORIZED);
        assertThat(e)
                .hasMessageContaining("refused the credentials for " + registry.authority())
                .hasMessageContaining("bad header Basic *** for password ***");
        assertThat(ThrowableText.all(e))
                .doesNotContain(PASSWORD)
                .doesNotContain(CREDENTIALS.basicAuthorization().substring("Basic ".length()));
    }

    @Test
    void neverShowsTheTokenEvenWhenTheRegistryEchoesIt() {
        String token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
        // Without HEAD support, so that the refusal comes with a body.
        registry.on(MANIFEST_PATH, exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "");
            } else {
                reply(
                        exchange,
                        401,
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"rejected " + authorization + "\"}]}",
                        "WWW-Authenticate",
                        bearerChallenge(""));
            }
        });
        registry.on("/token", exchange -> reply(exchange, 200, "{\"token\":\"" + token + "\"}"));

        RegistryException e = catchThrowableOfType(
                RegistryException.class,
                () -> resolver()
                        .credentials(registry.authority(), CREDENTIALS)
                        .build()
                        .resolve(app()));

        assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHORIZED);
        assertThat(e)
                .hasMessage("GET " + registry.authority() + MANIFEST_PATH + " refused the token from "
                        + registry.authority() + "/token (UNAUTHORIZED: rejected Bearer ***)");
        assertThat(ThrowableText.all(e)).doesNotContain(token).doesNotContain(PASSWORD);
    }

    @Test
    void explainsAChallengeItCannotAnswer() {
        registry.on(MANIFEST_PATH, exchange -> reply(exchange, 401, "", "WWW-Authenticate", "Negotiate"));
        registry.on("/v2/team/bare/", exchange -> reply(exchange, 401, ""));
        registry.on(
                "/v2/team/garbled/",
                exchange -> reply(exchange, 401, "", "WWW-Authenticate", "Bearer realm=\"unterminated"));
        OciRegistryResolver resolver = resolver().build();

        assertThatThrownBy(() -> resolver.resolve(app()))
                .isInstanceOf(RegistryException.class)
                .hasMessageEndingWith("answered 401 with no supported challenge (offered: negotiate)");
        assertThatThrownBy(() -> resolver.resolve(registry.ref("team/bare:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageEndingWith("answered 401 without a challenge")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.NOT_AUTHORIZED);
        assertThatThrownBy(() -> resolver.resolve(registry.ref("team/garbled:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("malformed WWW-Authenticate")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.BAD_RESPONSE);
    }

    @Test
    void refusesATokenRealmOverPlainHttpOnAnotherHost() {
        registry.on(
                MANIFEST_PATH,
                exchange -> reply(
                        exchange,
                        401,
                        "",
                        "WWW-Authenticate",
                        "Bearer realm=\"http://auth.example.com/token\",service=\"x\""));

        RegistryException e = failure(
                resolver().credentials(registry.authority(), CREDENTIALS).build());

        assertThat(e.reason()).isEqualTo(Reason.INSECURE);
        assertThat(e).hasMessageStartingWith("GET auth.example.com/token: refusing plain http");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void computesTheDigestFromTheManifestWhenTheRegistrySendsNoDigestHeader() {
        registry.on(
                MANIFEST_PATH,
                exchange -> reply(
                        exchange, 200, MANIFEST, "Content-Type", OciRegistryResolver.OCI_MANIFEST + "; charset=utf-8"));

        ResolvedTag resolved = resolver().build().resolve(app()).orElseThrow();

        assertThat(resolved.digest()).isEqualTo(DIGEST);
        assertThat(resolved.mediaType()).contains(OciRegistryResolver.OCI_MANIFEST);
        assertThat(registry.requests()).extracting(FakeRegistry.Request::method).containsExactly("HEAD", "GET");
    }

    @Test
    void fallsBackToGetWhenHeadIsNotAllowed() {
        registry.on(MANIFEST_PATH, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "");
            } else {
                reply(
                        exchange,
                        200,
                        MANIFEST,
                        "Docker-Content-Digest",
                        DIGEST,
                        "Content-Type",
                        OciRegistryResolver.OCI_MANIFEST);
            }
        });

        assertThat(resolver().build().resolve(app())).map(ResolvedTag::digest).contains(DIGEST);
    }

    @Test
    void refusesAManifestLargerThanTheLimit() {
        String large = "{\"schemaVersion\":2,\"padding\":\"" + "x".repeat(2048) + "\"}";
        registry.on(MANIFEST_PATH, exchange -> reply(exchange, 200, large));
        registry.on("/v2/team/chunked/", exchange -> {
            exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 8; i++) {
                    out.write(large.getBytes(StandardCharsets.UTF_8), 0, 512);
                    out.flush();
                }
            }
        });
        OciRegistryResolver resolver = resolver().maxResponseBytes(1024).build();

        RegistryException declared = failure(resolver);
        RegistryException streamed =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/chunked:1")));

        assertThat(declared.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(declared)
                .hasMessage("GET " + registry.authority() + MANIFEST_PATH + ": response body larger than 1024 bytes");
        assertThat(streamed.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(streamed).hasMessageEndingWith("/v2/team/chunked/manifests/1: response body larger than 1024 bytes");
    }

    @Test
    void rejectsAnEmptyManifestWithoutADigest() {
        registry.on(MANIFEST_PATH, exchange -> reply(exchange, 200, ""));

        assertThat(failure(resolver().build()))
                .hasMessageEndingWith("answered without a Docker-Content-Digest and with an empty manifest");
    }

    @Test
    void rejectsAMalformedDigestHeader() {
        registry.on(
                MANIFEST_PATH,
                exchange -> reply(exchange, 200, "", "Docker-Content-Digest", "sha256:" + "ab".repeat(20)));

        RegistryException e = failure(resolver().build());

        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(e).hasMessageContaining("sha256 takes 64 hex digits");
    }

    @Test
    void timesOutARegistryThatDoesNotAnswer() {
        registry.on(MANIFEST_PATH, exchange -> TimeUnit.SECONDS.sleep(10));
        long start = System.nanoTime();

        RegistryException e =
                failure(resolver().requestTimeout(Duration.ofMillis(300)).build());

        assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void timesOutABodyThatTricklesIn() {
        registry.on(MANIFEST_PATH, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 200, "");
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                out.write('{');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100);
            }
        });
        long start = System.nanoTime();

        RegistryException e =
                failure(resolver().requestTimeout(Duration.ofMillis(500)).build());

        assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(e).hasMessage("GET " + registry.authority() + MANIFEST_PATH + ": no answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void tellsRefusalsRateLimitsAndServerErrorsApart() {
        registry.on(
                "/v2/team/denied/",
                exchange -> reply(
                        exchange,
                        403,
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));
        registry.on("/v2/team/busy/", exchange -> reply(exchange, 429, "", "Retry-After", "60"));
        registry.on("/v2/team/broken/", exchange -> reply(exchange, 500, "<html>oops</html>"));
        OciRegistryResolver resolver = resolver().build();

        RegistryException denied =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/denied:1")));
        RegistryException busy =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/busy:1")));
        RegistryException broken =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/broken:1")));

        assertThat(denied.reason()).isEqualTo(Reason.DENIED);
        assertThat(denied).hasMessage("HEAD " + registry.authority() + "/v2/team/denied/manifests/1 answered 403");
        assertThat(busy.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(busy).hasMessageEndingWith("answered 429; retry after 60");
        assertThat(broken.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(broken).hasMessageEndingWith("/v2/team/broken/manifests/1 answered 500");
    }

    @Test
    void quotesTheRegistrysErrorCodeFromAGetBody() {
        registry.on(MANIFEST_PATH, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "");
            } else {
                reply(
                        exchange,
                        403,
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
            }
        });

        assertThat(failure(resolver().build()))
                .hasMessage("GET " + registry.authority() + MANIFEST_PATH
                        + " answered 403 (DENIED: requested access to the resource is denied)");
    }

    @Test
    void keepsOnlyTheHeadOfALargeErrorBody() {
        registry.on(
                MANIFEST_PATH,
                exchange -> reply(
                        exchange,
                        exchange.getRequestMethod().equals("HEAD") ? 405 : 403,
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + "no ".repeat(40_000) + "\"}]}"));

        RegistryException e = failure(resolver().maxResponseBytes(1024).build());

        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e).hasMessage("GET " + registry.authority() + MANIFEST_PATH + " answered 403");
    }

    @Test
    void reportsARegistryThatIsNotThere() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        RegistryException e = catchThrowableOfType(
                RegistryException.class,
                () -> resolver().build().resolve(ImageRef.parse("127.0.0.1:" + closedPort + "/team/app:1.0")));

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e).hasMessageStartingWith("HEAD 127.0.0.1:" + closedPort + "/v2/team/app/manifests/1.0: ");
    }

    @Test
    void followsRedirectsAndSendsTheAuthorizationToTheSameHostOnly() {
        String elsewhere = "http://localhost:" + registry.authority().split(":")[1] + "/storage/manifest";
        registry.on(MANIFEST_PATH, exchange -> {
            if (exchange.getRequestHeaders().containsKey("Authorization")) {
                reply(exchange, 307, "", "Location", "/v2/team/app/manifests/moved");
            } else {
                reply(exchange, 401, "", "WWW-Authenticate", "Basic realm=\"fake\"");
            }
        });
        registry.on("/v2/team/app/manifests/moved", exchange -> reply(exchange, 302, "", "Location", elsewhere));
        registry.on("/storage/manifest", exchange -> reply(exchange, 200, "", "Docker-Content-Digest", DIGEST));

        Optional<ResolvedTag> resolved = resolver()
                .credentials(registry.authority(), CREDENTIALS)
                .build()
                .resolve(app());

        assertThat(resolved).map(ResolvedTag::digest).contains(DIGEST);
        assertThat(registry.requests())
                .extracting(FakeRegistry.Request::path, FakeRegistry.Request::authorization)
                .containsExactly(
                        tuple(MANIFEST_PATH, Optional.empty()),
                        tuple(MANIFEST_PATH, Optional.of(CREDENTIALS.basicAuthorization())),
                        tuple("/v2/team/app/manifests/moved", Optional.of(CREDENTIALS.basicAuthorization())),
                        tuple("/storage/manifest", Optional.empty()));
    }

    @Test
    void failsOnlyTheTagWhenALocationHeaderNamesAHostNoRequestCanGoTo() {
        registry.on(
                "/v2/team/underscore/",
                exchange -> reply(exchange, 307, "", "Location", "https://bad_host:5000/v2/x?X-Signature=s3cr3t-sig"));
        registry.on(
                "/v2/team/port/",
                exchange -> reply(exchange, 302, "", "Location", "http://127.0.0.1:99999/blob?token=s3cr3t-sig"));
        registry.on(
                "/v2/team/userinfo/",
                exchange -> reply(exchange, 302, "", "Location", "https://robot:s3cr3t-sig@bad_host/blob"));
        registry.on(MANIFEST_PATH, exchange -> reply(exchange, 200, "", "Docker-Content-Digest", DIGEST));
        OciRegistryResolver resolver = resolver().build();

        for (String tag : List.of("team/underscore:1", "team/port:1", "team/userinfo:1")) {
            RegistryException e =
                    catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref(tag)));

            assertThat(e).as(tag).isNotNull();
            assertThat(e.reason()).as(tag).isEqualTo(Reason.BAD_RESPONSE);
            assertThat(e).as(tag).hasMessageEndingWith(": not a valid host or port");
            assertThat(ThrowableText.all(e)).as(tag).doesNotContain("s3cr3t-sig");
        }
        // The same resolver goes on with the next tag.
        assertThat(resolver.resolve(app())).map(ResolvedTag::digest).contains(DIGEST);
    }

    @Test
    void failsOnlyTheTagWhenABearerRealmNamesAHostNoRequestCanGoTo() {
        registry.on(
                MANIFEST_PATH,
                exchange -> reply(
                        exchange,
                        401,
                        "",
                        "WWW-Authenticate",
                        "Bearer realm=\"https://bad_host/token?sig=s3cr3t-sig\",service=\"x\""));
        registry.on(
                "/v2/team/port/",
                exchange -> reply(
                        exchange, 401, "", "WWW-Authenticate", "Bearer realm=\"https://auth.example:123456/token\""));

        RegistryException underscore = failure(resolver().build());
        RegistryException port = catchThrowableOfType(
                RegistryException.class, () -> resolver().build().resolve(registry.ref("team/port:1")));

        assertThat(underscore.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(underscore).hasMessage("GET bad_host/token: not a valid host or port");
        assertThat(ThrowableText.all(underscore)).doesNotContain("s3cr3t-sig");
        assertThat(port.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(port).hasMessage("GET auth.example:123456/token: not a valid host or port");
    }

    @Test
    void neverShowsASecretEchoedInAnotherCasePercentEncodedOrCutAtTheLengthLimit() {
        String password = "Pa55/w0rd+Secret";
        Credentials credentials = Credentials.of("robot", password);
        registry.on(MANIFEST_PATH, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "");
            } else {
                reply(
                        exchange,
                        401,
                        "{\"details\":\"wrong password PA55/W0RD+SECRET\"}",
                        "WWW-Authenticate",
                        "Basic realm=\"fake\"");
            }
        });
        registry.on(
                "/v2/team/encoded/",
                exchange -> reply(
                        exchange,
                        exchange.getRequestMethod().equals("HEAD") ? 405 : 403,
                        "{\"details\":\"user robot password PA55%2FW0RD%2BSECRET refused, see"
                                + " https://docs.example/denied?user=robot&password=x\"}"));
        // The password straddles the 200th character, where a detail is cut.
        registry.on(
                "/v2/team/cut/",
                exchange -> reply(
                        exchange,
                        exchange.getRequestMethod().equals("HEAD") ? 405 : 403,
                        "{\"details\":\"" + "x".repeat(190) + " " + password + " and more\"}"));
        OciRegistryResolver resolver =
                resolver().credentials(registry.authority(), credentials).build();

        RegistryException echoed = failure(resolver);
        RegistryException encoded =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/encoded:1")));
        RegistryException cut =
                catchThrowableOfType(RegistryException.class, () -> resolver.resolve(registry.ref("team/cut:1")));

        assertThat(echoed.reason()).isEqualTo(Reason.NOT_AUTHORIZED);
        assertThat(echoed).hasMessageEndingWith("(wrong password ***)");
        assertThat(encoded)
                .hasMessageEndingWith("answered 403 (user robot password *** refused, see"
                        + " https://docs.example/denied?(query left out))");
        // Scrubbed before it is cut: the cut falls after the mask, not inside the password.
        assertThat(cut).hasMessageEndingWith("(" + "x".repeat(190) + " *** and m…)");
        for (RegistryException e : List.of(echoed, encoded, cut)) {
            assertThat(ThrowableText.all(e).toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("pa55/")
                    .doesNotContain("pa55%2fw0rd")
                    .doesNotContain(credentials
                            .basicAuthorization()
                            .substring("Basic ".length())
                            .toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("password=x");
        }
    }

    @Test
    void givesUpAfterFiveRedirects() {
        registry.on(MANIFEST_PATH, exchange -> reply(exchange, 307, "", "Location", MANIFEST_PATH));

        RegistryException e = failure(resolver().build());

        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
        assertThat(e).hasMessageEndingWith(": more than 5 redirects");
        assertThat(registry.requests()).hasSize(6);
    }

    @Test
    void reachesDockerHubAtItsApiHostAndLoopbackOverPlainHttp() {
        OciRegistryResolver resolver = resolver().plainHttp("registry.lan:5000").build();

        assertThat(resolver.manifestUri(ImageRef.parse("python:3.12-slim")))
                .hasToString("https://registry-1.docker.io/v2/library/python/manifests/3.12-slim");
        assertThat(resolver.manifestUri(ImageRef.parse("index.docker.io/grafana/grafana:11.3.0")))
                .hasToString("https://registry-1.docker.io/v2/grafana/grafana/manifests/11.3.0");
        assertThat(resolver.manifestUri(ImageRef.parse("localhost:5000/app:1")))
                .hasToString("http://localhost:5000/v2/app/manifests/1");
        assertThat(resolver.manifestUri(ImageRef.parse("registry.lan:5000/app:1")))
                .hasToString("http://registry.lan:5000/v2/app/manifests/1");
        assertThat(resolver.manifestUri(ImageRef.parse("registry.lan/app:1")))
                .hasToString("https://registry.lan/v2/app/manifests/1");
        assertThat(resolver.manifestUri(ImageRef.parse("ghcr.io/org/app:1")))
                .hasToString("https://ghcr.io/v2/org/app/manifests/1");
    }

    @Test
    void hasNoTagToFollowForADigestOnlyReference() {
        ImageRef pinned = registry.ref("team/app@" + DIGEST);

        assertThatThrownBy(() -> resolver().build().resolve(pinned))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names a digest and no tag");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void rejectsNonsensicalSettings() {
        OciRegistryResolver.Builder builder = resolver();

        assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxResponseBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.credentials("not a host", CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
