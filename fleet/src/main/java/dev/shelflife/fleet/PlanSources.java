package dev.shelflife.fleet;

import dev.shelflife.feed.EpssScores;
import dev.shelflife.feed.KevCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan was made from, for the heading of its outputs.
 *
 * @param inventory the inventory file as given
 * @param policyFile the policy file as given, or empty for the default policy
 * @param registry where base image tags were resolved, or empty when they were not
 * @param kev the KEV catalog applied, if any
 * @param epss the EPSS scores applied, if any
 * @since 0.2
 */
public record PlanSources(
        String inventory,
        Optional<String> policyFile,
        Optional<String> registry,
        Optional<KevCatalog> kev,
        Optional<EpssScores> epss) {

    /**
     * Validates the parts.
     */
    public PlanSources {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(kev, "kev");
        Objects.requireNonNull(epss, "epss");
    }

    /**
     * The sources in words, one item each.
     *
     * @return for example {@code policy examples/fleet/policy.yaml}, {@code KEV catalog 2025.08.25 (3 vulnerabilities)}
     */
    public List<String> describe() {
        List<String> items = new ArrayList<>();
        items.add("policy " + policyFile.orElse("(the default policy)"));
        items.add("base images " + registry.map(r -> "resolved from " + r).orElse("not checked"));
        items.add(kev.map(k -> "KEV catalog " + k.version() + " (" + k.size() + " vulnerabilities)")
                .orElse("no KEV catalog"));
        items.add(epss.map(e -> "EPSS scores of "
                        + e.scoreDate().map(Object::toString).orElse("an unknown day") + " (" + e.size() + " CVEs)")
                .orElse("no EPSS scores"));
        return items;
    }
}
