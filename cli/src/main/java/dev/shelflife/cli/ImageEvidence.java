package dev.shelflife.cli;

import dev.shelflife.ConflictingImagesException;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code --same-image} option of the commands that read the reports of one image, and the
 * check it turns off: reports that describe two different images are refused (exit 2) with the
 * files named, as {@link ImageRecord.Builder#build()} refuses them in Java.
 */
final class ImageEvidence {

    /** The flag that says the reports are of one image, whatever their identities say. */
    static final String SAME_IMAGE = "--same-image";

    /** Its help lines. */
    static final String HELP = """
              --same-image         judge the reports as one image even when they name different
                                   repositories, image ids, digests or tags (one image pushed to
                                   two registries, say); without it such reports are refused
            """;

    private ImageEvidence() {}

    /**
     * One report and the file it was read from.
     *
     * @param file the file as given
     * @param report the report read from it
     */
    record Report(String file, ScanReport report) {

        /** Validates the parts. */
        Report {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Reads reports, each with the command's {@code --format} or its detected format.
     *
     * @param reader the command's {@code --format} and the installed adapters
     * @param files the files as given on the command line
     * @return the reports with their files, in order
     * @throws dev.shelflife.ReportParseException if a file is missing or unreadable
     */
    static List<Report> read(FormatOption reader, List<String> files) {
        List<Report> reports = new ArrayList<>(files.size());
        for (String file : files) {
            reports.add(new Report(file, reader.read(file)));
        }
        return reports;
    }

    /**
     * The record of the reports, which must describe one image unless the caller said otherwise.
     *
     * @param reports the reports of one image
     * @param sameImage whether {@value #SAME_IMAGE} was given
     * @return the record, evidence sorted by kind
     * @throws UsageException naming both files when two reports describe different images
     */
    static ImageRecord record(List<Report> reports, boolean sameImage) {
        ImageRecord.Builder builder = ImageRecord.builder()
                .reports(reports.stream().map(Report::report).toList());
        if (sameImage) {
            builder.sameImage();
        }
        try {
            return builder.build();
        } catch (ConflictingImagesException e) {
            throw new UsageException(fileOf(reports, e.first()) + " ("
                    + e.first().describe() + ") and "
                    + fileOf(reports, e.second()) + " (" + e.second().describe() + ") describe different images ("
                    + e.reason() + "); give " + SAME_IMAGE + " if they are one image");
        }
    }

    private static String fileOf(List<Report> reports, ScanReport report) {
        return reports.stream()
                .filter(r -> r.report() == report)
                .map(Report::file)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a conflicting report that was not given"));
    }
}
