package dev.shelflife;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stage in an image's life: an open value with the three well-known constants
 * {@link #BUILD}, {@link #DEPLOY} and {@link #RUN}; a policy may name more ({@code pr},
 * {@code staging}).
 *
 * <p>Names are case-insensitive and kept in lower case.
 *
 * @param name the stage's name: lower-case letters, digits, {@code -} and {@code _}
 * @since 0.1
 */
public record Stage(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    /** Build time: the image has just been built and scanned in CI. */
    public static final Stage BUILD = new Stage("build");
    /** Deploy time: the image is about to be rolled out. */
    public static final Stage DEPLOY = new Stage("deploy");
    /** Run time: the image is running, possibly for months. */
    public static final Stage RUN = new Stage("run");

    /**
     * Validates the name.
     *
     * @throws IllegalArgumentException if the name is not a valid stage name
     */
    public Stage {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid stage name \"" + name + "\": expected lower-case letters, digits, '-' or '_'");
        }
    }

    /**
     * Parses a stage name in any case.
     *
     * @param name for example {@code "deploy"} or {@code "RUN"}
     * @return the stage
     * @throws IllegalArgumentException if the name is not a valid stage name
     */
    public static Stage of(String name) {
        Objects.requireNonNull(name, "name");
        return new Stage(name.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name;
    }
}
