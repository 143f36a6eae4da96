package dev.shelflife.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.shelflife.testkit.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Grows large reports from the corpus: the document of a {@link Format}'s corpus report, with its
 * array of entries repeated until the file reaches a size, each copy made distinct by a prefix.
 * Every entry is a real one; only the copies' targets (or paths) are new.
 *
 * <p>Tokens are copied with Jackson's streaming API, so a gigabyte takes seconds and little
 * memory. The output is indented with two spaces, as Trivy and Grype write. Files are kept in
 * {@link #directory()} and reused while they exist; they are never committed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.LargeReports trivy 1024
 * </pre>
 */
public final class LargeReports {

    /** The system property naming the folder of generated reports. */
    public static final String DIRECTORY_PROPERTY = "shelflife.reports";

    private static final long MEBIBYTE = 1L << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private LargeReports() {}

    /**
     * Writes (or finds) a report of a format grown to about a size.
     *
     * @param args the format ({@code trivy}, {@code grype}, {@code grype_094}, {@code snyk}) and the size in MiB
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LargeReports trivy|grype|grype_094|snyk MEBIBYTES");
            System.exit(2);
        }
        Report report = grow(Format.named(args[0]), Integer.parseInt(args[1]));
        System.out.println(report);
    }

    /**
     * A generated report and what it holds.
     *
     * @param format its format
     * @param path the file
     * @param bytes its size
     * @param copies how many times the corpus entries were repeated
     * @param entries the raw vulnerability entries it holds, by the corpus manifest's count
     */
    record Report(Format format, Path path, long bytes, int copies, int entries) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d bytes, %d copies, %,d entries", path, bytes, copies, entries);
        }
    }

    /**
     * The report of a format grown to about a size: as many copies of the corpus report's entries
     * as fit, at least one. Generated on first use, reused afterwards.
     *
     * @param format the format
     * @param mebibytes the size to grow to, in MiB
     * @return the report
     */
    static Report grow(Format format, int mebibytes) {
        Corpus corpus = Corpus.find()
                .orElseThrow(() -> new IllegalStateException(
                        "no corpus: set -D" + Corpus.PROPERTY + "=DIR or SHELFLIFE_FIXTURES (it holds MANIFEST.tsv)"));
        Corpus.CorpusFile original =
                corpus
                        .files(format.corpusName()
                                .substring(0, format.corpusName().indexOf('/')))
                        .stream()
                        .filter(file -> file.name().equals(format.corpusName()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("the corpus lists no " + format.corpusName()));
        try {
            byte[] document = Files.readAllBytes(original.path());
            int copies = (int) Math.max(1, Math.round((double) mebibytes * MEBIBYTE / document.length));
            Path directory = directory();
            Files.createDirectories(directory);
            Path path = directory.resolve(format + "-" + mebibytes + "MiB.json");
            if (!Files.isRegularFile(path)) {
                Path partial = Files.createTempFile(directory, format + "-", ".partial");
                try (OutputStream out = Files.newOutputStream(partial);
                        JsonGenerator generator = JSON.createGenerator(out).setPrettyPrinter(goStyle())) {
                    writeGrown(format, document, copies, generator);
                }
                Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Report(format, path, Files.size(path), copies, copies * original.rawEntries());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where generated reports are kept: {@code -Dshelflife.reports}, else the environment variable
     * {@code SHELFLIFE_REPORTS} (which JMH's forks inherit), else the temporary directory.
     *
     * @return the folder
     */
    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY, System.getenv("SHELFLIFE_REPORTS"));
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "shelflife-benchmarks");
    }

    /** Two-space indentation and {@code "key": value}, as Go's {@code json.MarshalIndent} writes. */
    private static DefaultPrettyPrinter goStyle() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /** Copies the document, writing the array at the entries path {@code copies} times over. */
    private static void writeGrown(Format format, byte[] document, int copies, JsonGenerator out) throws IOException {
        try (JsonParser in = JSON.createParser(document)) {
            in.nextToken();
            copyAround(in, out, format.entriesPath(), () -> {
                for (int copy = 0; copy < copies; copy++) {
                    writeCopy(format, document, copy, out);
                }
            });
        }
    }

    /** Something that writes the repeated elements in place of the original ones. */
    @FunctionalInterface
    private interface Elements {
        void write() throws IOException;
    }

    /** Copies the value the parser is on; the array at {@code path} is replaced by what {@code elements} writes. */
    private static void copyAround(JsonParser in, JsonGenerator out, List<String> path, Elements elements)
            throws IOException {
        if (path.isEmpty()) {
            out.writeStartArray();
            elements.write();
            out.writeEndArray();
            in.skipChildren();
            return;
        }
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException(
                    "expected an object on the way to " + path + ", found " + in.currentToken());
        }
        out.writeStartObject();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            out.writeFieldName(name);
            if (name.equals(path.get(0))) {
                copyAround(in, out, path.subList(1, path.size()), elements);
            } else {
                out.copyCurrentStructure(in);
            }
        }
        out.writeEndObject();
    }

    /** Writes the elements of the original array once more, each made distinct for this copy. */
    private static void writeCopy(Format format, byte[] document, int copy, JsonGenerator out) throws IOException {
        String prefix = format.distinctPrefix(copy);
        try (JsonParser in = JSON.createParser(document)) {
            in.nextToken();
            for (String field : format.entriesPath()) {
                seekField(in, field);
            }
            if (format.entriesPath().isEmpty()) {
                // The whole document is the repeated element (an array of projects, say).
                copyPrefixing(in, out, format.distinctPath(), prefix);
                return;
            }
            while (in.nextToken() != JsonToken.END_ARRAY) {
                copyPrefixing(in, out, format.distinctPath(), prefix);
            }
        }
    }

    private static void seekField(JsonParser in, String field) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            boolean found = in.currentName().equals(field);
            in.nextToken();
            if (found) {
                return;
            }
            in.skipChildren();
        }
        throw new IllegalStateException("no field " + field + " in the corpus report");
    }

    /** Copies the value the parser is on, prefixing the strings at {@code path} ({@code *}: every array element). */
    private static void copyPrefixing(JsonParser in, JsonGenerator out, List<String> path, String prefix)
            throws IOException {
        JsonToken token = in.currentToken();
        if (path.isEmpty() && token == JsonToken.VALUE_STRING) {
            out.writeString(prefix + in.getText());
        } else if (!path.isEmpty() && token == JsonToken.START_OBJECT) {
            out.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                out.writeFieldName(name);
                if (name.equals(path.get(0))) {
                    copyPrefixing(in, out, path.subList(1, path.size()), prefix);
                } else {
                    out.copyCurrentStructure(in);
                }
            }
            out.writeEndObject();
        } else if (!path.isEmpty()
                && token == JsonToken.START_ARRAY
                && path.get(0).equals("*")) {
            out.writeStartArray();
            while (in.nextToken() != JsonToken.END_ARRAY) {
                copyPrefixing(in, out, path.subList(1, path.size()), prefix);
            }
            out.writeEndArray();
        } else {
            out.copyCurrentStructure(in);
        }
    }
}
