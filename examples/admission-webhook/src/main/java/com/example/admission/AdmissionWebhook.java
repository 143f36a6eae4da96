package com.example.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A validating admission webhook over the JDK's HTTP server: {@code POST /validate} takes an
 * {@code AdmissionReview} and answers it with {@link DeployGate}. Arguments: the reports folder
 * and the port. A sketch: Kubernetes calls webhooks over HTTPS only, so run it behind a
 * TLS-terminating proxy, or make it an {@code HttpsServer} with the certificate cert-manager
 * issues (docs/recipes/admission-webhook.md).
 */
public final class AdmissionWebhook {

    /** AdmissionReview bodies are small; Kubernetes limits requests to 3 MiB. */
    static final int MAX_BODY = 3 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionWebhook() {
    }

    public static void main(String[] args) throws IOException {
        DeployGate gate = new DeployGate(PolicyEngine.of(Policies.defaults()), Stage.DEPLOY, Path.of(args[0]),
                Clock.systemUTC());
        server(gate, new InetSocketAddress(Integer.parseInt(args[1]))).start();
    }

    /**
     * A server, not started yet, that answers reviews at {@code /validate}.
     *
     * @param gate the gate that decides
     * @param address where to listen; port 0 for any free port
     * @return the server
     */
    static HttpServer server(DeployGate gate, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/validate", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] request = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
                JsonNode review;
                try {
                    review = request.length > MAX_BODY ? null : JSON.readTree(request);
                } catch (JsonProcessingException e) {
                    review = null;
                }
                if (review == null || !review.path("request").isObject()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                byte[] response = JSON.writeValueAsBytes(gate.review(review));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, response.length);
                exchange.getResponseBody().write(response);
            }
        });
        return server;
    }
}
