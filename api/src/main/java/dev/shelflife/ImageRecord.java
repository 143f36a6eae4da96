package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one image when a policy evaluates it: the image, the evidence about it
 * (scans by several scanners on several dates, inventories, assessments), VEX statements from
 * elsewhere, and since when it is deployed.
 *
 * <p>The evidence is sorted by {@linkplain ScanReport#kind() kind}: only {@link #scans()} are
 * scans, whose findings are judged and whose dates are scan dates; {@link #inventories()} list
 * packages; {@link #assessments()} make statements, which act as waivers with the statements of
 * the scans ({@link #statements()}). An SBOM is therefore never a clean scan.
 *
 * <p>{@link #of(List)} and {@link #builder()} check that the evidence is about one image (see
 * {@link ImageIdentity#conflictWith(ImageIdentity)}) and refuse reports of two different images
 * with a {@link ConflictingImagesException}, unless the caller says they belong together. The
 * canonical constructor takes the parts as given and checks nothing about identity.
 *
 * @param image the image; parts the reports do not give can be supplied by the caller
 * @param reports the evidence about the image, of every kind, any order
 * @param vexStatements VEX statements from sources other than the reports; the reports' own are in {@link #statements()}
 * @param deployedSince when the image was first deployed, if it is
 * @param lineage what the recorded history of the image's lineage remembers for the clocks, when a
 *     history store made the record; scans of other images of the lineage count only there
 * @since 0.1
 */
public record ImageRecord(
        Image image,
        List<ScanReport> reports,
        List<VexStatement> vexStatements,
        Optional<Instant> deployedSince,
        Optional<Lineage> lineage) {

    /** Validates the parts and copies the lists. */
    public ImageRecord {
        Objects.requireNonNull(image, "image");
        reports = List.copyOf(reports);
        vexStatements = List.copyOf(vexStatements);
        Objects.requireNonNull(deployedSince, "deployedSince");
        Objects.requireNonNull(lineage, "lineage");
    }

    /**
     * A record without a lineage's history.
     *
     * @param image the image
     * @param reports the evidence about the image, of every kind
     * @param vexStatements VEX statements from sources other than the reports
     * @param deployedSince when the image was first deployed, if it is
     */
    public ImageRecord(
            Image image, List<ScanReport> reports, List<VexStatement> vexStatements, Optional<Instant> deployedSince) {
        this(image, reports, vexStatements, deployedSince, Optional.empty());
    }

    /**
     * A record of the evidence about one image, with the image taken from the first scan that
     * describes one (or else the first report that does).
     *
     * @param reports the evidence about one image, of any kind
     * @return the record
     * @throws ConflictingImagesException if two reports describe different images
     */
    public static ImageRecord of(List<ScanReport> reports) {
        return builder().reports(reports).build();
    }

    /**
     * A builder that sorts evidence by kind and checks that it is about one image.
     *
     * @return an empty builder
     * @since 0.2
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The vulnerability scans among the reports, in the record's order.
     *
     * @return the reports of kind {@link EvidenceKind#SCAN}
     * @since 0.2
     */
    public List<ScanReport> scans() {
        return ofKind(EvidenceKind.SCAN);
    }

    /**
     * The inventories (SBOMs without vulnerability analysis) among the reports.
     *
     * @return the reports of kind {@link EvidenceKind#INVENTORY}
     * @since 0.2
     */
    public List<ScanReport> inventories() {
        return ofKind(EvidenceKind.INVENTORY);
    }

    /**
     * The assessments (VEX documents) among the reports.
     *
     * @return the reports of kind {@link EvidenceKind#ASSESSMENT}
     * @since 0.2
     */
    public List<ScanReport> assessments() {
        return ofKind(EvidenceKind.ASSESSMENT);
    }

    /**
     * Every VEX statement that applies to the image: those of {@link #vexStatements()}, then those
     * of the reports in the record's order, each once.
     *
     * @return the statements
     * @since 0.2
     */
    public List<VexStatement> statements() {
        Set<VexStatement> all = new LinkedHashSet<>(vexStatements);
        for (ScanReport report : reports) {
            if (report.kind() != EvidenceKind.INVENTORY) {
                all.addAll(report.vexStatements());
            }
        }
        return List.copyOf(all);
    }

    /**
     * The newest scan by scan instant; scans without one count as oldest. Inventories and
     * assessments are not scans, whatever their dates.
     *
     * @return the latest scan, or empty when there is none
     */
    public Optional<ScanReport> latestReport() {
        return scans().stream().max(Comparator.comparing(r -> r.scannedAt().orElse(Instant.MIN)));
    }

    /**
     * A copy with the image replaced.
     *
     * @param newImage the image
     * @return the new record
     */
    public ImageRecord withImage(Image newImage) {
        return new ImageRecord(newImage, reports, vexStatements, deployedSince, lineage);
    }

    /**
     * A copy with the deployment instant set.
     *
     * @param since when the image was first deployed
     * @return the new record
     */
    public ImageRecord withDeployedSince(Instant since) {
        return new ImageRecord(image, reports, vexStatements, Optional.of(since), lineage);
    }

    /**
     * A copy with other evidence, the image and everything else kept.
     *
     * @param newReports the evidence
     * @return the new record
     * @since 0.2
     */
    public ImageRecord withReports(List<ScanReport> newReports) {
        return new ImageRecord(image, newReports, vexStatements, deployedSince, lineage);
    }

    /**
     * A copy with the history of the image's lineage, which a history store reads for the clocks.
     *
     * @param history what the lineage's recorded scans remember
     * @return the new record
     * @since 0.2
     */
    public ImageRecord withLineage(Lineage history) {
        return new ImageRecord(image, reports, vexStatements, deployedSince, Optional.of(history));
    }

    private List<ScanReport> ofKind(EvidenceKind kind) {
        List<ScanReport> found = new ArrayList<>(reports.size());
        for (ScanReport report : reports) {
            if (report.kind() == kind) {
                found.add(report);
            }
        }
        return found;
    }

    /**
     * Builds an {@link ImageRecord} from evidence of any kind, checking that it is about one image.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final List<ScanReport> reports = new ArrayList<>();
        private final List<VexStatement> vexStatements = new ArrayList<>();
        private Image image;
        private Instant deployedSince;
        private Lineage lineage;
        private boolean sameImage;

        private Builder() {}

        /**
         * Adds a piece of evidence: a scan, an inventory or an assessment.
         *
         * @param value the report
         * @return this builder
         */
        public Builder report(ScanReport value) {
            reports.add(Objects.requireNonNull(value, "report"));
            return this;
        }

        /**
         * Adds pieces of evidence, in order.
         *
         * @param values the reports
         * @return this builder
         */
        public Builder reports(List<ScanReport> values) {
            values.forEach(this::report);
            return this;
        }

        /**
         * Adds a VEX statement from a source other than the reports.
         *
         * @param value the statement
         * @return this builder
         */
        public Builder vexStatement(VexStatement value) {
            vexStatements.add(Objects.requireNonNull(value, "vexStatement"));
            return this;
        }

        /**
         * Sets the image instead of taking it from the reports.
         *
         * @param value what the caller knows about the image
         * @return this builder
         */
        public Builder image(Image value) {
            this.image = Objects.requireNonNull(value, "image");
            return this;
        }

        /**
         * Sets when the image was first deployed.
         *
         * @param value the instant
         * @return this builder
         */
        public Builder deployedSince(Instant value) {
            this.deployedSince = Objects.requireNonNull(value, "deployedSince");
            return this;
        }

        /**
         * Sets what the recorded history of the image's lineage remembers for the clocks. Its
         * scans may be of other images of the lineage: they are not evidence about this image and
         * are not checked against it.
         *
         * @param value the lineage's history
         * @return this builder
         */
        public Builder lineage(Lineage value) {
            this.lineage = Objects.requireNonNull(value, "lineage");
            return this;
        }

        /**
         * Says that every report is about one image, whatever their identities say: reports of one
         * image pushed to two repositories, or scanned under two tags before a digest was known.
         * Without it, {@link #build()} refuses reports of different images.
         *
         * @return this builder
         */
        public Builder sameImage() {
            this.sameImage = true;
            return this;
        }

        /**
         * Builds the record; its image is the one set, or else that of the first scan that
         * describes one, or else that of the first report that does.
         *
         * @return the record
         * @throws ConflictingImagesException if two reports describe different images and
         *     {@link #sameImage()} was not called
         */
        public ImageRecord build() {
            if (!sameImage) {
                requireOneImage(reports);
            }
            Image chosen = image != null ? image : imageOf(reports);
            return new ImageRecord(
                    chosen, reports, vexStatements, Optional.ofNullable(deployedSince), Optional.ofNullable(lineage));
        }

        private static Image imageOf(List<ScanReport> reports) {
            return reports.stream()
                    .filter(ScanReport::isScan)
                    .map(ScanReport::image)
                    .filter(i -> !i.equals(Image.unknown()))
                    .findFirst()
                    .or(() -> reports.stream()
                            .map(ScanReport::image)
                            .filter(i -> !i.equals(Image.unknown()))
                            .findFirst())
                    .orElse(Image.unknown());
        }

        /** Compares every pair once: evidence about one image is a handful of reports, not thousands. */
        private static void requireOneImage(List<ScanReport> reports) {
            List<ImageIdentity> identities =
                    reports.stream().map(r -> ImageIdentity.of(r.image())).toList();
            for (int i = 0; i < identities.size(); i++) {
                for (int j = i + 1; j < identities.size(); j++) {
                    Optional<String> conflict = identities.get(i).conflictWith(identities.get(j));
                    if (conflict.isPresent()) {
                        throw new ConflictingImagesException(reports.get(i), reports.get(j), conflict.get());
                    }
                }
            }
        }
    }
}
