package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One scanner report in the ShelfLife model: who scanned what and when, what it found, and what
 * of the input could not be read as it stands.
 *
 * <p>A report is its {@link ReportSummary} (everything it says except its findings) and its
 * findings. The summary's accessors are repeated here, so {@code report.scanner()} reads as
 * before; {@link #summary()} is the same object a streamed read returns.
 *
 * <p>Every raw vulnerability entry of the input is accounted for by {@link #counts()}: a finding,
 * a collapsed exact duplicate, or a skipped entry recorded in {@link #problems()}.
 *
 * <p>Not every document is a scan: {@link #kind()} says whether it is a vulnerability scan, an
 * inventory (an SBOM without vulnerability analysis) or an assessment (VEX), as the adapter decided
 * from what the document says. {@link ImageRecord} sorts the evidence about an image by kind.
 *
 * <p>Build one with {@link #builder}; adapters do.
 *
 * @param summary everything the report says except its findings, with the counts of every raw entry
 * @param findings the distinct findings, in report order
 * @since 0.1
 */
public record ScanReport(ReportSummary summary, List<Finding> findings) {

    /**
     * Validates the parts, copies the findings and checks the summary's count of findings against
     * them.
     *
     * @throws IllegalArgumentException if {@code summary.counts().findings()} is not the number of findings
     */
    public ScanReport {
        Objects.requireNonNull(summary, "summary");
        findings = List.copyOf(findings);
        if (summary.counts().findings() != findings.size()) {
            throw new IllegalArgumentException(
                    "counts.findings (" + summary.counts().findings() + ") != findings (" + findings.size() + ")");
        }
    }

    /**
     * A builder for a report of a kind in the given format. The adapter names the kind from the
     * start: there is no default, because a document taken for a scan by default would make an
     * SBOM a clean scan. {@link Builder#kind(EvidenceKind)} changes it when the document says what
     * it is only after its entries.
     *
     * @param kind what the document is evidence of
     * @param format the format
     * @param scanner the scanner
     * @return the builder
     * @since 0.2
     */
    public static Builder builder(EvidenceKind kind, ReportFormat format, ScannerTool scanner) {
        return new Builder(kind, format, scanner);
    }

    /** @return {@link ReportSummary#kind()} of the summary */
    public EvidenceKind kind() {
        return summary.kind();
    }

    /** @return {@link ReportSummary#format()} of the summary */
    public ReportFormat format() {
        return summary.format();
    }

    /** @return {@link ReportSummary#scanner()} of the summary */
    public ScannerTool scanner() {
        return summary.scanner();
    }

    /** @return {@link ReportSummary#artifact()} of the summary */
    public Artifact artifact() {
        return summary.artifact();
    }

    /** @return {@link ReportSummary#image()} of the summary */
    public Image image() {
        return summary.image();
    }

    /** @return {@link ReportSummary#scannedAt()} of the summary */
    public Optional<Instant> scannedAt() {
        return summary.scannedAt();
    }

    /** @return {@link ReportSummary#databaseBuiltAt()} of the summary */
    public Optional<Instant> databaseBuiltAt() {
        return summary.databaseBuiltAt();
    }

    /** @return {@link ReportSummary#components()} of the summary */
    public List<Component> components() {
        return summary.components();
    }

    /** @return {@link ReportSummary#vexStatements()} of the summary */
    public List<VexStatement> vexStatements() {
        return summary.vexStatements();
    }

    /** @return {@link ReportSummary#problems()} of the summary */
    public List<Problem> problems() {
        return summary.problems();
    }

    /** @return {@link ReportSummary#counts()} of the summary */
    public ReportCounts counts() {
        return summary.counts();
    }

    /** @return {@link ReportSummary#ignoreRules()} of the summary */
    public List<IgnoreRule> ignoreRules() {
        return summary.ignoreRules();
    }

    /**
     * Whether this report is a vulnerability scan, the only kind whose findings are judged.
     *
     * @return {@code true} for {@link EvidenceKind#SCAN}
     * @since 0.2
     */
    public boolean isScan() {
        return summary.kind() == EvidenceKind.SCAN;
    }

    /**
     * Who made what kind of evidence about which image, and when: the report as messages name it,
     * in one line.
     *
     * @return for example {@code Trivy 0.58.1 scan of ghcr.io/acme/shop-api:1.4.2 sha256:…, made 2025-01-14T08:03:51Z}
     * @since 0.2
     */
    public String describe() {
        return summary.scanner() + " " + summary.kind().key() + " of " + ImageIdentity.of(summary.image())
                + summary.scannedAt().map(at -> ", made " + at).orElse("");
    }

    /**
     * A copy with the image replaced, for callers who know more than the report (a build time,
     * a digest, a base image).
     *
     * @param newImage the image
     * @return the new report
     */
    public ScanReport withImage(Image newImage) {
        return new ScanReport(summary.withImage(newImage), findings);
    }

    /**
     * A copy with the scan instant replaced, for formats that do not record it (Snyk).
     *
     * @param instant when the scan ran
     * @return the new report
     */
    public ScanReport withScannedAt(Instant instant) {
        return new ScanReport(summary.withScannedAt(instant), findings);
    }

    /**
     * A copy with other findings in place of these, as many as there were, for callers that
     * change findings one for one (enriching them from feeds); the summary and its counts stay.
     *
     * @param newFindings the findings, as many as {@link #findings()}
     * @return the new report
     * @throws IllegalArgumentException if the number of findings differs
     * @since 0.2
     */
    public ScanReport withFindings(List<Finding> newFindings) {
        return new ScanReport(summary, newFindings);
    }

    /**
     * Collects a report entry by entry. Each call to {@link #finding(Finding)} or
     * {@link #skipped(String, ReportLocation)} accounts for exactly one raw entry of the input.
     *
     * @since 0.1
     */
    public static final class Builder {
        private EvidenceKind kind;
        private ReportFormat format;
        private ScannerTool scanner;
        private Artifact artifact = Artifact.unknown();
        private Image image = Image.unknown();
        private Instant scannedAt;
        private Instant databaseBuiltAt;
        private final DistinctFindings findings = new DistinctFindings();
        private final SharedParts shared = new SharedParts();
        private int duplicates;
        private int skipped;
        private final List<Component> components = new ArrayList<>();
        private final List<VexStatement> vexStatements = new ArrayList<>();
        private int statements;
        private final List<IgnoreRule> ignoreRules = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        private Builder(EvidenceKind kind, ReportFormat format, ScannerTool scanner) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.format = Objects.requireNonNull(format, "format");
            this.scanner = Objects.requireNonNull(scanner, "scanner");
        }

        /**
         * Replaces the kind given to {@link ScanReport#builder}, for formats that show what a
         * document is only after their entries (a CycloneDX document is an inventory, a scan or an
         * assessment by what its {@code vulnerabilities} hold).
         *
         * @param value the kind
         * @return this builder
         * @since 0.2
         */
        public Builder kind(EvidenceKind value) {
            this.kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /**
         * Replaces the format given to {@link ScanReport#builder}, for formats that say which
         * version they are only after their entries (the fields of a JSON object come in any
         * order), so that entries can be added as they are read.
         *
         * @param value the format
         * @return this builder
         */
        public Builder format(ReportFormat value) {
            this.format = Objects.requireNonNull(value, "format");
            return this;
        }

        /**
         * Replaces the scanner given to {@link ScanReport#builder}, for formats that name it after
         * their entries.
         *
         * @param value the scanner
         * @return this builder
         */
        public Builder scanner(ScannerTool value) {
            this.scanner = Objects.requireNonNull(value, "scanner");
            return this;
        }

        /** @param value what was scanned @return this builder */
        public Builder artifact(Artifact value) {
            this.artifact = Objects.requireNonNull(value, "artifact");
            return this;
        }

        /** @param value what is known about the image @return this builder */
        public Builder image(Image value) {
            this.image = Objects.requireNonNull(value, "image");
            return this;
        }

        /** @param value when the scan ran, or {@code null} @return this builder */
        public Builder scannedAt(@Nullable Instant value) {
            this.scannedAt = value;
            return this;
        }

        /** @param value when the vulnerability database was built, or {@code null} @return this builder */
        public Builder databaseBuiltAt(@Nullable Instant value) {
            this.databaseBuiltAt = value;
            return this;
        }

        /**
         * Accounts for one raw entry that became a finding; an exact duplicate of a finding
         * already added is counted, not kept twice.
         *
         * @param value the finding
         * @return this builder
         */
        public Builder finding(Finding value) {
            if (!findings.add(shared.share(Objects.requireNonNull(value, "finding")))) {
                duplicates++;
            }
            return this;
        }

        /**
         * Accounts for one raw entry that did not become a finding, and records why.
         *
         * @param message what was wrong with the entry
         * @param location where the entry is
         * @return this builder
         */
        public Builder skipped(String message, ReportLocation location) {
            problems.add(new Problem(Problem.Kind.SKIPPED_ENTRY, message, location));
            skipped++;
            return this;
        }

        /**
         * Records a problem that does not skip an entry (a coerced or ignored value).
         *
         * @param value the problem; use {@link #skipped(String, ReportLocation)} for skipped entries
         * @return this builder
         * @throws IllegalArgumentException for a problem of kind {@link Problem.Kind#SKIPPED_ENTRY}
         */
        public Builder problem(Problem value) {
            if (value.kind() == Problem.Kind.SKIPPED_ENTRY) {
                throw new IllegalArgumentException("use skipped(...) for skipped entries, so they are counted");
            }
            problems.add(value);
            return this;
        }

        /** @param value a component the report lists @return this builder */
        public Builder component(Component value) {
            components.add(Objects.requireNonNull(value, "component"));
            return this;
        }

        /**
         * Adds a VEX statement that a vulnerability entry makes besides its findings (a CycloneDX
         * {@code analysis}): it is not an entry of its own.
         *
         * @param value the statement
         * @return this builder
         */
        public Builder vexStatement(VexStatement value) {
            vexStatements.add(Objects.requireNonNull(value, "vexStatement"));
            return this;
        }

        /**
         * Accounts for one raw entry that is a VEX statement of its own (an OpenVEX statement, a
         * CSAF product status), and adds it.
         *
         * @param value the statement
         * @return this builder
         * @since 0.2
         */
        public Builder statement(VexStatement value) {
            vexStatements.add(Objects.requireNonNull(value, "statement"));
            statements++;
            return this;
        }

        /**
         * Accounts for one raw entry that is a rule of an ignore file, and adds it.
         *
         * @param value the rule
         * @return this builder
         * @since 0.2
         */
        public Builder ignoreRule(IgnoreRule value) {
            ignoreRules.add(Objects.requireNonNull(value, "ignoreRule"));
            return this;
        }

        /** @return the report */
        public ScanReport build() {
            int kept = findings.size() + statements + ignoreRules.size();
            ReportCounts counts = new ReportCounts(
                    kept + duplicates + skipped, findings.size(), statements, ignoreRules.size(), duplicates, skipped);
            return new ScanReport(summaryWith(counts), findings.inOrder());
        }

        /**
         * Builds the summary of a report whose findings were handed to a caller as they were read
         * ({@link dev.shelflife.spi.ScannerAdapter#stream}) instead of being added here. Each
         * streamed finding accounts for one raw entry; none is a duplicate, since a stream keeps
         * nothing to compare with.
         *
         * @param streamed how many findings were handed to the caller
         * @return the summary; its findings count adds the streamed ones to those added here
         * @throws IllegalArgumentException if {@code streamed} is negative
         */
        public ReportSummary summary(int streamed) {
            if (streamed < 0) {
                throw new IllegalArgumentException("streamed findings must not be negative, got " + streamed);
            }
            int kept = findings.size() + streamed;
            ReportCounts counts = new ReportCounts(
                    kept + statements + ignoreRules.size() + duplicates + skipped,
                    kept,
                    statements,
                    ignoreRules.size(),
                    duplicates,
                    skipped);
            return summaryWith(counts);
        }

        private ReportSummary summaryWith(ReportCounts counts) {
            return new ReportSummary(
                    kind,
                    format,
                    scanner,
                    artifact,
                    image,
                    Optional.ofNullable(scannedAt),
                    Optional.ofNullable(databaseBuiltAt),
                    components,
                    vexStatements,
                    problems,
                    counts,
                    ignoreRules);
        }
    }
}
