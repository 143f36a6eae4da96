package dev.shelflife.ignore;

import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.ignore.YamlTree.Mapping;
import dev.shelflife.ignore.YamlTree.Node;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the {@code ignore:} rules of a Grype configuration ({@code .grype.yaml}) into an
 * {@linkplain dev.shelflife.EvidenceKind#ASSESSMENT assessment} whose
 * {@linkplain ScanReport#ignoreRules() rules} the policy engine imports as waivers.
 *
 * <p>Each rule of the top-level {@code ignore:} is one entry; rules under {@code profiles:} apply
 * in Grype only when their profile is selected, and are recorded as problems, not imported.
 * {@code docs/adapters/grype-ignore.md} says what is read and what is not.
 *
 * <p>Recognised by name: {@code .grype.yaml}, {@code .grype.yml}, {@code NAME.grype.yaml} and
 * {@code .grype/config.yaml}; such a file may be empty or hold only comments, and is still one. A
 * YAML document of another name is claimed only when it is plainly a Grype configuration with
 * rules: every top-level key one Grype reads, and a non-empty {@code ignore:} list of rules with
 * only the keys of Grype's rules. Found by {@link java.util.ServiceLoader} under the id
 * {@code grype-ignore}; stateless and thread-safe.
 *
 * @since 0.2
 */
public final class GrypeIgnoreAdapter implements ScannerAdapter {

    /** The adapter's id. */
    static final String ID = "grype-ignore";

    static final ScannerTool SCANNER = ScannerTool.of("Grype", null);

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public GrypeIgnoreAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code grype-ignore}
     */
    @Override
    public String id() {
        return ID;
    }

    /**
     * A name for messages.
     *
     * @return {@code Grype configuration}
     */
    @Override
    public String displayName() {
        return "Grype configuration";
    }

    /**
     * Recognises a Grype configuration by its name, or one of another name with ignore rules by
     * its structure.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        Objects.requireNonNull(source, "source");
        Optional<Node> tree = IgnoreFiles.look(source);
        Optional<String> foreign =
                tree.flatMap(n -> n instanceof Mapping m ? IgnoreFiles.foreignKey(m, "") : Optional.empty());
        if (IgnoreFiles.isGrypeConfig(source.name())) {
            if (foreign.isPresent()) {
                return Detection.of(0.2, GrypeConfig.FORMAT, "named like a .grype.yaml, but it has " + foreign.get());
            }
            return Detection.certain(GrypeConfig.FORMAT, null, "a file named like Grype's .grype.yaml");
        }
        if (foreign.isEmpty()
                && tree.isPresent()
                && tree.get() instanceof Mapping top
                && GrypeConfig.hasIgnoreRules(top)) {
            return Detection.of(0.9, GrypeConfig.FORMAT, "a Grype configuration with ignore rules");
        }
        return Detection.none(GrypeConfig.FORMAT, "not named .grype.yaml, nor a Grype configuration with ignore rules");
    }

    /**
     * Reads the ignore rules of a Grype configuration.
     *
     * @param source the input
     * @return an assessment whose rules are the configuration's top-level ignore rules, every rule accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException if it is another kind of document
     */
    @Override
    public ScanReport read(ReportSource source) {
        return GrypeConfig.read(Objects.requireNonNull(source, "source"));
    }
}
