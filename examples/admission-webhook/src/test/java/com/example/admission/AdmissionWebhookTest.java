package com.example.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP_API = "ghcr.io/acme/shop-api:1.4.2";

    @TempDir
    Path reports;

    /** The pipeline kept the example reports of shop-api 1.4.2, scanned in January 2025. */
    @BeforeEach
    void keepTheReportsOfShopApi() throws IOException {
        Path folder = Files.createDirectories(reports.resolve(DeployGate.folder(SHOP_API)));
        for (String report : new String[] {"trivy-shop-api-1.4.2.json", "grype-shop-api-1.4.2.json"}) {
            Files.copy(Path.of("../" + report), folder.resolve(report));
        }
    }

    private static JsonNode podReview() throws IOException {
        try (InputStream in = AdmissionWebhookTest.class.getResourceAsStream("/admission-review-pod.json")) {
            return JSON.readTree(in);
        }
    }

    /** Posts a review to a webhook running at the instant, as the API server would. */
    private HttpResponse<String> post(String at, String body) throws Exception {
        DeployGate gate = new DeployGate(PolicyEngine.of(Policies.defaults()), Stage.DEPLOY, reports,
                Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
        HttpServer server = AdmissionWebhook.server(gate, new InetSocketAddress("127.0.0.1", 0));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/validate");
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop(0);
        }
    }

    private JsonNode answer(String at, JsonNode review) throws Exception {
        HttpResponse<String> response = post(at, JSON.writeValueAsString(review));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.get("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.at("/response/uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        return answer.get("response");
    }

    @Test
    void admitsThePodWhileItsScanIsFresh() throws Exception {
        JsonNode response = answer("2025-01-20T00:00:00Z", podReview());

        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
    }

    @Test
    void refusesThePodOnceItsScanIsStaleAndItsFixesOverdue() throws Exception {
        JsonNode response = answer("2025-02-14T00:00:00Z", podReview());

        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(403);
        assertThat(response.at("/status/message").asText())
                .isEqualTo("ShelfLife, stage deploy: " + SHOP_API + ": FAIL (sla, scan-age, database-age)");
        JsonNode verdict = JSON.readTree(response.at("/auditAnnotations/verdict-0").asText());
        assertThat(verdict.get("stage").asText()).isEqualTo("deploy");
        assertThat(verdict.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(verdict.at("/reports/0/file").asText()).endsWith(".json");
    }

    @Test
    void refusesAnImageThatWasNeverScanned() throws Exception {
        JsonNode review = podReview();
        ObjectNode sidecar = ((ObjectNode) review.at("/request/object/spec")).withArray("containers").addObject();
        sidecar.put("name", "log-shipper").put("image", "ghcr.io/acme/log-shipper:2.0.1");

        JsonNode response = answer("2025-01-20T00:00:00Z", review);

        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asText())
                .startsWith("ShelfLife, stage deploy: ghcr.io/acme/log-shipper:2.0.1: FAIL (");
    }

    @Test
    void answersAMalformedBodyWithABadRequest() throws Exception {
        assertThat(post("2025-01-20T00:00:00Z", "{\"request\": ").statusCode()).isEqualTo(400);
        assertThat(post("2025-01-20T00:00:00Z", "[]").statusCode()).isEqualTo(400);
    }
}
