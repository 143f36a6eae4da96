package dev.shelflife.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shelflife.ImageRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process HTTP server on loopback that plays a registry or a token endpoint, for the
 * protocol corners a real registry does not show on demand: challenges, missing headers, slow or
 * oversized answers, redirects. It records every request it gets.
 */
final class FakeRegistry implements AutoCloseable {

    /** A request as the server saw it; the query is decoded. */
    record Request(String method, String path, String query, Optional<String> authorization) {}

    /** Answers one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** A reference to a repository and tag on this server. */
    ImageRef ref(String repositoryAndTag) {
        return ImageRef.parse(authority() + "/" + repositoryAndTag);
    }

    /** Answers requests whose path starts with {@code path}. */
    void on(String path, Responder responder) {
        server.createContext(path, exchange -> {
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestURI().getQuery()),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
            try {
                responder.respond(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Sends a status, headers given as name-value pairs, and a body (none for {@code HEAD}). */
    static void reply(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
