package dev.shelflife.registry;

import dev.shelflife.ImageRef;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves tags by asking their registry over the
 * <a href="https://github.com/opencontainers/distribution-spec">OCI Distribution API</a>, with the
 * JDK's {@link java.net.http.HttpClient}.
 *
 * <p>A resolution is {@code HEAD /v2/<repository>/manifests/<tag>}, accepting an OCI index, an OCI
 * manifest, a Docker manifest list and a Docker v2 manifest, and reads the
 * {@code Docker-Content-Digest} header. A registry that omits the header (or does not support
 * {@code HEAD}) is asked with {@code GET}, and the digest is the SHA-256 of the manifest it sends,
 * which may be at most {@link Builder#maxResponseBytes(long) maxResponseBytes} long.
 *
 * <p>Authentication follows the registry's {@code 401} challenge: {@code Bearer} gets a token from
 * the challenge's realm (anonymously, or with the credentials configured for the registry), then
 * retries; {@code Basic} retries with the configured credentials. {@code docker.io} is reached at
 * {@code registry-1.docker.io}. Requests use {@code https}, except to loopback hosts
 * ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}) and hosts the caller allowed
 * {@linkplain Builder#plainHttp(String) plain http}; redirects are followed up to five times, and
 * the authorization is sent to the original host only.
 *
 * <pre>{@code
 * BaseImageResolver resolver = OciRegistryResolver.builder(Clock.systemUTC())
 *         .credentials("ghcr.io", Credentials.of("bot", System.getenv("GHCR_TOKEN")))
 *         .build();
 * Optional<ResolvedTag> now = resolver.resolve(ImageRef.parse("python:3.12-slim"));
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Nothing is logged; exception messages
 * never contain passwords or tokens.
 *
 * @since 0.1
 */
public final class OciRegistryResolver implements BaseImageResolver {

    /** The media type of an OCI image index (a multi-platform image). */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** The media type of an OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** The media type of a Docker manifest list (a multi-platform image). */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** The media type of a Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** How long a connection may take to open, unless configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one request may take, from sending it to the end of the body, unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The largest manifest or token answer read, unless configured: 4 MiB, the distribution spec's manifest limit. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

    static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final Map<String, String> MANIFEST_HEADERS =
            Map.of("Accept", String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST));

    private final Transport transport;
    private final Map<String, Credentials> credentials;
    private final Clock clock;

    private OciRegistryResolver(Builder builder) {
        this.transport = new Transport(
                builder.connectTimeout, builder.requestTimeout, builder.maxResponseBytes, builder.plainHttp);
        this.credentials = Map.copyOf(builder.credentials);
        this.clock = builder.clock;
    }

    /**
     * Starts a configuration.
     *
     * @param clock the clock that stamps each answer's {@link ResolvedTag#resolvedAt()}
     * @return a builder with the defaults: no credentials, plain http to loopback hosts only,
     *     {@link #DEFAULT_CONNECT_TIMEOUT}, {@link #DEFAULT_REQUEST_TIMEOUT}, {@link #DEFAULT_MAX_RESPONSE_BYTES}
     */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    @Override
    public Optional<ResolvedTag> resolve(ImageRef reference) {
        ImageRef tag = ResolvedTag.tagToFollow(reference);
        RegistrySession session =
                new RegistrySession(transport, tag, Optional.ofNullable(credentials.get(registryKey(tag.registry()))));
        try {
            return resolve(session, tag);
        } catch (RegistryException e) {
            throw session.scrub(e);
        } catch (IllegalArgumentException e) {
            // Whatever a hostile answer still gets past the checks fails this tag only, never the caller.
            throw session.scrub(new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE,
                    tag.familiarName() + ": unusable answer: " + e.getMessage()));
        }
    }

    private Optional<ResolvedTag> resolve(RegistrySession session, ImageRef tag) {
        Transport.Reply reply = fetchManifest(session, manifestUri(tag));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        session.requireSuccess(reply);
        Optional<String> digest = reply.header(DIGEST_HEADER);
        if (digest.isEmpty() && reply.body().length == 0) {
            throw new RegistryException(
                    RegistryException.Reason.BAD_RESPONSE,
                    reply.request() + " answered without a " + DIGEST_HEADER + " and with an empty manifest");
        }
        Optional<String> mediaType = reply.header("Content-Type")
                .map(type -> type.replaceFirst(";.*$", "").strip().toLowerCase(Locale.ROOT));
        try {
            return Optional.of(
                    new ResolvedTag(tag, digest.orElseGet(() -> sha256(reply.body())), mediaType, clock.instant()));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Reason.BAD_RESPONSE, reply.request() + ": " + e.getMessage());
        }
    }

    /** {@code HEAD}, or {@code GET} when the registry does not support {@code HEAD} or sends no digest header. */
    private static Transport.Reply fetchManifest(RegistrySession session, URI uri) {
        Transport.Reply head = session.fetch("HEAD", uri, MANIFEST_HEADERS);
        boolean noHead = head.status() == 405 || head.status() == 501;
        return noHead || head.isSuccess() && head.header(DIGEST_HEADER).isEmpty()
                ? session.fetch("GET", uri, MANIFEST_HEADERS)
                : head;
    }

    /** {@code https://registry-1.docker.io/v2/library/python/manifests/3.12-slim}. */
    URI manifestUri(ImageRef tag) {
        return URI.create(transport.base(apiAuthority(tag.registry())) + "/v2/" + tag.repository() + "/manifests/"
                + tag.tag().orElseThrow());
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The registry name as references spell it, lower case, with Docker Hub's aliases folded into {@code docker.io}. */
    private static String registryKey(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return lower.equals("index.docker.io") || lower.equals(DOCKER_HUB_API) ? ImageRef.DOCKER_HUB : lower;
    }

    /** The host and port the registry's API answers at. */
    private static String apiAuthority(String registry) {
        String key = registryKey(registry);
        return key.equals(ImageRef.DOCKER_HUB) ? DOCKER_HUB_API : key;
    }

    /**
     * Configures an {@link OciRegistryResolver}. Every setting has a default but the clock.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final Clock clock;
        private final Map<String, Credentials> credentials = new HashMap<>();
        private final Set<String> plainHttp = new HashSet<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * Uses credentials for one registry, for its basic challenges and its token endpoint.
         *
         * @param registry the registry as references name it ({@code ghcr.io}, {@code localhost:5000});
         *     {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io} all mean Docker Hub
         * @param registryCredentials the credentials
         * @return this builder
         */
        public Builder credentials(String registry, Credentials registryCredentials) {
            credentials.put(
                    registryKey(checkedRegistry(registry)), Objects.requireNonNull(registryCredentials, "credentials"));
            return this;
        }

        /**
         * Allows plain {@code http} to one registry that is not on a loopback address. Requests to it,
         * and to token endpoints and redirects on it, then travel unencrypted, credentials included.
         *
         * @param registry the registry as references name it, with its port if any ({@code registry.lan:5000})
         * @return this builder
         */
        public Builder plainHttp(String registry) {
            plainHttp.add(apiAuthority(checkedRegistry(registry)));
            return this;
        }

        /**
         * Sets how long opening a connection may take.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long one request may take, from sending it to the last byte of its answer.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the largest manifest (read when a registry sends no digest header) or token answer
         * accepted; a larger one fails with {@link RegistryException.Reason#BAD_RESPONSE}.
         *
         * @param bytes between 1 and {@link Integer#MAX_VALUE} - 8
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "maxResponseBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ", got " + bytes);
            }
            maxResponseBytes = bytes;
            return this;
        }

        /**
         * Builds the resolver.
         *
         * @return the resolver
         */
        public OciRegistryResolver build() {
            return new OciRegistryResolver(this);
        }

        private static String checkedRegistry(String registry) {
            Objects.requireNonNull(registry, "registry");
            // The registry grammar is ImageRef's; borrow it rather than repeat it.
            return new ImageRef(registry, "x", Optional.empty(), Optional.empty()).registry();
        }

        private static Duration positive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + timeout);
            }
            return timeout;
        }
    }
}
