package dev.shelflife;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference in the grammar of the OCI distribution project
 * ({@code [registry[:port]/]repository[:tag][@digest]}), normalised the way Docker does it:
 * {@code python:3.12-slim} is {@code docker.io/library/python:3.12-slim}.
 *
 * <p>{@link #parse(String)} accepts what {@code docker pull} accepts and rejects the rest with a
 * message that says which part is wrong; {@link #toString()} prints the fully qualified form, and
 * {@link #familiarName()} the short form people type.
 *
 * @param registry the registry host, with its port if any ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/python}, {@code org/app})
 * @param tag the tag, if the reference has one
 * @param digest the digest ({@code sha256:…}), if the reference has one
 * @since 0.1
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<String> digest) {

    /** The registry that references without a host name point to. */
    public static final String DOCKER_HUB = "docker.io";

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|-+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final int MAX_NAME_LENGTH = 255;

    /**
     * Validates every part.
     *
     * @throws IllegalArgumentException if a part does not follow the grammar
     */
    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("invalid registry host \"" + registry + "\"");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("invalid repository \"" + repository
                    + "\": lower-case letters, digits and the separators . _ __ - between path components");
        }
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("repository name longer than " + MAX_NAME_LENGTH + " characters");
        }
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw new IllegalArgumentException(
                        "invalid tag \"" + t + "\": at most 128 of [A-Za-z0-9_.-], not starting with . or -");
            }
        });
        digest.ifPresent(d -> {
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException(
                        "invalid digest \"" + d + "\": expected algorithm:hex, such as sha256:<64 hex digits>");
            }
        });
    }

    /**
     * Parses a reference such as {@code python:3.12-slim}, {@code ghcr.io/org/app@sha256:…} or
     * {@code localhost:5000/team/app:1.2}.
     *
     * @param reference the reference
     * @return the normalised reference
     * @throws IllegalArgumentException if the text is not a valid reference; the message says why
     */
    public static ImageRef parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("invalid image reference: empty");
        }
        String rest = reference;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(lastColon + 1));
            rest = rest.substring(0, lastColon);
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".")
                    || first.contains(":")
                    || first.equals("localhost")
                    || !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
                registry = first.equals("index.docker.io") ? DOCKER_HUB : first;
                repository = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        try {
            return new ImageRef(registry, repository, tag, digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid image reference \"" + reference + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The registry and repository, without tag or digest: {@code docker.io/library/python}.
     *
     * @return the fully qualified name
     */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * The short form people type: {@code python:3.12-slim} rather than
     * {@code docker.io/library/python:3.12-slim}.
     *
     * @return the familiar form of this reference
     */
    public String familiarName() {
        String name = name();
        if (registry.equals(DOCKER_HUB)) {
            name = repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                    ? repository.substring("library/".length())
                    : repository;
        }
        return name + suffix();
    }

    /**
     * A copy with the digest replaced.
     *
     * @param newDigest the digest, {@code sha256:…}
     * @return the new reference
     */
    public ImageRef withDigest(String newDigest) {
        return new ImageRef(registry, repository, tag, Optional.of(newDigest));
    }

    private String suffix() {
        return tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** The fully qualified form: {@code docker.io/library/python:3.12-slim@sha256:…}. */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
