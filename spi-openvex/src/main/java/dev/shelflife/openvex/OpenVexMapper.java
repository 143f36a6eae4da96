package dev.shelflife.openvex;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.VexStatement;
import dev.shelflife.json.Timestamps;
import dev.shelflife.openvex.OpenVexReader.Component;
import dev.shelflife.openvex.OpenVexReader.Located;
import dev.shelflife.openvex.OpenVexReader.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Turns the statements of one OpenVEX document into {@link VexStatement}s of an assessment: the
 * vulnerability's id and aliases, the products and their subcomponents, the status, justification
 * and statements, and the time each was made; and a {@link Problem} for everything skipped or
 * coerced. One instance per read; {@code null} ends here.
 */
final class OpenVexMapper {

    /** The justifications OpenVEX defines for {@code not_affected}. */
    private static final Set<String> JUSTIFICATIONS = Set.of(
            "component_not_present",
            "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path",
            "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist");

    private final ScanReport.Builder report;
    /** The statements read, whose time is the document's when they give none: known only at its end. */
    private final List<Pending> pending = new ArrayList<>();

    OpenVexMapper() {
        this.report = ScanReport.builder(
                EvidenceKind.ASSESSMENT,
                ReportFormat.of(OpenVexScannerAdapter.ID, OpenVexReader.FORMAT, null),
                ScannerTool.of("OpenVEX", null));
    }

    /** A statement mapped but for the time the document gives it. */
    private record Pending(
            String id,
            List<String> aliases,
            List<String> products,
            Map<String, List<String>> subcomponents,
            VexStatement.State state,
            Optional<String> justification,
            Optional<String> detail,
            Optional<Instant> made) {}

    void problem(Problem problem) {
        report.problem(problem);
    }

    void skipped(String message, ReportLocation at) {
        report.skipped(message, at);
    }

    void missing(String message, ReportLocation at) {
        report.problem(new Problem(Problem.Kind.MISSING_VALUE, message, at));
    }

    /** Maps one statement, or skips it as a problem when it names no vulnerability or no product. */
    void statement(Statement statement) {
        String name = blankToNull(statement.vulnerabilityName);
        String iri = blankToNull(statement.vulnerabilityIri);
        String id = name != null ? name : iri;
        if (id == null) {
            skipped(
                    "a statement that names no vulnerability (neither a name nor an @id): it applies to nothing",
                    statement.vulnerabilityAt != null ? statement.vulnerabilityAt : statement.at);
            return;
        }
        Set<String> aliases = new LinkedHashSet<>(statement.aliases);
        if (name != null && iri != null && !iri.equals(name) && !iri.contains("://")) {
            // An @id that is an identifier rather than a web address (pkg.go.dev/vuln/…) names the vulnerability too.
            aliases.add(iri);
        }
        aliases.remove(id);
        Map<String, List<String>> scope = products(statement);
        if (scope.isEmpty()) {
            skipped(
                    id + ": a statement about no product (no products, or none with an @id or identifiers): it"
                            + " applies to nothing, and read as about every product it would waive a finding in any"
                            + " image",
                    statement.at);
            return;
        }
        List<String> products = new ArrayList<>(scope.keySet());
        Map<String, List<String>> subcomponents = new LinkedHashMap<>();
        scope.forEach((product, parts) -> {
            if (!parts.isEmpty()) {
                subcomponents.put(product, parts);
            }
        });
        VexStatement.State state = state(id, statement.status, statement.at);
        Optional<String> justification = justification(statement.justification);
        if (state == VexStatement.State.NOT_AFFECTED
                && justification.isEmpty()
                && blankToNull(statement.impactStatement) == null) {
            missing(
                    id + ": not_affected without a justification or an impact statement, which OpenVEX requires;"
                            + " applied as written",
                    statement.at);
        }
        Optional<Instant> made =
                instant(statement.lastUpdated, "last_updated").or(() -> instant(statement.timestamp, "timestamp"));
        pending.add(new Pending(
                id, List.copyOf(aliases), products, subcomponents, state, justification, detail(statement), made));
    }

    /**
     * Each product's identifier and the identifiers of its subcomponents (empty: the whole product).
     * A product that lists subcomponents none of which can be named is left out, not read as whole.
     */
    private Map<String, List<String>> products(Statement statement) {
        Map<String, Set<String>> parts = new LinkedHashMap<>();
        Set<String> whole = new LinkedHashSet<>();
        List<String> shared = identifiers(statement.subcomponents);
        for (Component product : statement.products) {
            Optional<String> identifier = product.identifier();
            if (identifier.isEmpty()) {
                problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "a product without an @id or identifiers, left out: it names nothing to match",
                        product.at()));
                continue;
            }
            List<String> subcomponents = new ArrayList<>(identifiers(product.subcomponents()));
            subcomponents.addAll(shared);
            boolean listed = product.listsSubcomponents() || !statement.subcomponents.isEmpty();
            if (listed && subcomponents.isEmpty()) {
                problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        identifier.get() + ": none of its subcomponents has an @id or identifiers, so the product is"
                                + " left out: read whole, the statement would cover every package in it",
                        product.at()));
                continue;
            }
            if (subcomponents.isEmpty()) {
                whole.add(identifier.get());
            }
            parts.computeIfAbsent(identifier.get(), k -> new LinkedHashSet<>()).addAll(subcomponents);
        }
        Map<String, List<String>> scope = new LinkedHashMap<>();
        parts.forEach((product, subcomponents) ->
                scope.put(product, whole.contains(product) ? List.of() : List.copyOf(subcomponents)));
        return scope;
    }

    /** The identifiers of subcomponents; one without any is left out, as a problem. */
    private List<String> identifiers(List<Component> components) {
        List<String> identifiers = new ArrayList<>();
        for (Component component : components) {
            Optional<String> identifier = component.identifier();
            if (identifier.isPresent()) {
                identifiers.add(identifier.get());
            } else {
                problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "a subcomponent without an @id or identifiers, left out: it names nothing to match",
                        component.at()));
            }
        }
        return identifiers;
    }

    private VexStatement.State state(String id, Located status, ReportLocation statementAt) {
        if (status == null || status.value().isBlank()) {
            missing(
                    id + ": a statement without a status says nothing about the vulnerability: read as UNKNOWN",
                    status == null ? statementAt : status.at());
            return VexStatement.State.UNKNOWN;
        }
        return switch (status.value()) {
            case "not_affected" -> VexStatement.State.NOT_AFFECTED;
            case "affected" -> VexStatement.State.EXPLOITABLE;
            case "fixed" -> VexStatement.State.RESOLVED;
            case "under_investigation" -> VexStatement.State.IN_TRIAGE;
            default -> {
                problem(new Problem(
                        Problem.Kind.COERCED_VALUE,
                        "unknown status \"" + status.value()
                                + "\" (OpenVEX has not_affected, affected, fixed, under_investigation), read as UNKNOWN",
                        status.at()));
                yield VexStatement.State.UNKNOWN;
            }
        };
    }

    private Optional<String> justification(Located justification) {
        if (justification == null || justification.value().isBlank()) {
            return Optional.empty();
        }
        if (JUSTIFICATIONS.contains(justification.value())) {
            return Optional.of(justification.value());
        }
        problem(new Problem(
                Problem.Kind.COERCED_VALUE,
                "unknown justification \"" + justification.value() + "\", left out",
                justification.at()));
        return Optional.empty();
    }

    /** The impact statement, the action statement and the status notes, as far as given. */
    private static Optional<String> detail(Statement statement) {
        StringJoiner detail = new StringJoiner("; ");
        for (String text : new String[] {statement.impactStatement, statement.actionStatement, statement.statusNotes}) {
            if (blankToNull(text) != null) {
                detail.add(text.strip());
            }
        }
        return detail.length() == 0 ? Optional.empty() : Optional.of(detail.toString());
    }

    private Optional<Instant> instant(Located text, String what) {
        if (text == null || text.value().isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(text.value());
        if (instant.isEmpty()) {
            problem(new Problem(
                    Problem.Kind.COERCED_VALUE, what + " \"" + text.value() + "\" is not a date, left out", text.at()));
        }
        return instant;
    }

    /**
     * The report: the statements, each made when it says or else when the document says (its
     * {@code last_updated}, else its {@code timestamp}).
     */
    ScanReport build(String version, String author, Located timestamp, Located lastUpdated) {
        Optional<Instant> made = instant(lastUpdated, "last_updated").or(() -> instant(timestamp, "timestamp"));
        report.format(ReportFormat.of(OpenVexScannerAdapter.ID, OpenVexReader.FORMAT, version))
                .scanner(ScannerTool.of(blankToNull(author) == null ? "OpenVEX" : author.strip(), null))
                .scannedAt(made.orElse(null));
        for (Pending statement : pending) {
            report.statement(VexStatement.builder(statement.id(), statement.state())
                    .aliases(statement.aliases())
                    .products(statement.products())
                    .productsWithSubcomponents(statement.subcomponents())
                    .justification(statement.justification().orElse(null))
                    .detail(statement.detail().orElse(null))
                    .timestamp(statement.made().or(() -> made).orElse(null))
                    .build());
        }
        return report.build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
