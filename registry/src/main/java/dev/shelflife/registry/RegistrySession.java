package dev.shelflife.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelflife.ImageRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authentication state of one resolution: answers a {@code 401} challenge once, with a
 * bearer token from the challenge's realm or with the caller's basic credentials, and keeps the
 * resulting authorization for the requests that follow. It knows every secret in play, so it is
 * also where messages are checked for them before they leave.
 */
final class RegistrySession {

    private static final int MAX_DETAIL_CHARS = 200;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", "application/json");

    private final Transport transport;
    private final ImageRef tag;
    private final Optional<Credentials> credentials;
    private final Secrets secrets = new Secrets();
    private Optional<String> authorization = Optional.empty();
    private String authorizedWith = "";

    RegistrySession(Transport transport, ImageRef tag, Optional<Credentials> credentials) {
        this.transport = transport;
        this.tag = tag;
        this.credentials = credentials;
        credentials.ifPresent(c -> {
            secrets.add(c.password());
            secrets.add(c.basicAuthorization().substring("Basic ".length()));
        });
    }

    /** Sends a request, answering a first {@code 401} with the challenge it carries. */
    Transport.Reply fetch(String method, URI uri, Map<String, String> headers) {
        Transport.Reply reply = transport.send(method, uri, headers, authorization);
        if (reply.status() == 401 && authorization.isEmpty()) {
            authorization = Optional.of(authorize(reply));
            reply = transport.send(method, uri, headers, authorization);
        }
        if (reply.status() == 401) {
            throw new RegistryException(
                    RegistryException.Reason.NOT_AUTHORIZED,
                    reply.request() + " refused the " + authorizedWith + details(reply));
        }
        return reply;
    }

    /** Throws the failure a non-2xx answer means. */
    void requireSuccess(Transport.Reply reply) {
        if (reply.isSuccess()) {
            return;
        }
        String message = reply.request() + " answered " + reply.status() + details(reply);
        throw switch (reply.status()) {
            case 403 -> new RegistryException(RegistryException.Reason.DENIED, message);
            case 429 ->
                new RegistryException(
                        RegistryException.Reason.RATE_LIMITED,
                        message
                                + reply.header("Retry-After")
                                        .map(after -> "; retry after " + detail(after))
                                        .orElse(""));
            default -> new RegistryException(RegistryException.Reason.BAD_RESPONSE, message);
        };
    }

    private String authorize(Transport.Reply reply) {
        List<Challenge> challenges = new ArrayList<>();
        for (String header : reply.headers().allValues("WWW-Authenticate")) {
            try {
                challenges.addAll(Challenge.parse(header));
            } catch (IllegalArgumentException e) {
                throw new RegistryException(
                        RegistryException.Reason.BAD_RESPONSE, reply.request() + ": " + e.getMessage());
            }
        }
        Optional<Challenge> bearer =
                challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
        if (bearer.isPresent()) {
            return "Bearer " + token(reply, bearer.get());
        }
        if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
            Credentials basic = credentials.orElseThrow(() -> new RegistryException(
                    RegistryException.Reason.NOT_AUTHORIZED,
                    reply.request() + " requires basic authentication and no credentials are configured for "
                            + tag.registry()));
            authorizedWith = "credentials for " + tag.registry();
            return basic.basicAuthorization();
        }
        throw new RegistryException(
                RegistryException.Reason.NOT_AUTHORIZED,
                reply.request() + " answered 401 "
                        + (challenges.isEmpty()
                                ? "without a challenge"
                                : "with no supported challenge (offered: "
                                        + String.join(
                                                ", ",
                                                challenges.stream()
                                                        .map(Challenge::scheme)
                                                        .toList()) + ")"));
    }

    /** Asks the challenge's realm for a token, with the caller's credentials when there are some. */
    private String token(Transport.Reply challenged, Challenge challenge) {
        String realm = challenge
                .param("realm")
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Reason.BAD_RESPONSE,
                        challenged.request() + ": Bearer challenge without a realm"));
        URI realmUri;
        try {
            realmUri = new URI(realm);
        } catch (java.net.URISyntaxException e) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, challenged.request() + ": Bearer realm is not a URL", e);
        }
        String scope = challenge.param("scope").orElse("repository:" + tag.repository() + ":pull");
        StringBuilder query = new StringBuilder(realmUri.getRawQuery() == null ? "" : realmUri.getRawQuery() + "&");
        challenge
                .param("service")
                .ifPresent(service ->
                        query.append("service=").append(encode(service)).append('&'));
        query.append("scope=").append(encode(scope));
        URI tokenUri;
        try {
            tokenUri = new URI(realm.replaceFirst("[?#].*$", "") + "?" + query);
        } catch (java.net.URISyntaxException e) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE, challenged.request() + ": Bearer realm is not a URL", e);
        }
        authorizedWith = "token from " + Transport.where(tokenUri);

        Transport.Reply reply =
                transport.send("GET", tokenUri, ACCEPT_JSON, credentials.map(Credentials::basicAuthorization));
        if (reply.status() == 401 || reply.status() == 403) {
            throw new RegistryException(
                    RegistryException.Reason.NOT_AUTHORIZED,
                    reply.request() + " refused "
                            + credentials
                                    .map(c -> "the credentials for " + tag.registry())
                                    .orElse("anonymous access; configure credentials for " + tag.registry())
                            + " (scope " + detail(scope) + ")" + details(reply));
        }
        requireSuccess(reply);
        JsonNode body = reply.json()
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Reason.BAD_RESPONSE,
                        reply.request() + ": the token answer is not a JSON object"));
        JsonNode token = body.path("token").isTextual() ? body.path("token") : body.path("access_token");
        if (!token.isTextual() || !TOKEN.matcher(token.asText()).matches()) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE,
                    reply.request() + ": the token answer has no usable \"token\" or \"access_token\"");
        }
        secrets.add(token.asText());
        return token.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * What an error body says, in the shapes registries and token servers use:
     * {@code {"errors":[{"code","message"}]}}, {@code {"details"}}, {@code {"error","error_description"}}.
     */
    private String details(Transport.Reply reply) {
        return reply.json()
                .map(json -> {
                    JsonNode first = json.path("errors").path(0);
                    List<String> parts = new ArrayList<>();
                    for (JsonNode part : List.of(
                            first.path("code"),
                            first.path("message"),
                            json.path("details"),
                            json.path("error"),
                            json.path("error_description"))) {
                        if (part.isTextual() && !part.asText().isBlank()) {
                            parts.add(detail(part.asText()));
                        }
                    }
                    return parts.isEmpty() ? "" : " (" + String.join(": ", parts) + ")";
                })
                .orElse("");
    }

    /**
     * Remote text, fit for a one-line message: without the secrets it may echo, scrubbed before it
     * is cut, so that the cut cannot leave the first part of one.
     */
    private String detail(String text) {
        String line = secrets.scrub(text.replaceAll("\\p{Cntrl}", " "));
        return line.length() > MAX_DETAIL_CHARS ? line.substring(0, MAX_DETAIL_CHARS) + "…" : line;
    }

    /**
     * The exception, or a copy without any secret in play, URL query or cause, if its message or a
     * cause's message shows one ({@link Secrets}): a registry may echo what it was sent.
     */
    RegistryException scrub(RegistryException e) {
        boolean leaks = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            leaks |= t.getMessage() != null && secrets.leaksIn(t.getMessage());
        }
        if (!leaks) {
            return e;
        }
        RegistryException clean = new RegistryException(e.reason(), secrets.scrub(e.getMessage()));
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }
}
