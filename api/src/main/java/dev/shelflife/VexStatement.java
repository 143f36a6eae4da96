package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A statement about whether products are affected by a vulnerability, from a VEX document (a
 * CycloneDX {@code analysis}, an OpenVEX statement, a CSAF product status). The policy engine
 * applies it to findings from other reports that match by vulnerability id (or alias) and product:
 * a package URL names a package, a {@code pkg:oci} package URL or an image reference names an
 * image, and a product's {@linkplain #subcomponents() subcomponents} name the packages within it
 * that the statement is about. {@code docs/policy.md} says how each is matched.
 *
 * @param vulnerabilityId the vulnerability the statement is about
 * @param aliases other identifiers of that vulnerability
 * @param products the package URLs, image references ({@code pkg:oci/…}) or other product
 *     identifiers (a CPE, a name) the statement covers; empty means every product of the document
 * @param state the analysis state
 * @param justification why it is not affected ({@code code_not_present}), if given
 * @param responses what the vendor does about it ({@code will_not_fix}, {@code update})
 * @param detail the free-text detail, if given
 * @param timestamp when the statement was made, if known
 * @param subcomponents for each product the statement covers only in part, the identifiers
 *     (package URLs) of the parts it is about, such as the packages of an image or the
 *     dependencies of a Go module; a product without an entry is covered whole (since 0.2)
 * @since 0.1
 */
public record VexStatement(
        String vulnerabilityId,
        List<String> aliases,
        List<String> products,
        State state,
        Optional<String> justification,
        List<String> responses,
        Optional<String> detail,
        Optional<Instant> timestamp,
        Map<String, List<String>> subcomponents) {

    /**
     * The analysis states of CycloneDX, which include those of OpenVEX and CSAF.
     *
     * @since 0.1
     */
    public enum State {
        /** Remediated. */
        RESOLVED,
        /** Remediated, with pedigree that shows how. */
        RESOLVED_WITH_PEDIGREE,
        /** Affected and exploitable. */
        EXPLOITABLE,
        /** Still being analysed. */
        IN_TRIAGE,
        /** The finding is a false positive. */
        FALSE_POSITIVE,
        /** The product is not affected. */
        NOT_AFFECTED,
        /** Not a state ShelfLife knows. */
        UNKNOWN;

        /**
         * Whether a finding under this state no longer needs action.
         *
         * @return {@code true} for {@code NOT_AFFECTED}, {@code FALSE_POSITIVE} and the resolved states
         */
        public boolean suppressesFinding() {
            return this == NOT_AFFECTED || this == FALSE_POSITIVE || this == RESOLVED || this == RESOLVED_WITH_PEDIGREE;
        }
    }

    /**
     * Validates the parts and copies the lists and the map, keeping the map's order.
     *
     * @throws IllegalArgumentException if a product with subcomponents is not among the products,
     *     or its list of subcomponents is empty
     */
    public VexStatement {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        aliases = List.copyOf(aliases);
        products = List.copyOf(products);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(justification, "justification");
        responses = List.copyOf(responses);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(timestamp, "timestamp");
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry :
                Objects.requireNonNull(subcomponents, "subcomponents").entrySet()) {
            String product = Objects.requireNonNull(entry.getKey(), "subcomponents key");
            if (!products.contains(product)) {
                throw new IllegalArgumentException("subcomponents of \"" + product + "\", which is not a product");
            }
            List<String> of = List.copyOf(entry.getValue());
            if (of.isEmpty()) {
                throw new IllegalArgumentException(
                        "no subcomponents of \"" + product + "\": leave the product out of the map");
            }
            parts.put(product, of);
        }
        subcomponents = Collections.unmodifiableMap(parts);
    }

    /**
     * A statement that covers each of its products whole.
     *
     * @param vulnerabilityId the vulnerability the statement is about
     * @param aliases other identifiers of that vulnerability
     * @param products the product identifiers; empty means every product of the document
     * @param state the analysis state
     * @param justification why it is not affected, if given
     * @param responses what the vendor does about it
     * @param detail the free-text detail, if given
     * @param timestamp when the statement was made, if known
     */
    public VexStatement(
            String vulnerabilityId,
            List<String> aliases,
            List<String> products,
            State state,
            Optional<String> justification,
            List<String> responses,
            Optional<String> detail,
            Optional<Instant> timestamp) {
        this(vulnerabilityId, aliases, products, state, justification, responses, detail, timestamp, Map.of());
    }

    /**
     * The subcomponents the statement names within a product.
     *
     * @param product one of {@link #products()}
     * @return its subcomponents; empty when the statement covers the product whole
     * @since 0.2
     */
    public List<String> subcomponentsOf(String product) {
        return subcomponents.getOrDefault(product, List.of());
    }

    /**
     * A builder for a statement about a vulnerability: the way adapters make statements, so that a
     * part added to the record later does not break them.
     *
     * @param vulnerabilityId the vulnerability the statement is about
     * @param state the analysis state
     * @return the builder; every other part starts empty
     * @since 0.2
     */
    public static Builder builder(String vulnerabilityId, State state) {
        return new Builder(vulnerabilityId, state);
    }

    /**
     * Builds a {@link VexStatement} part by part. Absent parts are empty.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final String vulnerabilityId;
        private final State state;
        private final List<String> aliases = new ArrayList<>();
        private final List<String> products = new ArrayList<>();
        private final List<String> responses = new ArrayList<>();
        private final Map<String, List<String>> subcomponents = new LinkedHashMap<>();
        private String justification;
        private String detail;
        private Instant timestamp;

        private Builder(String vulnerabilityId, State state) {
            this.vulnerabilityId = Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
            this.state = Objects.requireNonNull(state, "state");
        }

        /**
         * Adds other identifiers of the vulnerability.
         *
         * @param values the aliases
         * @return this builder
         */
        public Builder aliases(Collection<String> values) {
            aliases.addAll(values);
            return this;
        }

        /**
         * Adds products the statement covers whole; none means every product of the document.
         *
         * @param values the product identifiers
         * @return this builder
         */
        public Builder products(Collection<String> values) {
            products.addAll(values);
            return this;
        }

        /**
         * Adds products with the parts of each the statement is about; a product mapped to no
         * parts is covered whole.
         *
         * @param value each product's subcomponents, in the map's order
         * @return this builder
         */
        public Builder productsWithSubcomponents(Map<String, List<String>> value) {
            value.forEach((product, parts) -> {
                if (!products.contains(product)) {
                    products.add(product);
                }
                if (!parts.isEmpty()) {
                    subcomponents.put(product, parts);
                }
            });
            return this;
        }

        /**
         * Sets why the products are not affected.
         *
         * @param value the justification, or {@code null} for none
         * @return this builder
         */
        public Builder justification(@Nullable String value) {
            this.justification = value;
            return this;
        }

        /**
         * Adds what the vendor does about it.
         *
         * @param values the responses ({@code will_not_fix}, {@code update})
         * @return this builder
         */
        public Builder responses(Collection<String> values) {
            responses.addAll(values);
            return this;
        }

        /**
         * Sets the free-text detail.
         *
         * @param value the detail, or {@code null} for none
         * @return this builder
         */
        public Builder detail(@Nullable String value) {
            this.detail = value;
            return this;
        }

        /**
         * Sets when the statement was made.
         *
         * @param value the instant, or {@code null} when unknown
         * @return this builder
         */
        public Builder timestamp(@Nullable Instant value) {
            this.timestamp = value;
            return this;
        }

        /**
         * Builds the statement.
         *
         * @return the statement
         * @throws IllegalArgumentException as {@link VexStatement#VexStatement the constructor} does
         */
        public VexStatement build() {
            return new VexStatement(
                    vulnerabilityId,
                    aliases,
                    products,
                    state,
                    Optional.ofNullable(justification),
                    responses,
                    Optional.ofNullable(detail),
                    Optional.ofNullable(timestamp),
                    subcomponents);
        }
    }
}
