package dev.shelflife.feed;

import dev.shelflife.Epss;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One day of FIRST's Exploit Prediction Scoring System: for each scored CVE, the probability of
 * exploitation in the next 30 days and its percentile, as FIRST publishes them daily
 * ({@code epss_scores-YYYY-MM-DD.csv.gz}).
 *
 * <p>The file is UTF-8 CSV, plain or gzip-compressed (recognised by its first bytes): an optional
 * first line {@code #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000}, the header
 * {@code cve,epss,percentile}, then one row per CVE, such as {@code CVE-2021-44228,0.94358,0.99957}.
 * Each score and percentile is a decimal number in 0..1; each CVE appears once. Blank lines are
 * skipped. Reading streams the file line by line under {@link #LIMITS}: the document size (after
 * decompression) and the number of rows are bounded, and so is a line, at
 * {@value #MAX_LINE_CHARS} characters. Every failure is a {@link ReportParseException} naming the
 * file, line and column, with the column's name as its path ({@code epss.csv:12:15 (/epss): …}).
 *
 * <p>Immutable and safe for concurrent use.
 *
 * @since 0.1
 */
public final class EpssScores {

    /** The longest line accepted; a row is about 40 characters. */
    public static final int MAX_LINE_CHARS = 1024;

    /**
     * The limits {@link #read(Path)} reads under: 512 MiB of CSV (a day's file is about 15 MB for
     * some 300,000 CVEs) and 5 million rows.
     */
    public static final ReadLimits LIMITS =
            ReadLimits.DEFAULT.withMaxDocumentBytes(512L << 20).withMaxEntries(5_000_000);

    private static final String HEADER = "cve,epss,percentile";
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,3})?");

    private final Optional<String> modelVersion;
    private final Optional<LocalDate> scoreDate;
    private final Map<String, Epss> scores;

    private EpssScores(Optional<String> modelVersion, Optional<LocalDate> scoreDate, Map<String, Epss> scores) {
        this.modelVersion = modelVersion;
        this.scoreDate = scoreDate;
        this.scores = Collections.unmodifiableMap(scores);
    }

    /**
     * Reads a scores file under {@link #LIMITS}.
     *
     * @param file the CSV file, plain or gzip-compressed
     * @return the scores
     * @throws ReportParseException if the file cannot be read or is not an EPSS scores file
     */
    public static EpssScores read(Path file) {
        return read(ReportSource.of(file).withLimits(LIMITS));
    }

    /**
     * Reads scores under the source's limits: {@link ReadLimits#maxDocumentBytes()} bounds the CSV
     * after decompression, {@link ReadLimits#maxEntries()} the rows.
     *
     * @param source the CSV, plain or gzip-compressed
     * @return the scores
     * @throws ReportParseException if the source cannot be read or is not an EPSS scores file
     */
    public static EpssScores read(ReportSource source) {
        Reading reading = new Reading(Objects.requireNonNull(source, "source"));
        try (InputStream in = source.open()) {
            return reading.scores(in);
        } catch (IOException e) {
            throw reading.failure(e);
        }
    }

    /**
     * The EPSS model that computed the scores, as the file's first line names it ({@code v2025.03.14}).
     *
     * @return the model version, or empty when the file does not say
     */
    public Optional<String> modelVersion() {
        return modelVersion;
    }

    /**
     * The day the scores were computed, from the file's first line.
     *
     * @return the day, or empty when the file does not say
     */
    public Optional<LocalDate> scoreDate() {
        return scoreDate;
    }

    /**
     * How many CVEs have a score.
     *
     * @return the number of rows
     */
    public int size() {
        return scores.size();
    }

    /**
     * The score of a CVE.
     *
     * @param cveId a CVE id, in any case
     * @return its score, percentile and the day they were computed, or empty when it has no score
     */
    public Optional<Epss> find(String cveId) {
        return Optional.ofNullable(scores.get(CveIds.normalize(Objects.requireNonNull(cveId, "cveId"))));
    }

    @Override
    public String toString() {
        return "EpssScores[" + scoreDate.map(LocalDate::toString).orElse("undated") + ", " + scores.size() + " CVEs]";
    }

    /** One read of a scores file, which knows the line it is on. */
    private static final class Reading {
        private final ReportSource source;
        private final Map<String, Epss> scores = new HashMap<>();
        private final Map<String, Long> lineOf = new HashMap<>();
        private BufferedReader reader;
        private long line;
        private String modelVersion;
        private LocalDate scoreDate;

        Reading(ReportSource source) {
            this.source = source;
        }

        EpssScores scores(InputStream raw) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream content = source.limits().bound(gzip ? new GZIPInputStream(buffered) : buffered);
            reader = new BufferedReader(new InputStreamReader(
                    content,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            String first = nextLine();
            if (first != null && first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (first != null && first.startsWith("#")) {
                comment(first.substring(1));
                first = nextLine();
            }
            if (first == null || !first.equals(HEADER)) {
                throw at(
                        1,
                        "header",
                        first == null
                                ? "empty file: expected the header " + HEADER
                                : "expected the header " + HEADER + ", found \"" + Quoted.text(first) + "\"");
            }
            Optional<LocalDate> day = Optional.ofNullable(scoreDate);
            for (String row = nextLine(); row != null; row = nextLine()) {
                if (!row.isEmpty()) {
                    row(row, day);
                }
            }
            return new EpssScores(Optional.ofNullable(modelVersion), day, scores);
        }

        private void comment(String text) {
            int column = 2;
            for (String part : text.split(",", -1)) {
                int colon = part.indexOf(':');
                if (colon < 0) {
                    throw at(
                            column,
                            "#",
                            "expected key:value pairs such as score_date:2025-08-25T00:00:00+0000, found \""
                                    + Quoted.text(part) + "\"");
                }
                String key = part.substring(0, colon).strip();
                String value = part.substring(colon + 1).strip();
                if (key.equals("model_version")) {
                    modelVersion = value;
                } else if (key.equals("score_date")) {
                    scoreDate = day(value, column + colon + 1);
                }
                column += part.length() + 1;
            }
        }

        private LocalDate day(String text, int column) {
            boolean shape = text.length() >= 10 && (text.length() == 10 || text.charAt(10) == 'T');
            try {
                if (shape) {
                    return LocalDate.parse(text.substring(0, 10));
                }
            } catch (DateTimeParseException e) {
                // Reported below, as for any other shape.
            }
            throw at(
                    column,
                    "#/score_date",
                    "bad score_date \"" + Quoted.text(text)
                            + "\": expected a date or date-time such as 2025-08-25T00:00:00+0000");
        }

        private void row(String row, Optional<LocalDate> day) {
            String[] fields = row.split(",", -1);
            if (fields.length != 3) {
                throw at(
                        1,
                        "",
                        "expected 3 columns (" + HEADER + "), found " + fields.length + ": \"" + Quoted.text(row)
                                + "\"");
            }
            String cve = fields[0];
            if (!CveIds.isCveId(cve)) {
                throw at(1, "cve", "\"" + Quoted.text(cve) + "\" is not a CVE id (CVE-YYYY-NNNN)");
            }
            int epssColumn = cve.length() + 2;
            double score = probability(fields[1], epssColumn, "epss");
            double percentile = probability(fields[2], epssColumn + fields[1].length() + 1, "percentile");
            String key = CveIds.normalize(cve);
            Long first = lineOf.putIfAbsent(key, line);
            if (first != null) {
                throw at(1, "cve", key + " is scored twice (first on line " + first + ")");
            }
            if (scores.size() >= source.limits().maxEntries()) {
                throw at(
                        1,
                        "",
                        "limit exceeded: more than " + source.limits().maxEntries() + " rows (ReadLimits.maxEntries)");
            }
            scores.put(key, new Epss(score, percentile, day));
        }

        private double probability(String text, int column, String name) {
            if (DECIMAL.matcher(text).matches()) {
                double value = Double.parseDouble(text);
                if (value >= 0.0 && value <= 1.0) {
                    return value;
                }
            }
            throw at(column, name, "bad " + name + " \"" + Quoted.text(text) + "\": expected a decimal number in 0..1");
        }

        /** The next line without its line break, or null at the end; longer lines than allowed fail. */
        private String nextLine() throws IOException {
            StringBuilder text = new StringBuilder();
            int c = reader.read();
            if (c < 0) {
                return null;
            }
            line++;
            while (c >= 0 && c != '\n') {
                if (text.length() >= MAX_LINE_CHARS) {
                    throw at(
                            MAX_LINE_CHARS + 1,
                            "",
                            "limit exceeded: a line longer than " + MAX_LINE_CHARS + " characters");
                }
                text.append((char) c);
                c = reader.read();
            }
            int end = text.length();
            return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
        }

        ReportParseException at(long column, String field, String problem) {
            return new ReportParseException(
                    new ReportLocation(source.name(), line, column, field.isEmpty() ? "" : "/" + field), problem);
        }

        /**
         * A failure of the stream itself. It names no line: the reader decodes and decompresses
         * ahead of the line it returns, so the line number would mislead.
         */
        ReportParseException failure(IOException e) {
            String problem;
            if (e instanceof DocumentTooLargeException) {
                problem = "limit exceeded: " + e.getMessage();
            } else if (e instanceof CharacterCodingException) {
                problem = "not UTF-8 text";
            } else if (e instanceof ZipException || e instanceof EOFException) {
                problem = "not a complete gzip file: " + e.getMessage();
            } else {
                problem = "cannot read: " + e.getMessage();
            }
            return new ReportParseException(ReportLocation.of(source.name()), problem, e);
        }
    }
}
