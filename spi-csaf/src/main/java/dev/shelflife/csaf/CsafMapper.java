package dev.shelflife.csaf;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.VexStatement;
import dev.shelflife.csaf.CsafReader.Entry;
import dev.shelflife.csaf.CsafReader.Vulnerability;
import dev.shelflife.json.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what {@link CsafReader} read into the {@link VexStatement}s of an assessment: resolves each
 * product id of a product status through the product tree, takes the justification from the flags
 * and the detail and responses from the threats and remediations that name the product, and
 * records a {@link Problem} for everything skipped or coerced. One instance per read; {@code null}
 * ends here.
 */
final class CsafMapper {

    /** The labels CSAF defines for flags: why a product is not affected. */
    private static final Set<String> JUSTIFICATIONS = Set.of(
            "component_not_present",
            "inline_mitigations_already_exist",
            "vulnerable_code_cannot_be_controlled_by_adversary",
            "vulnerable_code_not_in_execute_path",
            "vulnerable_code_not_present");

    /** Remediation categories in the words of {@link VexStatement#responses()} (CycloneDX's). */
    private static final Map<String, String> RESPONSES = Map.of(
            "vendor_fix", "update",
            "workaround", "workaround_available",
            "mitigation", "workaround_available",
            "no_fix_planned", "will_not_fix",
            "none_available", "can_not_fix");

    /** Categories whose documents must list vulnerabilities (the VEX and security advisory profiles). */
    private static final Set<String> WITH_VULNERABILITIES = Set.of("csaf_vex", "csaf_security_advisory");

    /** How deep relationships may refer to relationships before a reference counts as unresolved. */
    private static final int MAX_REFERENCE_DEPTH = 16;

    private final ScanReport.Builder report = ScanReport.builder(
            EvidenceKind.ASSESSMENT,
            ReportFormat.of(CsafScannerAdapter.ID, CsafReader.FORMAT, null),
            ScannerTool.of("CSAF", null));

    /** What the product tree defines: each product id's identifier, and the relationships by their product id. */
    private final Map<String, String> identifiers = new HashMap<>();

    private final Map<String, CsafJson.Relationship> relationships = new HashMap<>();
    private final Map<String, List<String>> groups = new HashMap<>();

    /** Everything the reader read, in one value. */
    record Read(
            CsafJson.Document document,
            ReportLocation documentAt,
            CsafJson.ProductTree tree,
            ReportLocation treeAt,
            List<Vulnerability> vulnerabilities,
            boolean listsVulnerabilities,
            ReportLocation start) {}

    /** What a product id stands for: a product, and the component of it a relationship names, if any. */
    private record Scope(String product, Optional<String> subcomponent) {}

    void problem(Problem problem) {
        report.problem(problem);
    }

    void ignored(String message, ReportLocation at) {
        report.problem(new Problem(Problem.Kind.IGNORED_VALUE, message, at));
    }

    private void missing(String message, ReportLocation at) {
        report.problem(new Problem(Problem.Kind.MISSING_VALUE, message, at));
    }

    private void coerced(String message, ReportLocation at) {
        report.problem(new Problem(Problem.Kind.COERCED_VALUE, message, at));
    }

    ScanReport build(Read read) {
        CsafJson.Document document = read.document();
        if (document == null) {
            missing(
                    "no \"document\": read as CSAF for its product tree, though nothing says it is CSAF, who"
                            + " published it or when",
                    read.documentAt());
        } else if (document.csafVersion() == null) {
            missing("no csaf_version: read as CSAF " + CsafReader.VERSION, read.documentAt());
        }
        CsafJson.Tracking tracking = document == null ? null : document.tracking();
        Optional<Instant> released = tracking == null
                ? Optional.empty()
                : instant(tracking.currentReleaseDate(), "current_release_date", read.documentAt())
                        .or(() -> instant(tracking.initialReleaseDate(), "initial_release_date", read.documentAt()));
        CsafJson.Publisher publisher = document == null ? null : document.publisher();
        report.format(ReportFormat.of(
                        CsafScannerAdapter.ID, CsafReader.FORMAT, document == null ? null : document.csafVersion()))
                .scanner(ScannerTool.of(
                        publisher == null || blank(publisher.name())
                                ? "CSAF"
                                : publisher.name().strip(),
                        null))
                .scannedAt(released.orElse(null));
        index(read.tree(), read.treeAt());
        String category = document == null ? null : document.category();
        if (!read.listsVulnerabilities() && category != null && WITH_VULNERABILITIES.contains(category)) {
            missing(
                    "no \"vulnerabilities\": a " + category + " document lists its product statuses there, so this one"
                            + " may be cut down, and says nothing",
                    read.start().withPath("/vulnerabilities"));
        }
        for (Vulnerability vulnerability : read.vulnerabilities()) {
            vulnerability(vulnerability, released);
        }
        return report.build();
    }

    /** Indexes the product tree: products by id, relationships by the id of the product they make, groups. */
    private void index(CsafJson.ProductTree tree, ReportLocation at) {
        if (tree == null) {
            return;
        }
        for (CsafJson.Branch branch : orEmpty(tree.branches())) {
            branch(branch, at);
        }
        for (CsafJson.FullProductName product : orEmpty(tree.fullProductNames())) {
            define(product, at);
        }
        for (CsafJson.Relationship relationship : orEmpty(tree.relationships())) {
            CsafJson.FullProductName product = relationship.fullProductName();
            if (product == null || blank(product.productId())) {
                ignored("a relationship without a full_product_name.product_id, left out: nothing can refer to it", at);
                continue;
            }
            String id = product.productId();
            if (identifiers.containsKey(id) || relationships.containsKey(id)) {
                ignored("product id \"" + id + "\" is defined more than once; the first definition is used", at);
                continue;
            }
            relationships.put(id, relationship);
        }
        for (CsafJson.ProductGroup group : orEmpty(tree.productGroups())) {
            if (!blank(group.groupId())) {
                groups.putIfAbsent(group.groupId(), orEmpty(group.productIds()));
            }
        }
    }

    private void branch(CsafJson.Branch branch, ReportLocation at) {
        if (branch == null) {
            return;
        }
        if (branch.product() != null) {
            define(branch.product(), at);
        }
        for (CsafJson.Branch child : orEmpty(branch.branches())) {
            branch(child, at);
        }
    }

    /** A product's identifier: its package URL, else its CPE, else its name, else its id. */
    private void define(CsafJson.FullProductName product, ReportLocation at) {
        if (blank(product.productId())) {
            ignored("a product without a product_id, left out: nothing can refer to it", at);
            return;
        }
        CsafJson.Helper helper = product.helper();
        String identifier = helper != null && !blank(helper.purl())
                ? helper.purl()
                : helper != null && !blank(helper.cpe())
                        ? helper.cpe()
                        : !blank(product.name()) ? product.name() : product.productId();
        if (identifiers.putIfAbsent(product.productId(), identifier.strip()) != null) {
            ignored(
                    "product id \"" + product.productId()
                            + "\" is defined more than once; the first definition is used",
                    at);
        }
    }

    private void vulnerability(Vulnerability vulnerability, Optional<Instant> released) {
        List<String> ids = new ArrayList<>();
        if (!blank(vulnerability.cve)) {
            ids.add(vulnerability.cve.strip());
        }
        for (CsafJson.Id id : vulnerability.ids) {
            if (!blank(id.text()) && !ids.contains(id.text().strip())) {
                ids.add(id.text().strip());
            }
        }
        if (!vulnerability.productStatus) {
            missing(
                    (ids.isEmpty() ? "a vulnerability" : ids.get(0))
                            + ": no product_status, so it says nothing about any product",
                    vulnerability.at);
        }
        Set<String> unknownLabels = unknownLabels(vulnerability);
        for (Entry entry : vulnerability.entries) {
            if (ids.isEmpty()) {
                report.skipped(
                        "a product status of a vulnerability that names no vulnerability (neither a cve nor ids):"
                                + " it applies to nothing",
                        entry.at());
                continue;
            }
            if (blank(entry.productId())) {
                report.skipped(ids.get(0) + ": an empty product id names no product", entry.at());
                continue;
            }
            Optional<Scope> scope = scope(entry.productId());
            if (scope.isEmpty()) {
                report.skipped(
                        ids.get(0) + ": product id \"" + entry.productId()
                                + "\" is not defined in the product tree, nor by a relationship whose products are",
                        entry.at());
                continue;
            }
            report.statement(statement(ids, vulnerability, entry, scope.get(), unknownLabels, released));
        }
    }

    private VexStatement statement(
            List<String> ids,
            Vulnerability vulnerability,
            Entry entry,
            Scope scope,
            Set<String> unknownLabels,
            Optional<Instant> released) {
        String productId = entry.productId();
        VexStatement.State state = state(entry.category());
        Optional<String> justification = Optional.empty();
        List<String> details = new ArrayList<>();
        if (state == VexStatement.State.NOT_AFFECTED) {
            justification = vulnerability.flags.stream()
                    .filter(flag -> names(flag.productIds(), flag.groupIds(), productId, false))
                    .map(CsafJson.Flag::label)
                    .filter(label -> !blank(label) && !unknownLabels.contains(label))
                    .findFirst();
            vulnerability.threats.stream()
                    .filter(threat -> "impact".equals(threat.category()) && !blank(threat.details()))
                    .filter(threat -> names(threat.productIds(), threat.groupIds(), productId, true))
                    .map(threat -> threat.details().strip())
                    .distinct()
                    .forEach(details::add);
            if (justification.isEmpty() && details.isEmpty()) {
                missing(
                        ids.get(0) + ": known_not_affected without a flag or an impact statement, which the CSAF VEX"
                                + " profile requires; applied as written",
                        entry.at());
            }
        }
        Set<String> responses = new LinkedHashSet<>();
        for (CsafJson.Remediation remediation : vulnerability.remediations) {
            if (!names(remediation.productIds(), remediation.groupIds(), productId, true)) {
                continue;
            }
            if (remediation.category() != null && RESPONSES.containsKey(remediation.category())) {
                // Map.of refuses to look up null: a remediation without a category names no response.
                responses.add(RESPONSES.get(remediation.category()));
            }
            if (state != VexStatement.State.NOT_AFFECTED && details.isEmpty() && !blank(remediation.details())) {
                details.add(remediation.details().strip());
            }
        }
        List<String> products = List.of(scope.product());
        Map<String, List<String>> subcomponents = scope.subcomponent()
                .map(c -> Map.of(scope.product(), List.of(c)))
                .orElse(Map.of());
        return VexStatement.builder(ids.get(0), state)
                .aliases(ids.subList(1, ids.size()))
                .products(products)
                .productsWithSubcomponents(subcomponents)
                .justification(justification.orElse(null))
                .responses(responses)
                .detail(details.isEmpty() ? null : String.join("; ", details))
                .timestamp(released.orElse(null))
                .build();
    }

    /** The labels of a vulnerability's flags that CSAF does not define, each reported once. */
    private Set<String> unknownLabels(Vulnerability vulnerability) {
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < vulnerability.flags.size(); i++) {
            String label = vulnerability.flags.get(i).label();
            if (!blank(label) && !JUSTIFICATIONS.contains(label) && unknown.add(label)) {
                ReportLocation at = vulnerability.flagsAt.withPath(vulnerability.flagsAt.path() + "/" + i + "/label");
                coerced("unknown flag label \"" + label + "\", not taken as a justification", at);
            }
        }
        return unknown;
    }

    private static VexStatement.State state(String category) {
        return switch (category) {
            case "known_not_affected" -> VexStatement.State.NOT_AFFECTED;
            case "fixed", "first_fixed", "recommended" -> VexStatement.State.RESOLVED;
            case "known_affected", "first_affected", "last_affected" -> VexStatement.State.EXPLOITABLE;
            case "under_investigation" -> VexStatement.State.IN_TRIAGE;
            default -> throw new IllegalStateException("not a product status category: " + category);
        };
    }

    /**
     * Whether a flag, threat or remediation is about a product: it lists the product's id, or a group
     * that does; one that lists neither is about every product when {@code everyIfNone}.
     */
    private boolean names(List<String> productIds, List<String> groupIds, String productId, boolean everyIfNone) {
        List<String> products = orEmpty(productIds);
        List<String> named = orEmpty(groupIds);
        if (products.isEmpty() && named.isEmpty()) {
            return everyIfNone;
        }
        if (products.contains(productId)) {
            return true;
        }
        return named.stream()
                .anyMatch(group -> groups.getOrDefault(group, List.of()).contains(productId));
    }

    /**
     * What a product id stands for: a product of the tree, or for a relationship the product it
     * relates to with its component as the subcomponent.
     */
    private Optional<Scope> scope(String productId) {
        String identifier = identifiers.get(productId);
        if (identifier != null) {
            return Optional.of(new Scope(identifier, Optional.empty()));
        }
        CsafJson.Relationship relationship = relationships.get(productId);
        if (relationship == null) {
            return Optional.empty();
        }
        Optional<String> component = identifierOf(relationship.productReference(), 0);
        Optional<String> product = identifierOf(relationship.relatesToProductReference(), 0);
        if (component.isEmpty() || product.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                product.get().equals(component.get())
                        ? new Scope(product.get(), Optional.empty())
                        : new Scope(product.get(), component));
    }

    /** The identifier a reference names: a product of the tree, or the component of a relationship. */
    private Optional<String> identifierOf(String reference, int depth) {
        if (reference == null || depth > MAX_REFERENCE_DEPTH) {
            return Optional.empty();
        }
        String identifier = identifiers.get(reference);
        if (identifier != null) {
            return Optional.of(identifier);
        }
        CsafJson.Relationship relationship = relationships.get(reference);
        return relationship == null ? Optional.empty() : identifierOf(relationship.productReference(), depth + 1);
    }

    private Optional<Instant> instant(String text, String what, ReportLocation documentAt) {
        if (blank(text)) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty()) {
            coerced(
                    what + " \"" + text + "\" is not a date, left out",
                    documentAt.withPath("/document/tracking/" + what));
        }
        return instant;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null).toList();
    }
}
