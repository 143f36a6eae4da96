package dev.shelflife.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-world report corpus ({@code shared/fixtures}) and its {@code MANIFEST.tsv}, for
 * corpus tests. The corpus is found through the system property {@code shelflife.fixtures} or the
 * environment variable {@code SHELFLIFE_FIXTURES}; where it is absent, {@link #require()} skips the
 * calling test with a message that says where it looked, instead of failing it.
 *
 * @since 0.1
 */
public final class Corpus {

    /** The system property that points at the corpus. */
    public static final String PROPERTY = "shelflife.fixtures";

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)");

    private final Path root;
    private final List<CorpusFile> files;

    private Corpus(Path root, List<CorpusFile> files) {
        this.root = root;
        this.files = files;
    }

    /**
     * One corpus file and what the manifest says of it.
     *
     * @param path the file
     * @param name its manifest name ({@code trivy/dd-kubernetes.json})
     * @param rawEntries the raw vulnerability entries the manifest counts in it
     * @param notes the manifest's notes
     * @since 0.1
     */
    public record CorpusFile(Path path, String name, int rawEntries, String notes) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Finds the corpus, or skips the calling test visibly when it is absent.
     *
     * @return the corpus
     */
    public static Corpus require() {
        Optional<Corpus> corpus = find();
        if (corpus.isEmpty()) {
            String message = "corpus tests skipped: no corpus at " + configuredRoot() + " (set -D" + PROPERTY
                    + "=DIR or SHELFLIFE_FIXTURES)";
            System.err.println("[shelflife] " + message);
            Assumptions.abort(message);
        }
        return corpus.orElseThrow();
    }

    /**
     * Finds the corpus.
     *
     * @return the corpus, or empty when there is no manifest where it is configured
     */
    public static Optional<Corpus> find() {
        Path root = configuredRoot();
        Path manifest = root.resolve("MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(manifest);
            List<CorpusFile> files = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.split("\t", -1);
                if (columns.length < 9) {
                    continue;
                }
                Matcher count = LEADING_NUMBER.matcher(columns[5]);
                int entries = count.find() ? Integer.parseInt(count.group(1)) : 0;
                files.add(new CorpusFile(root.resolve(columns[0]), columns[0], entries, columns[8]));
            }
            return Optional.of(new Corpus(root, List.copyOf(files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path configuredRoot() {
        String configured = System.getProperty(PROPERTY, System.getenv("SHELFLIFE_FIXTURES"));
        return Path.of(configured != null ? configured : "../shared/fixtures")
                .toAbsolutePath()
                .normalize();
    }

    /**
     * The corpus folder.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * The manifest's files in one folder ({@code trivy}, {@code grype}, {@code snyk}, {@code cyclonedx}, {@code kev}).
     *
     * @param folder the folder
     * @return its files, in manifest order
     */
    public List<CorpusFile> files(String folder) {
        return files.stream().filter(f -> f.name().startsWith(folder + "/")).toList();
    }
}
