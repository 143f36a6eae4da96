package dev.shelflife;

import java.util.Objects;

/**
 * What a scanner scanned, as the report names it.
 *
 * @param name the artifact's name ({@code python:3.12-slim}, {@code .}, {@code app.jar})
 * @param type what kind of thing it is
 * @since 0.1
 */
public record Artifact(String name, Type type) {

    /**
     * The kinds of artifact scanners report.
     *
     * @since 0.1
     */
    public enum Type {
        /** A container image. */
        CONTAINER_IMAGE,
        /** A directory or file system. */
        FILESYSTEM,
        /** A source repository. */
        REPOSITORY,
        /** A Kubernetes cluster or workload set. */
        CLUSTER,
        /** Something else, or the report does not say. */
        UNKNOWN
    }

    /** Validates the parts. */
    public Artifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * An artifact the report does not describe.
     *
     * @return an artifact named {@code ""} of type {@link Type#UNKNOWN}
     */
    public static Artifact unknown() {
        return new Artifact("", Type.UNKNOWN);
    }
}
