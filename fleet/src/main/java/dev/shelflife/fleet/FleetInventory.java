package dev.shelflife.cli;

import dev.shelflife.ReportLocation;
import dev.shelflife.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code shelflife plan} reads: the images of a fleet, each with its reports, its stage and
 * what the caller knows beyond the reports (the base image, when it was built, since when it runs).
 * {@link InventoryReader} reads it from YAML or JSON; {@code docs/plan.md} describes the format.
 *
 * @param source the inventory file as given
 * @param images the images, names unique, in file order
 */
record Inventory(String source, List<Image> images) {

    /** Validates the parts and copies the list. */
    Inventory {
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
     */
    record Image(
            String name,
            Stage stage,
            List<Path> reports,
            Optional<Base> baseImage,
            Optional<Instant> builtAt,
            Optional<Instant> deployedSince,
            ReportLocation location,
            ReportLocation stageLocation) {

        /** Validates the parts and copies the list. */
        Image {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
            reports = List.copyOf(reports);
            Objects.requireNonNull(baseImage, "baseImage");
            Objects.requireNonNull(builtAt, "builtAt");
            Objects.requireNonNull(deployedSince, "deployedSince");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(stageLocation, "stageLocation");
        }
    }

    /**
     * A base image as the inventory gives it.
     *
     * @param name the base reference as written, without a digest ({@code python:3.12-slim}): the tag to follow
     * @param digest the digest the tag pointed to when the image was built, if the inventory gives it
     * @param movedAt when the tag was first seen pointing at its current digest, if the caller recorded it
     */
    record Base(String name, Optional<String> digest, Optional<Instant> movedAt) {

        /** Validates the parts. */
        Base {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(movedAt, "movedAt");
        }
    }
}
