package dev.shelflife.csaf;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of a CSAF 2.0 document that ShelfLife reads, as records that mirror the JSON. Every
 * component may be {@code null}; {@link CsafMapper} ends that. Fields not named here (notes,
 * references, scores, acknowledgments, the document's distribution …) are skipped unread. The
 * product status of a vulnerability is not bound here: {@link CsafReader} walks it, so that each
 * product id it lists, one raw entry, keeps its own location.
 */
final class CsafJson {

    private CsafJson() {}

    /** {@code document}: what the document is, who published it, and when. */
    record Document(
            String category,
            @JsonProperty("csaf_version") String csafVersion,
            String title,
            Publisher publisher,
            Tracking tracking) {}

    /** {@code document.publisher}. */
    record Publisher(String name, String category, String namespace) {}

    /** {@code document.tracking}: the document's id, version and release dates. */
    record Tracking(
            String id,
            String version,
            String status,
            @JsonProperty("current_release_date") String currentReleaseDate,
            @JsonProperty("initial_release_date") String initialReleaseDate,
            Generator generator) {}

    /** {@code document.tracking.generator}. */
    record Generator(Engine engine) {}

    /** {@code document.tracking.generator.engine}: the tool that wrote the document. */
    record Engine(String name, String version) {}

    /** {@code product_tree}: the products, in branches or as full product names, and their relationships. */
    record ProductTree(
            List<Branch> branches,
            @JsonProperty("full_product_names") List<FullProductName> fullProductNames,
            List<Relationship> relationships,
            @JsonProperty("product_groups") List<ProductGroup> productGroups) {}

    /** A branch of the product tree: a vendor, a product name, a version …, with a product at its leaf. */
    record Branch(String category, String name, FullProductName product, List<Branch> branches) {}

    /** A product: its id, which the rest of the document refers to, its name, and what identifies it. */
    record FullProductName(
            String name,
            @JsonProperty("product_id") String productId,
            @JsonProperty("product_identification_helper") Helper helper) {}

    /** {@code product_identification_helper}: the package URL or CPE of a product. */
    record Helper(String purl, String cpe) {}

    /** A product made of two: one component ({@code product_reference}) of another ({@code relates_to_product_reference}). */
    record Relationship(
            String category,
            @JsonProperty("full_product_name") FullProductName fullProductName,
            @JsonProperty("product_reference") String productReference,
            @JsonProperty("relates_to_product_reference") String relatesToProductReference) {}

    /** A named group of product ids, which flags, threats and remediations may refer to. */
    record ProductGroup(
            @JsonProperty("group_id") String groupId,
            @JsonProperty("product_ids") List<String> productIds) {}

    /** {@code vulnerabilities[].ids[]}: an id in another system (a bug tracker, a GHSA). */
    record Id(@JsonProperty("system_name") String systemName, String text) {}

    /** {@code vulnerabilities[].flags[]}: why products are not affected, as a machine-readable label. */
    record Flag(
            String label,
            String date,
            @JsonProperty("product_ids") List<String> productIds,
            @JsonProperty("group_ids") List<String> groupIds) {}

    /** {@code vulnerabilities[].threats[]}: an impact statement, an exploit status, a target set. */
    record Threat(
            String category,
            String details,
            String date,
            @JsonProperty("product_ids") List<String> productIds,
            @JsonProperty("group_ids") List<String> groupIds) {}

    /** {@code vulnerabilities[].remediations[]}: a vendor fix, a workaround, no fix planned … */
    record Remediation(
            String category,
            String details,
            String date,
            @JsonProperty("product_ids") List<String> productIds,
            @JsonProperty("group_ids") List<String> groupIds) {}
}
