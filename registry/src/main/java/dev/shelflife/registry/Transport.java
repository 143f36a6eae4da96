package dev.shelflife.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Sends requests under the resolver's limits: the scheme policy (plain HTTP for loopback and
 * allowed hosts only), connect and request timeouts that cover the whole exchange including the
 * body, bounded bodies, and redirects followed by hand so that an {@code Authorization} header
 * never leaves the host it was meant for.
 */
final class Transport {

    static final int MAX_REDIRECTS = 5;

    private static final String USER_AGENT = "shelflife-registry";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(?:\\.\\d{1,3}){3}|\\[::1]");

    /** One answer. */
    record Reply(String method, URI uri, int status, HttpHeaders headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        boolean isSuccess() {
            return status / 100 == 2;
        }

        /** The body as JSON, if it is JSON. */
        Optional<JsonNode> json() {
            try {
                return Optional.ofNullable(JSON.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** {@code HEAD 127.0.0.1:5000/v2/app/manifests/1.0}, for messages. */
        String request() {
            return method + " " + where(uri);
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxBodyBytes;
    private final Set<String> plainHttpAuthorities;

    Transport(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes, Set<String> plainHttpAuthorities) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.plainHttpAuthorities = Set.copyOf(plainHttpAuthorities);
    }

    /**
     * The base URI of a host: {@code http://} for loopback hosts and hosts allowed plain HTTP,
     * {@code https://} for every other.
     */
    URI base(String authority) {
        return URI.create((allowsPlainHttp(authority) ? "http://" : "https://") + authority);
    }

    private boolean allowsPlainHttp(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        String host = lower.replaceFirst(":\\d+$", "");
        return LOOPBACK.matcher(host).matches() || plainHttpAuthorities.contains(lower);
    }

    private void requireAllowed(URI uri, String method) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawAuthority() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, method + " " + where(uri) + ": not an http(s) URL");
        }
        if (uri.getHost() == null || uri.getPort() > 65_535) {
            // A registry-based authority (bad_host) or a port out of range: no HTTP client can send to it.
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, method + " " + where(uri) + ": not a valid host or port");
        }
        if (scheme.equals("http") && !allowsPlainHttp(uri.getRawAuthority())) {
            throw new RegistryException(
                    RegistryException.Reason.INSECURE,
                    method + " " + where(uri)
                            + ": refusing plain http to a host that is neither loopback nor allowed plain http");
        }
    }

    /**
     * Sends a request with no body and follows redirects. The authorization, if any, goes to
     * {@code uri}'s host and port only.
     */
    Reply send(String method, URI uri, Map<String, String> headers, Optional<String> authorization) {
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requireAllowed(target, method);
            Reply reply = exchange(
                    method,
                    target,
                    request(method, target, headers, sameOrigin(uri, target) ? authorization : Optional.empty()));
            if (!isRedirect(reply.status())) {
                return reply;
            }
            target = redirectTarget(reply);
        }
        throw new RegistryException(
                RegistryException.Reason.BAD_RESPONSE,
                method + " " + where(uri) + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpRequest request(
            String method, URI target, Map<String, String> headers, Optional<String> authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(requestTimeout)
                    .header("User-Agent", USER_AGENT);
            headers.forEach(request::header);
            authorization.ifPresent(value -> request.header("Authorization", value));
            return request.build();
        } catch (IllegalArgumentException e) {
            // Its message may quote the whole URL, query and all: it is not passed on.
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE,
                    method + " " + where(target) + ": not a URL a request can go to");
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getRawAuthority().equalsIgnoreCase(b.getRawAuthority());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(Reply reply) {
        String location = reply.header("Location")
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Reason.BAD_RESPONSE,
                        reply.request() + " answered " + reply.status() + " without a Location"));
        try {
            return reply.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE,
                    reply.request() + " answered " + reply.status() + " with a malformed Location",
                    e);
        }
    }

    private Reply exchange(String method, URI uri, HttpRequest request) {
        boolean head = method.equals("HEAD");
        String what = method + " " + where(uri);
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(request, BoundedBody.handler(maxBodyBytes, !head));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, what + ": not a URL a request can go to");
        }
        try {
            // The request timeout covers the headers; this deadline covers the body too.
            HttpResponse<byte[]> response = future.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Reply(method, uri, response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Reason.INTERRUPTED, what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        }
    }

    private RegistryException timedOut(String what, Exception cause) {
        return new RegistryException(
                RegistryException.Reason.TIMED_OUT,
                what + ": no answer within " + requestTimeout.toMillis() + " ms",
                cause);
    }

    private RegistryException failure(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BoundedBody.TooLarge) {
                return new RegistryException(
                        RegistryException.Reason.BAD_RESPONSE, what + ": " + t.getMessage(), cause);
            }
            if (t instanceof HttpTimeoutException) {
                // Also the connect timeout (HttpConnectTimeoutException).
                return new RegistryException(RegistryException.Reason.TIMED_OUT, what + ": " + t.getMessage(), cause);
            }
        }
        if (cause instanceof IOException) {
            return new RegistryException(RegistryException.Reason.UNREACHABLE, what + ": " + describe(cause), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            // Its message may quote the whole URL, query and all: it is not passed on.
            return new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, what + ": not a URL a request can go to");
        }
        return new RegistryException(RegistryException.Reason.BAD_RESPONSE, what + ": " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * A URI without its user information and query, which may carry passwords and signatures:
     * {@code host:port/path}.
     */
    static String where(URI uri) {
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        return authority.substring(authority.lastIndexOf('@') + 1) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
