package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one image when a policy evaluates it: the image, its scan history
 * (several reports, several scanners, several dates), SBOM components, VEX statements, and
 * since when it is deployed.
 *
 * @param image the image; parts the reports do not give can be supplied by the caller
 * @param reports the scan history, any order
 * @param vexStatements VEX statements that apply to this image, from any source
 * @param deployedSince when the image was first deployed, if it is
 * @since 0.1
 */
public record ImageRecord(
        Image image, List<ScanReport> reports, List<VexStatement> vexStatements, Optional<Instant> deployedSince) {

    /** Validates the parts and copies the lists. */
    public ImageRecord {
        Objects.requireNonNull(image, "image");
        reports = List.copyOf(reports);
        vexStatements = List.copyOf(vexStatements);
        Objects.requireNonNull(deployedSince, "deployedSince");
    }

    /**
     * A record of the given reports, with the image taken from the first report that describes
     * one and every VEX statement the reports make.
     *
     * @param reports the reports of one image
     * @return the record
     */
    public static ImageRecord of(List<ScanReport> reports) {
        Image image = reports.stream()
                .map(ScanReport::image)
                .filter(i -> !i.equals(Image.unknown()))
                .findFirst()
                .orElse(Image.unknown());
        List<VexStatement> vex = new ArrayList<>();
        reports.forEach(r -> vex.addAll(r.vexStatements()));
        return new ImageRecord(image, reports, vex, Optional.empty());
    }

    /**
     * The newest report by scan instant; reports without one count as oldest.
     *
     * @return the latest report, or empty when there is none
     */
    public Optional<ScanReport> latestReport() {
        return reports.stream().max(Comparator.comparing(r -> r.scannedAt().orElse(Instant.MIN)));
    }

    /**
     * A copy with the image replaced.
     *
     * @param newImage the image
     * @return the new record
     */
    public ImageRecord withImage(Image newImage) {
        return new ImageRecord(newImage, reports, vexStatements, deployedSince);
    }

    /**
     * A copy with the deployment instant set.
     *
     * @param since when the image was first deployed
     * @return the new record
     */
    public ImageRecord withDeployedSince(Instant since) {
        return new ImageRecord(image, reports, vexStatements, Optional.of(since));
    }
}
