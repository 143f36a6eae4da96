package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ImageIdentity;
import dev.shelflife.PackageUrl;
import dev.shelflife.VexStatement;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The VEX statements of an evaluation and the image they are judged against: which statements
 * speak about a finding, and which of them speaks last.
 *
 * <p>A statement is about a finding when its vulnerability id or one of its aliases reaches the
 * finding's vulnerability ({@link VulnerabilityIdentity#reaches}) and it names no product (every
 * product of its document), or one of its products covers the finding:
 * <ul>
 * <li>an image ({@link VexProduct}: a {@code pkg:oci} package URL or an image reference) that is
 *     the image being judged: every finding of the image, or, when the statement names
 *     subcomponents of it, the findings in those packages;</li>
 * <li>a package, by its package URL: the findings in that package (qualifiers and subpath
 *     ignored) and, if the URL has a version, that version; when the statement names subcomponents
 *     of it, the findings in those packages, provided the image's evidence shows the package itself
 *     (a finding or a component in it): otherwise nothing shows the dependency was found inside it;</li>
 * <li>anything else (a CPE, such as the platform of a Red Hat advisory, a name): the findings in
 *     the subcomponents it names, since the evidence about an image cannot show a platform; with
 *     none, nothing.</li>
 * </ul>
 * A subcomponent is a package URL, matched like a package: one without a version covers every
 * version.
 *
 * <p>Of the statements about a finding, the one made last decides: a {@code not_affected} from
 * January and an {@code affected} from March leave the finding in, and the other way round take it
 * out. A statement is made at its timestamp; one without counts as older than every dated one (so a
 * dated statement beats an undated one, as a scan without a date counts as the oldest); among
 * statements made at the same instant, or undated, the later in the record wins: its statements
 * from other sources first, then its reports' in their order (the order of a command line), each
 * report's in document order.
 */
final class Statements {

    private final List<VexStatement> statements;
    private final List<Scope> scopes;
    /** The statements by each id they give, in upper case, in record order. */
    private final Map<String, List<Integer>> byId = new HashMap<>();

    private final ImageIdentity image;
    private final Supplier<? extends Collection<String>> evidence;
    /** The packages the image's evidence shows, parsed when a statement first needs them. */
    private List<PackageUrl> present;

    private final boolean anySuppressing;

    /** A statement's products and their subcomponents, parsed once. */
    private record Scope(List<String> ids, List<VexProduct> products, List<List<PackageUrl>> subcomponents) {}

    private Statements(
            List<VexStatement> statements, ImageIdentity image, Supplier<? extends Collection<String>> evidence) {
        this.statements = List.copyOf(statements);
        this.image = image;
        this.evidence = evidence;
        this.scopes = new ArrayList<>(statements.size());
        boolean suppressing = false;
        for (int i = 0; i < this.statements.size(); i++) {
            VexStatement statement = this.statements.get(i);
            suppressing |= statement.state().suppressesFinding();
            List<String> ids = Stream.concat(Stream.of(statement.vulnerabilityId()), statement.aliases().stream())
                    .toList();
            for (String id : ids) {
                List<Integer> of = byId.computeIfAbsent(VulnerabilityIdentity.upper(id), k -> new ArrayList<>());
                if (of.isEmpty() || of.get(of.size() - 1) != i) {
                    of.add(i);
                }
            }
            List<VexProduct> products = new ArrayList<>();
            List<List<PackageUrl>> subcomponents = new ArrayList<>();
            for (String product : statement.products()) {
                products.add(VexProduct.of(product));
                subcomponents.add(statement.subcomponentsOf(product).stream()
                        .map(PackageUrl::parse)
                        .flatMap(Optional::stream)
                        .toList());
            }
            scopes.add(new Scope(ids, products, subcomponents));
        }
        this.anySuppressing = suppressing;
    }

    /**
     * The statements of an evaluation.
     *
     * @param statements the statements, in record order
     * @param image the identity of the image being judged
     * @param packages the package URLs the image's evidence shows (its findings and components),
     *     asked for only when a statement about subcomponents of a package needs them
     * @return the statements
     */
    static Statements of(
            List<VexStatement> statements, ImageIdentity image, Supplier<? extends Collection<String>> packages) {
        return new Statements(statements, image, packages);
    }

    /** Whether any statement could take a finding out. */
    boolean anySuppressing() {
        return anySuppressing;
    }

    VexStatement get(int index) {
        return statements.get(index);
    }

    /**
     * The statement that speaks last about a finding (see the class comment).
     *
     * @param finding the finding
     * @return its index, or -1 when no statement is about the finding
     */
    int deciding(Finding finding) {
        TreeSet<Integer> candidates = new TreeSet<>();
        VulnerabilityIdentity.ids(finding.vulnerability())
                .forEach(id -> candidates.addAll(byId.getOrDefault(id, List.of())));
        int decided = -1;
        Instant made = null;
        for (int index : candidates) {
            if (!isAbout(index, finding)) {
                continue;
            }
            Instant when = statements.get(index).timestamp().orElse(Instant.MIN);
            if (decided < 0 || !when.isBefore(made)) {
                decided = index;
                made = when;
            }
        }
        return decided;
    }

    /**
     * Whether a statement is about a finding: its ids reach the finding's vulnerability and one of
     * its products covers the finding (see the class comment).
     *
     * @param index the statement's index
     * @param finding the finding
     * @return {@code true} if it is
     */
    boolean isAbout(int index, Finding finding) {
        Scope scope = scopes.get(index);
        if (!VulnerabilityIdentity.reaches(scope.ids(), finding.vulnerability())) {
            return false;
        }
        if (scope.products().isEmpty()) {
            return true;
        }
        Optional<PackageUrl> installed = finding.pkg().purl().flatMap(PackageUrl::parse);
        for (int i = 0; i < scope.products().size(); i++) {
            VexProduct product = scope.products().get(i);
            List<PackageUrl> parts = scope.subcomponents().get(i);
            boolean inParts = installed.isPresent() && parts.stream().anyMatch(part -> part.covers(installed.get()));
            boolean covers = switch (product.kind()) {
                case IMAGE -> product.isImage(image) && (parts.isEmpty() || inParts);
                case PACKAGE ->
                    parts.isEmpty()
                            ? installed.isPresent()
                                    && product.purl().orElseThrow().covers(installed.get())
                            : inParts && shows(product.purl().orElseThrow());
                case OTHER -> inParts;
            };
            if (covers) {
                return true;
            }
        }
        return false;
    }

    /** Whether the image's evidence shows a package: a finding or a component in it. */
    private boolean shows(PackageUrl pkg) {
        if (present == null) {
            present = evidence.get().stream()
                    .map(PackageUrl::parse)
                    .flatMap(Optional::stream)
                    .toList();
        }
        return present.stream().anyMatch(pkg::covers);
    }
}
