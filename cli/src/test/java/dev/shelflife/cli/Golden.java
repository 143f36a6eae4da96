package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: an expected output kept in the source tree, compared with what the code gives, or
 * rewritten with it when the build runs with {@code -Dshelflife.regenerate=true}, so that a change
 * of output shows up as a diff in review.
 */
final class Golden {

    /** The switch that rewrites the golden files instead of checking them. */
    static final String REGENERATE = "shelflife.regenerate";

    private Golden() {}

    /**
     * Checks that a golden file holds exactly the actual text, or rewrites it.
     *
     * @param expected the golden file, relative to the module (the tests' working directory)
     * @param actual what the code gives
     */
    static void assertMatches(Path expected, String actual) throws IOException {
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(expected.toAbsolutePath().getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected)
                .as("golden file %s is missing: run with -D%s=true to write it", expected, REGENERATE)
                .exists();
        assertThat(actual)
                .as(
                        "%s differs from the output: if the change is intended, run with -D%s=true and review the diff",
                        expected, REGENERATE)
                .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
