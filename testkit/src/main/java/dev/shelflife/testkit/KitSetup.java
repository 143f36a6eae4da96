package dev.shelflife.testkit;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.ScannerAdapter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What the {@link ScannerAdapterKit} needs to know of one adapter, each part named where it is
 * given: the adapter, the {@link KitSample}s it reads whole, the {@link KitTemplate}s the kit puts
 * its probes in, the {@link EntryFrame} the adapter's own format rows write entries in, and the
 * checks that cannot apply, each with its reason.
 *
 * <pre>{@code
 * static final KitSetup KIT = KitSetup.of(new AcmeScannerAdapter())
 *         .sample(KitSample.ofResource(AcmeScannerAdapterTest.class, "shop-api-1.4.2.acme.json").entries(6))
 *         .template(KitTemplate.json("acme.json", TEMPLATE)
 *                 .entries(2)
 *                 .entryAt("/findings/0")
 *                 .textAt("/findings/0/package"))
 *         .frame(EntryFrame.of("acme.json", "{\"acmeScan\": \"1\", \"findings\": [\n", "]}"))
 *         .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "Acme findings carry no CVSS score")
 *         .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class KitSetup {

    private final ScannerAdapter adapter;
    private final List<KitSample> samples;
    private final List<KitTemplate> templates;
    private final Optional<EntryFrame> frame;
    private final boolean readsEmptyDocuments;
    private final ToIntFunction<ScanReport> entriesCountedBy;
    private final Optional<String> numbersWhereTextBelong;
    private final Map<KitCheck, String> notApplicable;

    private KitSetup(Builder builder) {
        this.adapter = builder.adapter;
        this.samples = List.copyOf(builder.samples);
        this.templates = List.copyOf(builder.templates);
        this.frame = Optional.ofNullable(builder.frame);
        this.readsEmptyDocuments = builder.readsEmptyDocuments;
        this.entriesCountedBy = builder.entriesCountedBy;
        this.numbersWhereTextBelong = Optional.ofNullable(builder.numbersWhereTextBelong);
        this.notApplicable = builder.notApplicable.isEmpty() ? Map.of() : new EnumMap<>(builder.notApplicable);
    }

    /**
     * Starts the setup of an adapter.
     *
     * @param adapter the adapter under test, shared by every check (adapters are thread-safe)
     * @return a builder
     */
    public static Builder of(ScannerAdapter adapter) {
        return new Builder(Objects.requireNonNull(adapter, "adapter"));
    }

    /**
     * The adapter under test.
     *
     * @return the adapter
     */
    public ScannerAdapter adapter() {
        return adapter;
    }

    /**
     * The reports the kit reads whole.
     *
     * @return the samples
     */
    public List<KitSample> samples() {
        return samples;
    }

    /**
     * The reports the kit puts its probes in.
     *
     * @return the templates
     */
    public List<KitTemplate> templates() {
        return templates;
    }

    /**
     * The report the adapter's own format rows write their entries in.
     *
     * @return the frame, if given
     */
    public Optional<EntryFrame> frame() {
        return frame;
    }

    /**
     * Whether an empty document is a document of the adapter's format with no entries.
     *
     * @return true when {@link Builder#readsEmptyDocuments()} was called
     */
    public boolean readsEmptyDocuments() {
        return readsEmptyDocuments;
    }

    /**
     * The checks that do not apply to any of the adapter's samples and templates, or to the
     * adapter.
     *
     * @return each check with its reason
     */
    public Map<KitCheck, String> notApplicable() {
        return notApplicable;
    }

    /**
     * What a template's entries count in a report the adapter read (a sample's are always its raw
     * entries).
     *
     * @param report a report the adapter read
     * @return its raw entries, or what {@link Builder#entriesCountedBy} counts
     */
    public int entriesOf(ScanReport report) {
        return entriesCountedBy.applyAsInt(report);
    }

    /**
     * Reads entries inside the {@link EntryFrame}.
     *
     * @param entries the entries, as written in the format, one a line
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     * @throws IllegalStateException if no frame was given
     */
    public ScanReport readEntries(String entries) {
        return adapter.read(requireFrame().around(entries));
    }

    /**
     * Reads a whole report under the name of the {@link EntryFrame}.
     *
     * @param text the report
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     * @throws IllegalStateException if no frame was given
     */
    public ScanReport readDocument(String text) {
        return adapter.read(requireFrame().document(text));
    }

    Optional<String> numbersWhereTextBelong() {
        return numbersWhereTextBelong;
    }

    EntryFrame requireFrame() {
        return frame.orElseThrow(() -> new IllegalStateException(
                "no EntryFrame for " + adapter.id() + ": give one with KitSetup.Builder.frame(...)"));
    }

    /** Why a check does not run on an item (a sample's or template's opt-outs), or on the adapter. */
    Optional<String> reasonNotToRun(KitCheck check, Map<KitCheck, String> itemOptOuts) {
        return Optional.ofNullable(itemOptOuts.getOrDefault(check, notApplicable.get(check)));
    }

    static Map<KitCheck, String> optOut(
            Map<KitCheck, String> optOuts, KitCheck check, KitCheck.Scope where, String reason) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException(check + ": say why it does not apply");
        }
        if (check.scope() != where) {
            throw new IllegalArgumentException(
                    check + " runs on the " + check.scope().name().toLowerCase(java.util.Locale.ROOT) + ", not on each "
                            + where.name().toLowerCase(java.util.Locale.ROOT) + ": opt out of it there");
        }
        if (optOuts.containsKey(check)) {
            throw new IllegalArgumentException(check + " is opted out twice");
        }
        Map<KitCheck, String> copy = new EnumMap<>(KitCheck.class);
        copy.putAll(optOuts);
        copy.put(check, reason);
        return copy;
    }

    /**
     * Builds a {@link KitSetup}, part by named part.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final ScannerAdapter adapter;
        private final List<KitSample> samples = new ArrayList<>();
        private final List<KitTemplate> templates = new ArrayList<>();
        private final Map<KitCheck, String> notApplicable = new EnumMap<>(KitCheck.class);
        private EntryFrame frame;
        private boolean readsEmptyDocuments;
        private ToIntFunction<ScanReport> entriesCountedBy =
                report -> report.counts().entries();
        private String numbersWhereTextBelong;

        private Builder(ScannerAdapter adapter) {
            this.adapter = adapter;
        }

        /**
         * Adds a report the adapter reads whole; give at least one, and one with raw entries if the
         * format has them (the sample depth limit runs on samples with entries).
         *
         * @param sample the sample, with its {@link KitSample#entries(int) entries}
         * @return this builder
         */
        public Builder sample(KitSample sample) {
            samples.add(Objects.requireNonNull(sample, "sample"));
            return this;
        }

        /**
         * Adds a template, one per format (or layout) the adapter reads.
         *
         * @param template the template, with its entries and pointers
         * @return this builder
         */
        public Builder template(KitTemplate template) {
            templates.add(Objects.requireNonNull(template, "template"));
            return this;
        }

        /**
         * Sets the report that the adapter's own format rows write their entries in, read with
         * {@link ScannerAdapterKit#readEntries(String)} and {@link ScannerAdapterKit#readDocument(String)}.
         *
         * @param value the frame
         * @return this builder
         */
        public Builder frame(EntryFrame value) {
            this.frame = Objects.requireNonNull(value, "frame");
            return this;
        }

        /**
         * Says that an empty document (no bytes, or white space only) is a document of the
         * adapter's format, with no entries, rather than garbage: an empty ignore file ignores
         * nothing. The garbage check then reads the empty inputs instead of expecting them to be
         * refused.
         *
         * @return this builder
         */
        public Builder readsEmptyDocuments() {
            this.readsEmptyDocuments = true;
            return this;
        }

        /**
         * Says what the entries of a template count in a report, when it is not its raw entries,
         * {@code counts().entries()}: an inventory has no raw entries, so an adapter of inventories
         * counts what its templates hold, such as {@code report.components().size()}, and applies
         * {@code ReadLimits.maxEntries()} to them. A sample's entries stay its raw entries, 0 for
         * an inventory.
         *
         * @param count what the templates' entries are compared with
         * @return this builder
         */
        public Builder entriesCountedBy(ToIntFunction<ScanReport> count) {
            this.entriesCountedBy = Objects.requireNonNull(count, "count");
            return this;
        }

        /**
         * Gives one entry of the format, to stand alone in the {@link #frame(EntryFrame) frame},
         * whose package name is the JSON number {@code 42}, its version the number {@code 1.5},
         * its severity the number {@code 3} and its CVSS score the string {@code "7.5"}: text
         * written as numbers, and a number written as text. Give it when the format has these four
         * fields; otherwise opt out of {@link KitCheck#NUMBERS_WHERE_TEXT_BELONGS} with the reason.
         *
         * @param entry the entry, as written in the format
         * @return this builder
         */
        public Builder numbersWhereTextBelong(String entry) {
            this.numbersWhereTextBelong = Objects.requireNonNull(entry, "entry");
            return this;
        }

        /**
         * Says that a check cannot apply to the adapter, or to any of its samples or templates,
         * and why: it is reported as skipped with the reason. Test what it would have tested in the
         * adapter's own way.
         *
         * @param check the check
         * @param reason why it cannot apply, for the reader of the test report
         * @return this builder
         */
        public Builder without(KitCheck check, String reason) {
            Map<KitCheck, String> added = optOut(notApplicable, check, check.scope(), reason);
            notApplicable.clear();
            notApplicable.putAll(added);
            return this;
        }

        /**
         * The setup.
         *
         * @return the setup
         * @throws IllegalStateException if a sample or template lacks a part, no sample holds
         *     entries, or the numbers row has neither its entry and a frame nor an opt-out
         */
        public KitSetup build() {
            samples.forEach(KitSample::requireEntries);
            templates.forEach(KitTemplate::requireComplete);
            if (samples.isEmpty()) {
                throw new IllegalStateException(adapter.id() + ": give at least one sample");
            }
            if (templates.isEmpty()) {
                throw new IllegalStateException(adapter.id() + ": give at least one template");
            }
            if (numbersWhereTextBelong == null && !notApplicable.containsKey(KitCheck.NUMBERS_WHERE_TEXT_BELONGS)) {
                throw new IllegalStateException(adapter.id()
                        + ": give numbersWhereTextBelong(entry), or say why the format has no such entry with"
                        + " without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, reason)");
            }
            if (numbersWhereTextBelong != null && frame == null) {
                throw new IllegalStateException(adapter.id() + ": numbersWhereTextBelong needs a frame(...)");
            }
            return new KitSetup(this);
        }
    }
}
