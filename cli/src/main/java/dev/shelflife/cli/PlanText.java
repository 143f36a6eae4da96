package dev.shelflife.cli;

import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.fleet.PlanSources;
import dev.shelflife.policy.BaseImageStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** Writes a {@link FleetPlan} for people: a heading, the images most urgent first with their reasons, the base images. */
final class PlanText {

    private PlanText() {}

    /**
     * Writes the plan.
     *
     * @param plan the plan
     * @param sources what it was made from
     * @param out where to write
     */
    static void write(FleetPlan plan, PlanSources sources, PrintStream out) {
        out.println("Rebuild plan for " + sources.inventory() + " at " + plan.at());
        out.println(String.join(" · ", sources.describe()));
        out.println(summary(plan));
        int rank = 1;
        for (FleetPlan.ImagePlan image : plan.images()) {
            out.println();
            out.println(rank++ + ". " + heading(image));
            image.reasons().forEach(reason -> out.println("   - " + reason));
        }
        if (!plan.bases().isEmpty()) {
            out.println();
            out.println("Base images, the update that fixes the most findings first:");
            for (FleetPlan.BasePlan base : plan.bases()) {
                out.println("  " + base.name() + ": " + state(base));
                out.println("      " + images(base));
            }
        }
        out.println();
        out.println(recommendation(plan));
    }

    /**
     * The plan's counts in one line.
     *
     * @param plan the plan
     * @return for example {@code 5 images: 2 rebuild now, 2 rebuild within 30 days, 1 fine}, with
     *     {@code 1 blocked} and {@code 1 unknown} after the first count when there are such images
     */
    static String summary(FleetPlan plan) {
        long blocked = plan.count(FleetPlan.Decision.BLOCKED);
        long unknown = plan.count(FleetPlan.Decision.UNKNOWN);
        return count(plan.images().size(), "image") + ": " + plan.count(FleetPlan.Decision.REBUILD_NOW)
                + " rebuild now, " + (blocked > 0 ? blocked + " blocked, " : "")
                + (unknown > 0 ? unknown + " unknown, " : "") + plan.count(FleetPlan.Decision.REBUILD_BY)
                + " rebuild within " + plan.horizon().toDays() + " days, " + plan.count(FleetPlan.Decision.FINE)
                + " fine";
    }

    /**
     * An image's decision and what it is, in one line.
     *
     * @param image the image's plan
     * @return for example
     *     {@code REBUILD BY 2025-09-16T00:00:00Z  ghcr.io/acme/billing:3.2.1  (deploy: PASS; base python:3.12-slim)}
     */
    static String heading(FleetPlan.ImagePlan image) {
        return decision(image) + "  " + image.image().name() + "  ("
                + image.image().stage() + ": " + image.verdict().outcome()
                + image.base().map(b -> "; base " + b.name()).orElse("") + ")";
    }

    /**
     * An image's decision, with its date when it has one.
     *
     * @param image the image's plan
     * @return {@code REBUILD NOW}, {@code BLOCKED}, {@code UNKNOWN}, {@code REBUILD BY 2025-09-16T00:00:00Z}
     *     or {@code FINE}
     */
    static String decision(FleetPlan.ImagePlan image) {
        return image.decision() == FleetPlan.Decision.REBUILD_BY
                ? "REBUILD BY " + image.trigger().orElseThrow().at()
                : image.decision().label();
    }

    /**
     * Where a base's tag stands.
     *
     * @param base the base's plan
     * @return {@code moved from … to … (first seen …)}, {@code current} or {@code not resolved}
     */
    static String state(FleetPlan.BasePlan base) {
        Optional<BaseImageStatus> status = base.status();
        if (base.moved()) {
            return FleetPlan.movement(status.orElseThrow());
        }
        return status.flatMap(BaseImageStatus::current).isPresent() ? "current" : "not resolved";
    }

    /**
     * A base's images and what its update fixes.
     *
     * @param base the base's plan
     * @return for example {@code 3 images, 2 behind (…): the update fixes 6 findings (2 vulnerabilities) in OS packages}
     */
    static String images(FleetPlan.BasePlan base) {
        String images = count(base.images().size(), "image");
        if (base.moved()) {
            return images + ", " + base.behind().size() + " behind (" + String.join(", ", base.behind())
                    + "): the update fixes "
                    + count(base.fixes(), "finding") + " ("
                    + count(base.vulnerabilities(), "vulnerability")
                    + ") in OS packages";
        }
        if (base.waiting() == 0) {
            return images + ": no OS-package finding with a fix";
        }
        return images + ": " + count(base.waiting(), "OS-package finding") + " with a fix, for a new base"
                + " or a package upgrade in the build";
    }

    /**
     * The one base update to make first, in a sentence.
     *
     * @param plan the plan
     * @return the recommendation, or why there is none
     */
    static String recommendation(FleetPlan plan) {
        return plan.recommendation()
                .map(base -> "Update " + base.name() + " first: rebuilding " + list(base.behind())
                        + " on "
                        + BaseImageStatus.shortDigest(
                                base.status().orElseThrow().current().orElseThrow()) + " fixes "
                        + count(base.fixes(), "finding")
                        + " in OS packages, the most of any base image update.")
                .orElse(
                        plan.bases().isEmpty()
                                ? "No image names its base image: no base image update to recommend."
                                : "No base image has moved with fixes for the fleet: no base image update to recommend.");
    }

    private static String list(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** A count with its noun, plural when it is not one: {@code 3 images}, {@code 1 vulnerability}. */
    private static String count(long n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
