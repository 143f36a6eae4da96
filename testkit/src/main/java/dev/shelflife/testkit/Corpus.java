package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

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

    /**
     * A check of what an adapter read from one corpus file, such as its counts against the
     * manifest's.
     *
     * @since 0.2
     */
    @FunctionalInterface
    public interface ReportCheck {
        /**
         * Checks one file's report.
         *
         * @param file the corpus file
         * @param report what the adapter read from it
         * @throws Exception on any failure, as a test may
         */
        void check(CorpusFile file, ScanReport report) throws Exception;
    }

    /**
     * Reads one file of the manifest with an adapter.
     *
     * @param adapter the adapter
     * @param name the file's name in the manifest ({@code harbor/dd-harbor-….json})
     * @return the report
     * @throws AssertionError if the manifest has no such file
     * @since 0.2
     */
    public ScanReport read(ScannerAdapter adapter, String name) {
        CorpusFile file = files.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in MANIFEST.tsv"));
        return adapter.read(ReportSource.of(file.path()));
    }

    /**
     * One dynamic test per file, named for it: the adapter detects the file, reads it, and
     * {@code check} looks at the report. The corpus test of every adapter starts so; what it
     * checks of each report (raw entries, findings, components, statements …) is its own.
     *
     * @param files the files, such as {@link #files(String)} of the adapter's folder
     * @param adapter the adapter that must detect and read each
     * @param check what each report must show
     * @return the tests
     * @since 0.2
     */
    public static Stream<DynamicTest> detectsAndReadsEach(
            List<CorpusFile> files, ScannerAdapter adapter, ReportCheck check) {
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(adapter.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    check.check(file, adapter.read(source));
                }));
    }

    /**
     * One dynamic test per file of every folder of the manifest but the adapters' own, named for
     * it: none of the adapters claims it. A format's detection must leave every other format's
     * reports to their own adapters; a folder added to the corpus is checked without a change to
     * the tests.
     *
     * @param own the adapters' own folder ({@code sarif})
     * @param adapters the adapters, none of which may claim a file outside it
     * @return the tests
     * @since 0.2
     */
    public Stream<DynamicTest> claimedByNoneOutside(String own, ScannerAdapter... adapters) {
        return claimedByNone(
                files.stream()
                        .map(f -> f.name().substring(0, f.name().indexOf('/')))
                        .distinct()
                        .filter(folder -> !folder.equals(own)),
                adapters);
    }

    private Stream<DynamicTest> claimedByNone(Stream<String> folders, ScannerAdapter... adapters) {
        return folders.flatMap(folder -> files(folder).stream())
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    for (ScannerAdapter adapter : adapters) {
                        assertThat(adapter.detect(source).isMatch())
                                .as("%s claims %s", adapter.id(), file)
                                .isFalse();
                    }
                }));
    }
}
