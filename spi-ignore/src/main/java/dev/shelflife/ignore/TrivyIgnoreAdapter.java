package dev.shelflife.ignore;

import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.ignore.YamlTree.Entry;
import dev.shelflife.ignore.YamlTree.Mapping;
import dev.shelflife.ignore.YamlTree.Node;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Trivy's ignore files, {@code .trivyignore} and {@code .trivyignore.yaml}, into
 * {@linkplain dev.shelflife.EvidenceKind#ASSESSMENT assessments} whose
 * {@linkplain ScanReport#ignoreRules() rules} the policy engine imports as waivers.
 *
 * <p>A file is read as YAML when its name ends in {@code .yaml} or {@code .yml}, as Trivy decides,
 * and as the plain format otherwise (a name that ends in {@code .json}, and a file of another
 * name that is a YAML mapping with one of the format's four lists, are read as YAML too). Only vulnerability entries become rules; misconfiguration,
 * secret and licence entries, and ids of a plain file that name no vulnerability, are skipped as
 * problems, and every entry is counted. {@code docs/adapters/trivyignore.md} says what is read and
 * what is not.
 *
 * <p>Recognised by name: {@code .trivyignore}, {@code NAME.trivyignore}, {@code .trivyignore.yaml}
 * and {@code .yml}, {@code NAME.trivyignore.yaml}; such a file may be empty or hold only comments,
 * and is still one. A YAML document of another name is claimed only when its structure shows the
 * format unmistakably: nothing but Trivy's four lists at the top, entries with only Trivy's keys,
 * and a list besides {@code vulnerabilities} or an entry key besides {@code id}. Found by
 * {@link java.util.ServiceLoader} under the id {@code trivyignore}; stateless and thread-safe.
 *
 * @since 0.2
 */
public final class TrivyIgnoreAdapter implements ScannerAdapter {

    /** The adapter's id. */
    static final String ID = "trivyignore";

    static final ScannerTool SCANNER = ScannerTool.of("Trivy", null);

    /** The name {@link dev.shelflife.json.FormatKeys} gives this format's own top-level keys. */
    static final String OWN_KEYS = ".trivyignore.yaml";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public TrivyIgnoreAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code trivyignore}
     */
    @Override
    public String id() {
        return ID;
    }

    /**
     * A name for messages.
     *
     * @return {@code Trivy ignore file}
     */
    @Override
    public String displayName() {
        return "Trivy ignore file";
    }

    /**
     * Recognises a Trivy ignore file by its name, or a YAML one of another name by its structure.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        Objects.requireNonNull(source, "source");
        String name = source.name();
        if (IgnoreFiles.isTrivyIgnoreYaml(name)) {
            Optional<String> foreign = IgnoreFiles.look(source)
                    .flatMap(n -> n instanceof Mapping m ? IgnoreFiles.foreignKey(m, OWN_KEYS) : Optional.empty());
            if (foreign.isPresent()) {
                return Detection.of(
                        0.2, TrivyIgnoreYaml.FORMAT, "named like a .trivyignore.yaml, but it has " + foreign.get());
            }
            return Detection.certain(TrivyIgnoreYaml.FORMAT, null, "a file named like Trivy's .trivyignore.yaml");
        }
        if (IgnoreFiles.isTrivyIgnoreText(name)) {
            Optional<Character> first = IgnoreFiles.firstSignificant(source);
            if (first.isPresent() && "{[<".indexOf(first.get()) >= 0) {
                return Detection.of(
                        0.2,
                        TrivyIgnoreText.FORMAT,
                        "named like a .trivyignore, but it starts with \"" + first.get() + "\"");
            }
            return Detection.certain(TrivyIgnoreText.FORMAT, null, "a file named like Trivy's .trivyignore");
        }
        Optional<Node> tree = IgnoreFiles.look(source);
        if (tree.isPresent() && tree.get() instanceof Mapping top && isTrivyIgnoreYaml(top)) {
            return Detection.of(
                    0.9,
                    TrivyIgnoreYaml.FORMAT,
                    "a YAML mapping of Trivy's ignore lists (vulnerabilities, misconfigurations, secrets, licenses)");
        }
        return Detection.none(
                TrivyIgnoreText.FORMAT,
                "not named .trivyignore or .trivyignore.yaml, nor a mapping of Trivy's ignore lists");
    }

    /** Nothing but Trivy's lists, entries with only Trivy's keys, and more than a bare list of ids. */
    private static boolean isTrivyIgnoreYaml(Mapping top) {
        if (top.entries().isEmpty()
                || !TrivyIgnoreYaml.SECTIONS.keySet().containsAll(top.entries().keySet())) {
            return false;
        }
        boolean trivyOnly = top.entries().size() > 1 || !top.entries().containsKey(TrivyIgnoreYaml.VULNERABILITIES);
        for (Entry section : top.entries().values()) {
            if (!(section.value() instanceof YamlTree.Sequence entries)) {
                return false;
            }
            for (Node entry : entries.items()) {
                if (!(entry instanceof Mapping keys)
                        || !TrivyIgnoreYaml.ENTRY_KEYS.containsAll(
                                keys.entries().keySet())) {
                    return false;
                }
                trivyOnly |= keys.entries().keySet().stream().anyMatch(k -> !k.equals("id"));
            }
        }
        return trivyOnly;
    }

    /**
     * Reads a Trivy ignore file.
     *
     * @param source the input
     * @return an assessment whose rules are the file's vulnerability entries, every entry accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException if it is another kind of document
     */
    @Override
    public ScanReport read(ReportSource source) {
        Objects.requireNonNull(source, "source");
        return isYaml(source) ? TrivyIgnoreYaml.read(source) : TrivyIgnoreText.read(source);
    }

    private static boolean isYaml(ReportSource source) {
        String name = source.name().toLowerCase(Locale.ROOT);
        if (IgnoreFiles.isYaml(name) || name.endsWith(".json")) {
            return true;
        }
        if (IgnoreFiles.isTrivyIgnoreText(name)) {
            return false;
        }
        return IgnoreFiles.look(source)
                .filter(tree -> tree instanceof Mapping m
                        && m.entries().keySet().stream().anyMatch(TrivyIgnoreYaml.SECTIONS::containsKey))
                .isPresent();
    }
}
