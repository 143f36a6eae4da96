package dev.shelflife.aws;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outer walk shared by the two AWS formats, which are one object holding an array of findings
 * ({@code findings} of Inspector's {@code ListFindings}, {@code Findings} of Security Hub's
 * {@code GetFindings}) and, when the listing has more pages, the token of the next one. Each
 * finding is bound and mapped on its own by the format.
 */
final class FindingsDocument {

    /** The scanner of both formats, for an Inspector finding that reached Security Hub too. */
    static final String INSPECTOR = "Amazon Inspector";

    /**
     * One of the two formats.
     */
    interface Format {
        /**
         * The adapter's id.
         *
         * @return {@code aws-inspector2} or {@code aws-securityhub}
         */
        String adapterId();

        /**
         * The key of the findings array.
         *
         * @return {@code findings} or {@code Findings}
         */
        String container();

        /**
         * The key of the next page's token.
         *
         * @return {@code nextToken} or {@code NextToken}
         */
        String nextToken();

        /**
         * What the format is, for messages.
         *
         * @return {@code Amazon Inspector's ListFindings output} …
         */
        String description();

        /**
         * Reads the finding the cursor is on and accounts for it on the report.
         *
         * @param cursor the cursor, on the finding
         * @param at where it starts
         * @param document the report being read
         */
        void finding(JsonCursor cursor, ReportLocation at, FindingsDocument document);
    }

    private final Format format;
    private final int maxEntries;
    private final ScanReport.Builder builder;
    private final EcrImage.One image = new EcrImage.One();
    private int entries;
    private Instant lastObserved;

    private FindingsDocument(Format format, int maxEntries) {
        this.format = format;
        this.maxEntries = maxEntries;
        this.builder = ScanReport.builder(
                EvidenceKind.SCAN,
                ReportFormat.of(format.adapterId(), format.adapterId(), null),
                ScannerTool.of(INSPECTOR, null));
    }

    /**
     * Reads a whole document.
     *
     * @param source the input
     * @param format the format
     * @return the report
     */
    static ScanReport read(ReportSource source, Format format) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            JsonToken first = cursor.firstToken();
            ReportLocation start = cursor.location();
            if (first != JsonToken.START_OBJECT) {
                throw new UnsupportedReportException(
                        start,
                        "not " + format.description() + ": expected a JSON object, found "
                                + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
            }
            FindingsDocument document =
                    new FindingsDocument(format, source.limits().maxEntries());
            cursor.reportProblemsTo(document.builder::problem);
            boolean[] seen = new boolean[1];
            cursor.forEachField(name -> {
                if (name.equals(format.container())) {
                    seen[0] = true;
                    cursor.require(JsonToken.START_ARRAY, "the " + format.container() + " array");
                    cursor.forEachElement(index -> {
                        if (++document.entries > document.maxEntries) {
                            throw cursor.failure("limit exceeded: more than " + document.maxEntries
                                    + " findings (ReadLimits.maxEntries)");
                        }
                        format.finding(cursor, cursor.location(), document);
                    });
                } else if (name.equals(format.nextToken())) {
                    String token = cursor.text();
                    if (token != null && !token.isBlank()) {
                        document.builder.problem(new Problem(
                                Problem.Kind.MISSING_VALUE,
                                "the listing has more pages (" + format.nextToken()
                                        + "): the findings of the pages after this one are missing",
                                cursor.location()));
                    }
                } else {
                    cursor.skipUnread(name, Set.of(format.container(), format.nextToken()));
                }
            });
            cursor.requireEnd();
            if (!seen[0]) {
                throw new UnsupportedReportException(
                        start, "not " + format.description() + ": no " + format.container() + " array");
            }
            return document.build(start);
        }
    }

    /**
     * The report's builder.
     *
     * @return the builder
     */
    ScanReport.Builder report() {
        return builder;
    }

    /**
     * Whether a finding is about the report's image: the first finding that names an image names it.
     *
     * @param ecrImage the image the finding names
     * @param at where it names it
     * @return empty when it is the report's image; else why the finding is skipped
     */
    Optional<String> otherImage(EcrImage ecrImage, ReportLocation at) {
        return image.other(ecrImage, at);
    }

    /**
     * One of a finding's resources as its format names it: the ECR image it is, or what other
     * resource it is, for the message that skips a finding about no image.
     *
     * @param image the image, or {@code null} when the resource is none
     * @param other what the resource is instead ({@code AWS_EC2_INSTANCE i-0abc}), or {@code null}
     */
    record Subject(EcrImage image, String other) {

        /**
         * A resource that is an ECR image.
         *
         * @param image the image
         * @return the subject
         */
        static Subject image(EcrImage image) {
            return new Subject(image, null);
        }

        /**
         * A resource of another kind, or an ECR image that cannot be named.
         *
         * @param what what it is, for a message
         * @return the subject
         */
        static Subject other(String what) {
            return new Subject(null, what);
        }
    }

    /**
     * The image a finding is about, from its resources as its format names them: the first image
     * is the finding's, and a second, other one is reported and not read. A finding that names no
     * image, or another image than the report's, is skipped on the report.
     *
     * @param subjects the finding's resources in order, {@code null} for a null one
     * @param key the key of the finding's resources ({@code resources} or {@code Resources})
     * @param at where the finding starts
     * @return the image, or empty when the finding was skipped
     */
    Optional<EcrImage> imageOf(List<Subject> subjects, String key, ReportLocation at) {
        List<String> others = new ArrayList<>();
        EcrImage found = null;
        ReportLocation foundAt = null;
        for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get(i);
            if (subject == null) {
                continue;
            }
            if (subject.image() == null) {
                others.add(subject.other());
                continue;
            }
            EcrImage named = subject.image();
            if (found == null) {
                found = named;
                foundAt = FindingMapper.field(at, key + "/" + i);
            } else if (named.isNot(found)) {
                builder.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "this finding names a second image, " + named + ": it is read as a finding of " + found
                                + " only",
                        FindingMapper.field(at, key + "/" + i)));
            }
        }
        if (found == null) {
            builder.skipped(
                    "a finding about " + (others.isEmpty() ? "no resource" : String.join(", ", others))
                            + ", not an ECR container image: not read",
                    at);
            return Optional.empty();
        }
        Optional<String> anotherImage = otherImage(found, foundAt);
        if (anotherImage.isPresent()) {
            builder.skipped(anotherImage.get(), at);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /**
     * Notes when Inspector last observed a finding that became one: the newest such instant is
     * when, at the latest, Inspector scanned the image.
     *
     * @param text the {@code lastObservedAt}, or {@code null}
     * @param at where it is
     */
    void observed(String text, ReportLocation at) {
        FindingMapper.instant(text, at, builder).ifPresent(instant -> {
            if (lastObserved == null || instant.isAfter(lastObserved)) {
                lastObserved = instant;
            }
        });
    }

    private ScanReport build(ReportLocation start) {
        if (image.image().isEmpty()) {
            builder.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "no finding names an ECR image: " + format.description()
                            + " names the image only in its findings, so this report cannot say which image it is about",
                    start.withPath("/" + format.container())));
        }
        image.image().ifPresent(ecr -> builder.image(ecr.image()).artifact(ecr.artifact()));
        builder.scannedAt(lastObserved);
        return builder.build();
    }
}
