package dev.shelflife.cli;

import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.fleet.PlanSources;
import java.io.PrintStream;

/**
 * Writes a {@link FleetPlan} as Markdown, for an issue, a wiki page or a chat: a table of the
 * images most urgent first, each image's reasons, and a table of the base images. Every value is
 * escaped or a code span as in {@code evaluate}'s Markdown, with the same code: an image name, a
 * reason or a registry's message cannot ping anyone ({@code @team}) or inject a link.
 */
final class PlanMarkdown {

    private PlanMarkdown() {}

    /**
     * Writes the plan.
     *
     * @param plan the plan
     * @param sources what it was made from
     * @param out where to write
     */
    static void write(FleetPlan plan, PlanSources sources, PrintStream out) {
        out.println("## Rebuild plan at " + plan.at());
        out.println();
        out.println(escape(PlanText.summary(plan)) + ". From " + code(sources.inventory()) + ": "
                + escape(String.join(" · ", sources.describe())) + ".");
        out.println();
        out.println("**" + escape(PlanText.recommendation(plan)) + "**");
        out.println();
        out.println("| # | decision | image | stage | verdict | base image |");
        out.println("|---|---|---|---|---|---|");
        int rank = 1;
        for (FleetPlan.ImagePlan image : plan.images()) {
            String decision = PlanText.decision(image);
            String shown = urgent(image.decision()) ? "**" + decision + "**" : decision;
            out.println("| " + rank++ + " | " + shown
                    + " | " + code(image.image().name()) + " | " + image.image().stage() + " | "
                    + image.verdict().outcome()
                    + " | " + image.base().map(b -> code(b.name())).orElse("—") + " |");
        }
        rank = 1;
        for (FleetPlan.ImagePlan image : plan.images()) {
            out.println();
            out.println("### " + rank++ + ". " + PlanText.decision(image) + ": "
                    + code(image.image().name()));
            out.println();
            if (image.reasons().isEmpty()) {
                out.println("Nothing to do.");
            }
            image.reasons().forEach(reason -> out.println("- " + escape(reason)));
        }
        if (!plan.bases().isEmpty()) {
            out.println();
            out.println("### Base images");
            out.println();
            out.println("| base image | tag | images | what the update does |");
            out.println("|---|---|---|---|");
            for (FleetPlan.BasePlan base : plan.bases()) {
                out.println("| " + code(base.name()) + " | " + escape(PlanText.state(base)) + " | "
                        + base.images().size() + " | " + escape(PlanText.images(base)) + " |");
            }
        }
    }

    /** Whether the decision is one that needs someone now: it is set in bold. */
    private static boolean urgent(FleetPlan.Decision decision) {
        return decision == FleetPlan.Decision.REBUILD_NOW
                || decision == FleetPlan.Decision.BLOCKED
                || decision == FleetPlan.Decision.UNKNOWN;
    }

    /**
     * Text in a table cell or list item, escaped as {@code evaluate}'s Markdown escapes it
     * ({@link VerdictMarkdown#text(String)}): no link, HTML, table cell or {@code @}-mention.
     */
    private static String escape(String text) {
        return VerdictMarkdown.text(text);
    }

    /** Text as inline code, as {@code evaluate}'s Markdown writes it ({@link VerdictMarkdown#code(String)}). */
    private static String code(String text) {
        return VerdictMarkdown.code(text);
    }
}
