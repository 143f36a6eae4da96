package dev.shelflife.cyclonedx;

import dev.shelflife.Artifact;
import dev.shelflife.Component;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.PackageUrl;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.cyclonedx.Bom.AffectEntry;
import dev.shelflife.cyclonedx.Bom.AnalysisEntry;
import dev.shelflife.cyclonedx.Bom.ComponentEntry;
import dev.shelflife.cyclonedx.Bom.RatingEntry;
import dev.shelflife.cyclonedx.Bom.Text;
import dev.shelflife.cyclonedx.Bom.Tool;
import dev.shelflife.cyclonedx.Bom.VersionEntry;
import dev.shelflife.cyclonedx.Bom.VulnerabilityEntry;
import dev.shelflife.cyclonedx.SeverityChoice.Rated;
import dev.shelflife.json.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.cyclonedx.exception.BomLinkException;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis.Justification;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis.Response;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis.State;
import org.cyclonedx.util.BomLink;

/**
 * Turns a {@link Bom} into the model. Every {@code affects} entry (for the 1.2 extension, every
 * nested {@code v:vulnerability}) is one raw entry: a finding, or a skipped entry when it names
 * no component at all. A vulnerability with an {@code analysis} also becomes one VEX statement.
 *
 * <p>A reference that resolves to nothing in the document (a dangling {@code bom-ref}, a
 * BOM-Link to another BOM) still makes a finding, named after the package URL in the reference
 * or after the reference itself, and the unresolved reference is recorded as a problem: a
 * vulnerability ShelfLife cannot attach to a component is still one the policy must see. A
 * reference that is itself a package URL, as VEX documents without components write them, names
 * its package fully and is not a problem. Values
 * it does not know (a severity, a state, a status) are recorded as coerced, and their siblings
 * are kept.
 */
final class BomMapper {

    private static final String BOM_LINK = "urn:cdx:";
    private static final String SERIAL_PREFIX = "urn:uuid:";
    private static final String TRIVY = "aquasecurity:trivy:";
    private static final String SYFT = "syft:";
    private static final Set<String> STATUSES = Set.of("affected", "unaffected", "unknown");

    private final Bom bom;
    private final ScanReport.Builder report;
    /** Where findings go: the report's builder for a read, the caller for a stream. */
    private final Consumer<? super Finding> findings;

    private final Map<String, List<ComponentEntry>> byRef = new HashMap<>();
    /** A component's package, mapped once however many vulnerabilities affect it. */
    private final Map<ComponentEntry, Target> targets = new IdentityHashMap<>();
    /**
     * The problems of the vulnerabilities mapped so far, skipped entries among them, kept until
     * {@link #finish(String)} puts them after those of the document's head and components, in the
     * order a mapping after the whole document would give them, whenever the vulnerabilities were mapped.
     */
    private List<Problem> problems = new ArrayList<>();

    private Optional<UUID> serial = Optional.empty();
    private boolean started;
    private int handed;

    /** A package a finding is about, and the product identifier a VEX statement names it by. */
    private record Target(InstalledPackage pkg, String product) {}

    /** An {@code analysis}, read once per vulnerability. */
    private record Analysis(
            VexStatement.State state,
            Optional<String> justification,
            List<String> responses,
            Optional<String> detail,
            Optional<Instant> timestamp) {

        boolean says(VexStatement.State... states) {
            return List.of(states).contains(state);
        }

        boolean respondsWith(Response... choices) {
            return Arrays.stream(choices).anyMatch(r -> responses.contains(r.getResponseName()));
        }
    }

    private BomMapper(Bom bom, Consumer<? super Finding> findings) {
        this.bom = bom;
        // Kind, format and scanner are set by finish(), once the document has said them.
        this.report = ScanReport.builder(
                EvidenceKind.INVENTORY,
                ReportFormat.of(CycloneDxScannerAdapter.ID, JsonBomReader.FORMAT, null),
                ScannerTool.of("unknown", null));
        this.findings = findings == null ? report::finding : findings;
    }

    /**
     * A mapper whose findings go into the report.
     *
     * @param bom the document, read or being read
     * @return the mapper
     */
    static BomMapper reading(Bom bom) {
        return new BomMapper(bom, null);
    }

    /**
     * A mapper whose findings go to a caller as they are mapped, and are not kept.
     *
     * @param bom the document, read or being read
     * @param findings the caller
     * @return the mapper
     */
    static BomMapper streaming(Bom bom, Consumer<? super Finding> findings) {
        return new BomMapper(bom, Objects.requireNonNull(findings, "findings"));
    }

    /**
     * Maps a document read whole.
     *
     * @param bom what the reader found
     * @param format the format's name ({@code cyclonedx-json}, {@code cyclonedx-xml})
     * @return the report
     */
    static ScanReport map(Bom bom, String format) {
        return reading(bom).finish(format).build();
    }

    /**
     * Indexes what vulnerabilities refer to: the BOM's serial number, its subject and its
     * components. Called once, before the first vulnerability is mapped.
     */
    void start() {
        if (started) {
            return;
        }
        started = true;
        serial = serialOf(bom.serialNumber());
        if (bom.subject() != null) {
            index(bom.subject());
        }
        bom.components().forEach(this::index);
    }

    /** @return how many findings went to the caller of a stream */
    int handed() {
        return handed;
    }

    /**
     * Maps what is left once the document is read (the vulnerabilities the BOM kept, the head,
     * the components) and puts the problems in document order: those of the head, the reader's,
     * the components', the vulnerabilities', the document's.
     *
     * @param format the format's name ({@code cyclonedx-json}, {@code cyclonedx-xml})
     * @return the builder, for the report or the summary of a stream
     */
    ScanReport.Builder finish(String format) {
        start();
        bom.vulnerabilities().forEach(this::vulnerability);
        List<Problem> ofVulnerabilities = problems;
        problems = new ArrayList<>();
        report.kind(kindOf(bom))
                .format(ReportFormat.of(CycloneDxScannerAdapter.ID, format, bom.specVersion()))
                .scanner(scanner(bom.tools()))
                .artifact(artifact(bom.subject()))
                .image(ContainerImage.of(bom.subject(), bom.components()))
                .scannedAt(instant(bom.timestamp(), "metadata timestamp").orElse(null));
        problems.addAll(bom.problems());
        bom.components().forEach(c -> report.component(component(c)));
        problems.addAll(ofVulnerabilities);
        if (kindOf(bom) == EvidenceKind.SCAN && bom.tools().stream().allMatch(t -> t.name() == null)) {
            // A scan whose scanner is unknown cannot be told from an assessment whose analyses were
            // lost: say so, so that the coverage rule sees it, rather than judge it as a clean scan.
            ReportLocation at =
                    ReportLocation.of(bom.firstVulnerability().source()).withPath("/metadata/tools");
            problems.add(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a document of vulnerabilities without analysis that names no tool in metadata.tools:"
                            + " a scan by an unknown scanner, whose findings may be incomplete",
                    at));
        }
        for (Problem problem : problems) {
            if (problem.kind() == Problem.Kind.SKIPPED_ENTRY) {
                report.skipped(problem.message(), problem.location());
            } else {
                report.problem(problem);
            }
        }
        problems = new ArrayList<>();
        return report;
    }

    /**
     * What a document is evidence of, by what its vulnerabilities hold. None at all: an inventory
     * (an SBOM), even with an empty {@code vulnerabilities} array, which Trivy writes into SBOMs made
     * without a vulnerability scan, so that the array cannot tell a clean scan from no scan. Every
     * vulnerability with an {@code analysis}, at least one of which decides something (any state but
     * {@code in_triage}): an assessment (VEX). Otherwise a scan (a VDR), including a scanner's output
     * that marks every vulnerability {@code in_triage}, as Grype 0.41 does.
     */
    static EvidenceKind kindOf(Bom bom) {
        if (!bom.hasVulnerabilities()) {
            return EvidenceKind.INVENTORY;
        }
        return bom.allAnalysed() && bom.decides() ? EvidenceKind.ASSESSMENT : EvidenceKind.SCAN;
    }

    private void index(ComponentEntry component) {
        if (component.ref() != null) {
            byRef.computeIfAbsent(component.ref(), ref -> new ArrayList<>()).add(component);
        }
    }

    /** The last tool listed: generators list the libraries they build on before themselves. */
    private static ScannerTool scanner(List<Tool> tools) {
        for (int i = tools.size() - 1; i >= 0; i--) {
            Tool tool = tools.get(i);
            if (tool.name() != null) {
                return ScannerTool.of(tool.name(), tool.version());
            }
        }
        return ScannerTool.of("unknown", null);
    }

    private static Optional<UUID> serialOf(String serialNumber) {
        if (serialNumber == null || !serialNumber.startsWith(SERIAL_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(serialNumber.substring(SERIAL_PREFIX.length())));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private static Artifact artifact(ComponentEntry subject) {
        if (subject == null) {
            return Artifact.unknown();
        }
        Artifact.Type type = switch (String.valueOf(subject.type())) {
            case "container" -> Artifact.Type.CONTAINER_IMAGE;
            case "file" -> Artifact.Type.FILESYSTEM;
            default -> Artifact.Type.UNKNOWN;
        };
        return new Artifact(subject.name() == null ? "" : subject.name(), type);
    }

    private Component component(ComponentEntry component) {
        if (component.name() == null) {
            coerced("component without a name, read as \"\"", component.at());
        }
        return new Component(
                nameOf(component),
                Optional.ofNullable(component.version()),
                Optional.ofNullable(component.purl()),
                Optional.ofNullable(component.type()),
                Optional.ofNullable(component.ref()));
    }

    /**
     * Maps one vulnerability: its findings go to the caller or the report at once, its problems
     * wait for {@link #finish(String)}.
     */
    void vulnerability(VulnerabilityEntry entry) {
        if (entry.id() == null || entry.id().value().isBlank()) {
            if (entry.affects().isEmpty()) {
                problems.add(
                        new Problem(Problem.Kind.IGNORED_VALUE, "vulnerability without an id, ignored", entry.at()));
            }
            entry.affects().forEach(affect -> skipped("affects entry of a vulnerability without an id", affect.at()));
            return;
        }
        String id = entry.id().value();
        Vulnerability vulnerability = vulnerabilityOf(entry);
        Analysis analysis = entry.analysis() == null ? null : analysis(entry.analysis());
        if (entry.affects().isEmpty() && analysis == null) {
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE, id + " affects nothing (no affects entries): no finding", entry.at()));
        }
        Set<String> products = new LinkedHashSet<>();
        for (AffectEntry affect : entry.affects()) {
            Optional<Target> target = target(id, affect);
            target.ifPresent(t -> {
                findings.accept(new Finding(vulnerability, t.pkg(), fix(analysis, affect, t.pkg()), ""));
                handed++;
                products.add(t.product());
            });
        }
        if (analysis == null) {
            return;
        }
        if (products.isEmpty() && !entry.affects().isEmpty()) {
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    id + ": analysis not applied, none of its affects entries names a product",
                    entry.analysis().at()));
            return;
        }
        report.vexStatement(VexStatement.builder(id, analysis.state())
                .aliases(vulnerability.aliases())
                .products(products)
                .justification(analysis.justification().orElse(null))
                .responses(analysis.responses())
                .detail(analysis.detail().orElse(null))
                .timestamp(analysis.timestamp().orElse(null))
                .build());
    }

    private Vulnerability vulnerabilityOf(VulnerabilityEntry entry) {
        String source = entry.sourceName() == null ? "" : entry.sourceName();
        List<Rated> ratings = new ArrayList<>();
        for (RatingEntry rating : entry.ratings()) {
            rated(rating, source).ifPresent(ratings::add);
        }
        SeverityChoice.Choice choice = SeverityChoice.choose(source, ratings);
        Vulnerability.Builder vulnerability = Vulnerability.builder(entry.id().value())
                .severity(choice.severity())
                .severitySource(choice.source())
                .published(instant(entry.published(), "published date").orElse(null))
                .modified(instant(entry.updated(), "updated date").orElse(null))
                .primaryUrl(
                        entry.advisories().isEmpty()
                                ? entry.sourceUrl()
                                : entry.advisories().get(0));
        ratings.forEach(r -> vulnerability.rating(r.rating()));
        entry.references().forEach(vulnerability::alias);
        entry.cwes().forEach(cwe -> vulnerability.cwe(cwe.chars().allMatch(Character::isDigit) ? "CWE-" + cwe : cwe));
        return vulnerability.build();
    }

    /** A rating, its unknown severity or bad score left out; a rating with nothing left is no rating. */
    private Optional<Rated> rated(RatingEntry rating, String vulnerabilitySource) {
        Severity severity = null;
        if (rating.severity() != null) {
            severity = Severity.find(rating.severity().value()).orElse(null);
            if (severity == null) {
                coerced(
                        "unknown severity \"" + rating.severity().value() + "\", left out of the rating",
                        rating.severity().at());
            }
        }
        Double score = rating.score() == null ? null : score(rating.score());
        if (severity == null && score == null && rating.vector() == null) {
            return Optional.empty();
        }
        String source = rating.source() == null ? vulnerabilitySource : rating.source();
        return Optional.of(new Rated(Rating.of(source, severity, score, rating.vector()), rating.method()));
    }

    private Double score(Text score) {
        Double value = scoreOf(score.value());
        if (value == null) {
            coerced("score \"" + score.value() + "\" is not a number in 0..10, left out of the rating", score.at());
        }
        return value;
    }

    /** @return the score a rating's text says, or {@code null} if it is not a number in 0..10 */
    private static Double scoreOf(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0.0 && value <= 10.0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // no score, like one out of range
        }
        return null;
    }

    /**
     * Whether a rating's score is one the mapper keeps without a problem: the reader locates only
     * the others.
     *
     * @param text the score as written
     * @return whether it is a number in 0..10
     */
    static boolean isScore(String text) {
        return scoreOf(text) != null;
    }

    /**
     * Whether a rating's severity is one the mapper knows: the reader locates only the others.
     *
     * @param text the severity as written
     * @return whether the mapper reads it without a problem
     */
    static boolean isKnownSeverity(String text) {
        return Severity.find(text).isPresent();
    }

    /**
     * Whether a version's status is one the mapper knows: the reader locates only the others.
     *
     * @param text the status as written
     * @return whether the mapper reads it without a problem
     */
    static boolean isKnownStatus(String text) {
        return STATUSES.contains(text.toLowerCase(Locale.ROOT));
    }

    private Analysis analysis(AnalysisEntry analysis) {
        VexStatement.State state = VexStatement.State.UNKNOWN;
        if (analysis.state() != null) {
            State known = State.fromString(analysis.state().value());
            if (known == null) {
                coerced(
                        "unknown analysis state \"" + analysis.state().value() + "\", read as UNKNOWN",
                        analysis.state().at());
            } else {
                state = VexStatement.State.valueOf(known.name());
            }
        }
        Optional<String> justification = Optional.ofNullable(analysis.justification())
                .filter(j -> {
                    boolean known = Justification.fromString(j.value()) != null;
                    if (!known) {
                        coerced("unknown analysis justification \"" + j.value() + "\", left out", j.at());
                    }
                    return known;
                })
                .map(Text::value);
        List<String> responses = new ArrayList<>();
        for (Text response : analysis.responses()) {
            if (Response.fromString(response.value()) != null) {
                responses.add(response.value());
            } else {
                coerced("unknown analysis response \"" + response.value() + "\", left out", response.at());
            }
        }
        Optional<Instant> timestamp = instant(analysis.lastUpdated(), "analysis lastUpdated")
                .or(() -> instant(analysis.firstIssued(), "analysis firstIssued"));
        return new Analysis(state, justification, responses, Optional.ofNullable(analysis.detail()), timestamp);
    }

    /**
     * The fix state an entry's analysis and version status give, strongest first: not affected,
     * won't fix, fixed, under investigation. CycloneDX names no fixed version.
     */
    private Fix fix(Analysis analysis, AffectEntry affect, InstalledPackage pkg) {
        boolean unaffectedVersion = isUnaffected(affect, pkg.version());
        FixState state = FixState.UNKNOWN;
        if (unaffectedVersion
                || analysis != null
                        && analysis.says(VexStatement.State.NOT_AFFECTED, VexStatement.State.FALSE_POSITIVE)) {
            state = FixState.NOT_AFFECTED;
        } else if (analysis != null && analysis.respondsWith(Response.WILL_NOT_FIX, Response.CAN_NOT_FIX)) {
            state = FixState.WONT_FIX;
        } else if (analysis != null
                && (analysis.says(VexStatement.State.RESOLVED, VexStatement.State.RESOLVED_WITH_PEDIGREE)
                        || analysis.respondsWith(Response.UPDATE, Response.ROLLBACK))) {
            state = FixState.FIXED;
        } else if (analysis != null && analysis.says(VexStatement.State.IN_TRIAGE)) {
            state = FixState.UNDER_INVESTIGATION;
        }
        return Fix.of(state);
    }

    /** Whether {@code affects[].versions[]} says the installed version is {@code unaffected}. */
    private boolean isUnaffected(AffectEntry affect, Optional<String> installed) {
        boolean unaffected = false;
        for (VersionEntry version : affect.versions()) {
            if (version.status() == null) {
                continue;
            }
            String status = version.status().value().toLowerCase(Locale.ROOT);
            if (!isKnownStatus(status)) {
                coerced(
                        "unknown version status \"" + version.status().value() + "\", ignored",
                        version.status().at());
            } else if (status.equals("unaffected")
                    && version.version() != null
                    && installed.filter(version.version()::equals).isPresent()) {
                unaffected = true;
            }
        }
        return unaffected;
    }

    /** The package an affects entry is about, or empty (and a skipped entry) when it names none. */
    private Optional<Target> target(String id, AffectEntry affect) {
        if (affect.component() != null) {
            return Optional.of(targetOf(affect.component()));
        }
        String ref = affect.ref();
        if (ref == null) {
            skipped(id + ": affects entry without a ref", affect.at());
            return Optional.empty();
        }
        return Optional.of(ref.startsWith(BOM_LINK) ? fromBomLink(ref, affect.at()) : fromLocalRef(ref, affect.at()));
    }

    private Target fromLocalRef(String ref, ReportLocation at) {
        List<ComponentEntry> matches = byRef.get(ref);
        if (matches == null) {
            if (PackageUrl.parse(ref).isEmpty()) {
                problems.add(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "affects ref \"" + ref
                                + "\" matches no bom-ref in this document and is no package URL; the package is named after the ref",
                        at));
            }
            return fromReference(ref);
        }
        if (matches.size() > 1) {
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "affects ref \"" + ref + "\" matches " + matches.size()
                            + " components (bom-refs must be unique); the first is used",
                    at));
        }
        return targetOf(matches.get(0));
    }

    /** A component's package, mapped on first use. */
    private Target targetOf(ComponentEntry component) {
        Target target = targets.get(component);
        if (target == null) {
            target = fromComponent(component);
            targets.put(component, target);
        }
        return target;
    }

    /**
     * A BOM-Link ({@code urn:cdx:serial/version#bom-ref}) into this document resolves like a
     * local ref; one into another document names its component only by its fragment.
     */
    private Target fromBomLink(String ref, ReportLocation at) {
        int hash = ref.indexOf('#');
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        try {
            BomLink link = new BomLink(ref);
            if (serial.filter(link.getSerialNumber()::equals).isPresent() && !fragment.isEmpty()) {
                return fromLocalRef(fragment, at);
            }
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "affects ref is a BOM-Link to another BOM ("
                            + link.getSerialNumber() + ", version " + link.getVersion()
                            + "), whose components are not in this document; the package is read from the link's fragment",
                    at));
        } catch (BomLinkException malformed) {
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "affects ref \"" + ref
                            + "\" is not a valid BOM-Link (urn:cdx:serialNumber/version#bom-ref); the package is read from its fragment",
                    at));
        }
        return fromReference(fragment.isEmpty() ? ref : fragment);
    }

    /** A package known only by a reference: a package URL if it is one, else the reference as the name. */
    private static Target fromReference(String reference) {
        InstalledPackage pkg = PackageUrl.parse(reference)
                .map(purl -> InstalledPackage.builder(purl.packageName())
                        .version(purl.version().orElse(null))
                        .purl(reference)
                        .type(purl.type())
                        .build())
                .orElseGet(() -> InstalledPackage.builder(reference).build());
        return new Target(pkg, reference);
    }

    /**
     * A component as the package of a finding, with what Trivy's and Syft's properties add: the
     * source package, the path and the layer.
     */
    private static Target fromComponent(ComponentEntry component) {
        Optional<PackageUrl> purl = PackageUrl.parse(component.purl());
        String type = purl.map(PackageUrl::type).orElseGet(() -> first(component, SYFT + "package:type"));
        InstalledPackage pkg = InstalledPackage.builder(
                        PackageUrl.packageName(type, component.group(), nameOf(component)))
                .version(component.version())
                .purl(component.purl())
                .type(type)
                .sourcePackage(first(component, TRIVY + "SrcName"))
                .path(Optional.ofNullable(first(component, TRIVY + "FilePath"))
                        .orElseGet(() -> first(component, SYFT + "location:0:path")))
                .layer(Optional.ofNullable(first(component, TRIVY + "LayerDigest"))
                        .or(() -> Optional.ofNullable(first(component, TRIVY + "LayerDiffID")))
                        .orElseGet(() -> first(component, SYFT + "location:0:layerID")))
                .build();
        String product = component.purl() != null
                ? component.purl()
                : component.ref() != null ? component.ref() : nameOf(component);
        return new Target(pkg, product);
    }

    private static String first(ComponentEntry component, String property) {
        return component.property(property).stream().findFirst().orElse(null);
    }

    private static String nameOf(ComponentEntry component) {
        return component.name() == null ? "" : component.name();
    }

    private Optional<Instant> instant(Text text, String what) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(text.value());
        if (instant.isEmpty()) {
            coerced(what + " \"" + text.value() + "\" is not a date, left unknown", text.at());
        }
        return instant;
    }

    private void coerced(String message, ReportLocation at) {
        problems.add(new Problem(Problem.Kind.COERCED_VALUE, message, at));
    }

    /** An entry that makes no finding; counted by the builder when the problems are put in order. */
    private void skipped(String message, ReportLocation at) {
        problems.add(new Problem(Problem.Kind.SKIPPED_ENTRY, message, at));
    }
}
