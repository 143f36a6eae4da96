package dev.shelflife.cli;

import static dev.shelflife.cli.MainTest.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code shelflife plan}: each runs the real command as a separate Java process
 * on the example fleet in {@code examples/fleet}, as {@code docs/plan.md} shows it.
 */
class PlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example fleet, relative to the module, so that the outputs name it the same on every machine. */
    private static final Path FLEET = Path.of("").toAbsolutePath().relativize(EXAMPLES.resolve("fleet"));

    private static final Path GOLDEN = Path.of("src/test/resources/dev/shelflife/cli/plan");
    /** The nightly job's instant: the day after the nightly scans. */
    private static final String NIGHTLY = "2025-09-01T06:00:00Z";
    /** CVE-2025-48384 is due on 2025-09-15: billing's KEV deadline is the start of the next day. */
    private static final String KEV_DEADLINE = "2025-09-16T00:00:00Z";

    @TempDir
    Path temp;

    private Run plan(String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(
                "plan",
                FLEET.resolve("inventory.yaml").toString(),
                "--policy",
                FLEET.resolve("policy.yaml").toString(),
                "--registry-offline",
                FLEET.resolve("bases.txt").toString(),
                "--kev",
                FLEET.resolve("feeds/known_exploited_vulnerabilities.json").toString(),
                "--epss",
                FLEET.resolve("feeds/epss_scores-2025-08-31.csv").toString()));
        arguments.addAll(List.of(options));
        return MainTest.shelflife(temp, arguments.toArray(String[]::new));
    }

    private static JsonNode image(JsonNode plan, String name) {
        return StreamSupport.stream(plan.path("images").spliterator(), false)
                .filter(i -> i.path("image").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ranksTheExampleFleetAsTheDocsShowIt() throws Exception {
        Run text = plan("--at", NIGHTLY);
        Run markdown = plan("--at", NIGHTLY, "--output", "markdown");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out())
                .contains("5 images: 2 rebuild now, 2 rebuild within 30 days, 1 fine")
                .contains("1. REBUILD NOW  ghcr.io/acme/shop-api:1.6.0  (run: WARN; base python:3.12-slim)")
                .contains("2. REBUILD NOW  ghcr.io/acme/shop-worker:1.6.0")
                .contains("3. REBUILD BY 2025-09-14T02:03:12.512Z  ghcr.io/acme/edge-proxy:2.4.0")
                .contains("4. REBUILD BY 2025-09-16T00:00:00Z  ghcr.io/acme/billing:3.2.1  (deploy: PASS;")
                .contains("5. FINE  ghcr.io/acme/reports-api:0.9.3")
                .contains(
                        "   - by 2025-09-16T00:00:00Z: CVE-2025-48384 HIGH in git 1:2.39.5-0+deb12u2 reaches its KEV due date"
                                + " 2025-09-15 (kev)")
                .contains(
                        "   - fixes: 3 patch bumps (libc-bin 2.36-9+deb12u10 -> 2.36-9+deb12u11, libc6 2.36-9+deb12u10 ->"
                                + " 2.36-9+deb12u11, libssl3 3.0.15-1~deb12u1 -> 3.0.16-1~deb12u1); 1 major bump (setuptools 69.0.3"
                                + " -> 78.1.1): ask a person")
                .contains("Update python:3.12-slim first: rebuilding ghcr.io/acme/shop-api:1.6.0 and"
                        + " ghcr.io/acme/shop-worker:1.6.0 on sha256:9f3e1c7b1a5d fixes 6 findings in OS packages");
        Golden.assertMatches(GOLDEN.resolve("fleet-nightly.txt"), text.out());
        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        Golden.assertMatches(GOLDEN.resolve("fleet-nightly.md"), markdown.out());
        String docs = Files.readString(EXAMPLES.resolveSibling("docs").resolve("plan.md"));
        assertThat(docs)
                .as("docs/plan.md shows the plan of the example fleet as the command prints it")
                .contains(text.out().replace(FLEET.toString(), "examples/fleet"))
                .contains(markdown.out().replace(FLEET.toString(), "examples/fleet"));
    }

    @Test
    void writesTheDocumentedJsonShape() throws Exception {
        Run run = plan("--at", NIGHTLY, "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = JSON.readTree(run.out());
        assertThat(plan.path("outputVersion").asInt()).isEqualTo(2);
        assertThat(plan.path("summary").path("blocked").asInt()).isZero();
        assertThat(plan.path("summary").path("unknown").asInt()).isZero();
        assertThat(plan.path("at").asText()).isEqualTo(NIGHTLY);
        assertThat(plan.path("sources").path("kev").path("version").asText()).isEqualTo("2025.08.25");
        assertThat(plan.path("sources").path("epss").path("scoreDate").asText()).isEqualTo("2025-08-31");
        assertThat(plan.path("images"))
                .extracting(i -> i.path("decision").asText())
                .containsExactly("REBUILD_NOW", "REBUILD_NOW", "REBUILD_BY", "REBUILD_BY", "FINE");
        JsonNode shopApi = image(plan, "ghcr.io/acme/shop-api:1.6.0");
        assertThat(shopApi.path("baseImage").path("moved").asBoolean()).isTrue();
        assertThat(shopApi.path("baseImage").path("builtFrom").asText())
                .isEqualTo("sha256:c1d5746826c0301a3f45fe5bdb2697c88a547b7775b9475568d241b1b782910b");
        assertThat(shopApi.path("violations"))
                .extracting(v -> v.path("ruleId").asText())
                .contains("sla", "epss", "base-image-current", "image-age");
        assertThat(shopApi.path("bumps"))
                .extracting(
                        b -> b.path("package").asText() + " " + b.path("size").asText())
                .containsExactly("libc-bin PATCH", "libc6 PATCH", "libssl3 PATCH", "setuptools MAJOR");
        JsonNode billing = image(plan, "ghcr.io/acme/billing:3.2.1");
        assertThat(billing.path("by").asText()).isEqualTo(KEV_DEADLINE);
        assertThat(billing.path("trigger").path("reason").asText()).contains("reaches its KEV due date 2025-09-15");
        assertThat(billing.path("baseImage").path("moved").asBoolean()).isFalse();
        assertThat(plan.path("recommendation").path("name").asText()).isEqualTo("python:3.12-slim");
        assertThat(plan.path("recommendation").path("behind"))
                .extracting(JsonNode::asText)
                .containsExactly("ghcr.io/acme/shop-api:1.6.0", "ghcr.io/acme/shop-worker:1.6.0");
        assertThat(plan.path("recommendation").path("fixes").asInt()).isEqualTo(6);
    }

    @Test
    void turnsTheKevDueDateIntoRebuildNowAtItsDeadline() throws Exception {
        JsonNode before = JSON.readTree(
                plan("--at", "2025-09-15T23:59:59Z", "--output", "json").out());
        JsonNode at =
                JSON.readTree(plan("--at", KEV_DEADLINE, "--output", "json").out());

        JsonNode billingBefore = image(before, "ghcr.io/acme/billing:3.2.1");
        JsonNode billingAt = image(at, "ghcr.io/acme/billing:3.2.1");
        // A second before, its week-old scan already fails at deploy, which no rebuild fixes: blocked, not "by".
        assertThat(billingBefore.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(billingBefore.path("decision").asText()).isEqualTo("BLOCKED");
        assertThat(billingBefore.path("by").isNull()).isTrue();
        assertThat(billingBefore.path("violations"))
                .extracting(v -> v.path("ruleId").asText())
                .containsExactly("scan-age");
        assertThat(before.path("summary").path("blocked").asInt()).isEqualTo(1);
        assertThat(billingAt.path("decision").asText()).isEqualTo("REBUILD_NOW");
        assertThat(billingAt.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(billingAt.path("violations")).anySatisfy(v -> {
            assertThat(v.path("ruleId").asText()).isEqualTo("kev");
            assertThat(v.path("deadline").asText()).isEqualTo(KEV_DEADLINE);
            assertThat(v.path("vulnerability").asText()).isEqualTo("CVE-2025-48384");
        });
    }

    @Test
    void plansWithTheDefaultPolicyAndNoRegistry() throws Exception {
        Run run =
                MainTest.shelflife(temp, "plan", FLEET.resolve("inventory.yaml").toString(), "--at", NIGHTLY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("policy (the default policy) · base images not checked · no KEV catalog · no EPSS scores")
                .contains("   - base: python:3.12-slim not checked: give --registry-offline or --registry-live")
                .contains("No base image has moved with fixes for the fleet: no base image update to recommend.");
    }

    @Test
    void refusesTwoRegistriesAndAnInventoryWithAnUnknownKey() throws Exception {
        Path inventory = Files.writeString(temp.resolve("inventory.yaml"), """
                images:
                  - name: ghcr.io/acme/shop-api:1.4.2
                    stage: run
                    reports: ["%s"]
                    owner: team-payments
                """.formatted(MainTest.TRIVY_EXAMPLE));

        Run both = plan("--registry-live");
        Run unknownKey = MainTest.shelflife(temp, "plan", inventory.toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("shelflife plan: --registry-offline and --registry-live exclude each other");
        assertThat(unknownKey.exitCode()).isEqualTo(3);
        assertThat(unknownKey.out()).isEmpty();
        assertThat(unknownKey.err())
                .isEqualTo(inventory + ":5:5 (/images/0/owner): unknown key \"owner\" in an image;"
                        + " expected one of: name, stage, reports, base-image, built-at, deployed-since"
                        + System.lineSeparator());
    }

    @Test
    void goesOnWithTheOtherBasesWhenARegistryAnswersWithAHostileRedirect() throws Exception {
        String digest = "sha256:" + "3".repeat(64);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/hostile/", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://evil_host/v2/x?X-Amz-Signature=deadbeef");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/v2/good/", exchange -> {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String registry = "127.0.0.1:" + server.getAddress().getPort();
            Path inventory =
                    Files.writeString(temp.resolve("inventory.yaml"), """
                    images:
                      - name: ghcr.io/acme/one:1
                        stage: run
                        reports: ["%1$s"]
                        base-image: {name: "%2$s/hostile/base:1"}
                      - name: ghcr.io/acme/two:1
                        stage: run
                        reports: ["%1$s"]
                        base-image: {name: "%2$s/good/base:1"}
                    """.formatted(MainTest.TRIVY_EXAMPLE, registry));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

            int code = Main.run(
                    // Both images are the example report under other names: the test is about their bases.
                    new String[] {
                        "plan",
                        inventory.toString(),
                        "--registry-live",
                        "--at",
                        NIGHTLY,
                        "--output",
                        "json",
                        "--same-image"
                    },
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

            assertThat(code)
                    .as(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isZero();
            JsonNode plan = JSON.readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(image(plan, "ghcr.io/acme/one:1")
                            .path("baseImage")
                            .path("note")
                            .asText())
                    .isEqualTo("not resolved (BAD_RESPONSE): HEAD evil_host/v2/x: not a valid host or port");
            assertThat(image(plan, "ghcr.io/acme/two:1")
                            .path("baseImage")
                            .path("current")
                            .asText())
                    .isEqualTo(digest);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("deadbeef");
        } finally {
            server.stop(0);
        }
    }
}
