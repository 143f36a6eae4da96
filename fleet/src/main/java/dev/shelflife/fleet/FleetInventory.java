package dev.shelflife.fleet;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRecord;
import dev.shelflife.ReportLocation;
import dev.shelflife.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fleet's inventory, what {@code shelflife plan} reads: the images of a fleet, each with its reports, its stage and
 * what the caller knows beyond the reports (the base image, when it was built, since when it runs).
 * {@link FleetInventoryReader} reads it from YAML or JSON; {@code docs/plan.md} describes the format.
 * (Not to be confused with the policy engine's view of an image's installed packages: this is a
 * list of images.)
 *
 * @param source the inventory file as given
 * @param images the images, names unique, in file order
 * @since 0.2
 */
public record FleetInventory(String source, List<Image> images) {

    /**
     * Validates the parts and copies the list.
     */
    public FleetInventory {
        Objects.requireNonNull(source, "source");
        images = List.copyOf(images);
    }

    /**
     * One image of the fleet.
     *
     * @param name the image reference, as people call it ({@code ghcr.io/acme/shop-api:1.6.0})
     * @param stage the stage it is at, which the policy judges it by
     * @param reports its scanner reports, resolved against the inventory's folder: scans, their
     *     history and VEX documents
     * @param baseImage its base image, when given: it wins over what the reports say
     * @param builtAt when it was built, when given: it wins over the reports
     * @param deployedSince since when it runs, if it does
     * @param location where the image's entry starts in the inventory
     * @param stageLocation where its stage is, for problems with the stage
     * @since 0.2
     */
    public record Image(
            String name,
            Stage stage,
            List<Path> reports,
            Optional<Base> baseImage,
            Optional<Instant> builtAt,
            Optional<Instant> deployedSince,
            ReportLocation location,
            ReportLocation stageLocation) {

        /**
         * Validates the parts and copies the list.
         */
        public Image {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
            reports = List.copyOf(reports);
            Objects.requireNonNull(baseImage, "baseImage");
            Objects.requireNonNull(builtAt, "builtAt");
            Objects.requireNonNull(deployedSince, "deployedSince");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(stageLocation, "stageLocation");
        }

        /**
         * The record read from the image's reports, completed with what the inventory knows beyond
         * them, as {@code shelflife plan} completes it: the inventory's base image wins over the
         * reports' (its digest at build time still comes from the reports' when the inventory gives
         * none and they name the same tag), and so do when it was built and since when it runs.
         *
         * @param record the record read from {@link #reports()}
         * @return the record with the inventory's base image, build instant and deployment applied
         */
        public ImageRecord complete(ImageRecord record) {
            Objects.requireNonNull(record, "record");
            dev.shelflife.Image.Builder known = record.image().toBuilder();
            baseImage.ifPresent(base -> known.baseImage(BaseImage.of(
                    base.name(),
                    base.digest()
                            .or(() -> record.image()
                                    .baseImage()
                                    .filter(b -> FleetPlan.tagKey(b.name()).equals(FleetPlan.tagKey(base.name())))
                                    .flatMap(BaseImage::digest))
                            .orElse(null))));
            builtAt.ifPresent(known::createdAt);
            ImageRecord withImage = record.withImage(known.build());
            return deployedSince.map(withImage::withDeployedSince).orElse(withImage);
        }
    }

    /**
     * A base image as the inventory gives it.
     *
     * @param name the base reference as written, without a digest ({@code python:3.12-slim}): the tag to follow
     * @param digest the digest the tag pointed to when the image was built, if the inventory gives it
     * @param movedAt when the tag was first seen pointing at its current digest, if the caller recorded it
     * @since 0.2
     */
    public record Base(String name, Optional<String> digest, Optional<Instant> movedAt) {

        /**
         * Validates the parts.
         */
        public Base {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(movedAt, "movedAt");
        }
    }
}
