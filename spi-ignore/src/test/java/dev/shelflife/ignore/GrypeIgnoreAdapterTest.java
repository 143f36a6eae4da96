package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract kit on Grype's ignore rules, and how a rule's conditions are read. */
class GrypeIgnoreAdapterTest extends ScannerAdapterKit {

    private static final GrypeIgnoreAdapter ADAPTER = new GrypeIgnoreAdapter();

    GrypeIgnoreAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(KitSample.ofResource(GrypeIgnoreAdapterTest.class, "two-rules.grype.yaml")
                        .entries(2))
                .template(KitTemplate.yaml("matrix.grype.yaml", """
                {$TOP$ignore: [
                  {$ENTRY$vulnerability: CVE-2024-0001, reason: "musl$TEXT$"},
                  {vulnerability: CVE-2024-0002, package: {name: busybox, type: apk}}],
                 output: json}
                """)
                        .entries(2)
                        .entryAt("/ignore/0")
                        .textAt("/ignore/0/reason")
                        .without(
                                KitCheck.TRUNCATION,
                                "an empty YAML document is an empty configuration, which is valid; every cut after the first byte"
                                        + " is checked by endsEveryCutInARuleListOrALocatedError"))
                .frame(EntryFrame.of("frame.grype.yaml", "ignore:\n", ""))
                .readsEmptyDocuments()
                .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "an ignore rule carries no version, severity or score")
                .build());
    }

    private static ScanReport read(String text) {
        return ADAPTER.read(Sources.of(".grype.yaml", text));
    }

    @Test
    void readsEachConditionOfARule() {
        ScanReport report = ADAPTER.read(KitSample.ofResource(getClass(), "two-rules.grype.yaml")
                .entries(2)
                .source());

        assertThat(report.ignoreRules()).hasSize(2);
        assertThat(report.ignoreRules().get(0).reason()).hasValue("the vulnerable function is not called");
        assertThat(report.ignoreRules().get(1)).satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("two-rules.grype.yaml:5");
            assertThat(rule.fixState()).hasValue(FixState.WONT_FIX);
            assertThat(rule.packageName()).hasValue("linux-.*");
            assertThat(rule.packageType()).hasValue("deb");
            assertThat(rule.paths()).containsExactly("/usr/lib/**");
        });
        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("a rule of profile \"ci\" is not imported"));
    }

    @Test
    void writesGrypesPackageTypesAndLanguagesAsPackageUrlTypes() {
        ScanReport report = read("""
                ignore:
                  - package: {name: log4j-core, type: java-archive}
                  - package: {language: python}
                  - package: {language: python, type: python}
                  - package: {language: java, type: npm}
                  - package: {type: binary}
                """);

        assertThat(report.ignoreRules())
                .extracting(r -> r.packageType().orElseThrow())
                .containsExactly("maven", "pypi", "pypi", "binary");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.SKIPPED_ENTRY);
            assertThat(p.location().line()).isEqualTo(5);
        });
    }

    @Test
    void skipsARuleWithAConditionItCannotCheckRatherThanWideningIt() {
        ScanReport report = read("""
                ignore:
                  - vulnerability: CVE-2024-0001
                    namespace: debian:distro:debian:12
                  - package: {name: kernel-headers, upstream-name: kernel}
                    match-type: exact-indirect-match
                  - vex-status: not_affected
                    vex-justification: vulnerable_code_not_present
                  - fix-state: not-a-state
                  - reason: no condition at all
                  - vulnerability: CVE-2024-0002
                    include-aliases: true
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 0, 0, 1, 0, 5));
        assertThat(report.problems())
                .extracting(
                        p -> p.message().substring(0, Math.min(40, p.message().length())))
                .containsExactly(
                        "CVE-2024-0001 sets namespace, which Shel",
                        "a rule sets match-type, package.upstream",
                        "a rule sets vex-justification, which She",
                        "fix-state \"not-a-state\" of a rule is non",
                        "a rule that sets no condition: Grype app");
    }

    @Test
    void recordsTheSettingsThatChangeWhatGrypeIgnoresAndKeysItDoesNotKnow() {
        ScanReport report = read("""
                only-fixed: true
                only-notfixed: false
                output: [json]
                exclude: ["/usr/share/**"]
                ignore:
                  - vulnerability: CVE-2024-0001
                    vulnerabilty: typo
                colour: blue
                """);

        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().line())
                .containsExactly(
                        tuple(Problem.Kind.IGNORED_VALUE, 1L),
                        tuple(Problem.Kind.IGNORED_VALUE, 4L),
                        tuple(Problem.Kind.IGNORED_VALUE, 7L),
                        tuple(Problem.Kind.IGNORED_VALUE, 8L));
    }

    @Test
    void refusesWhatIsNoGrypeConfiguration() {
        assertThatThrownBy(() -> read("{\"matches\": [], \"descriptor\": {\"name\": \"grype\"}}"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(".grype.yaml:1:1 (/): not a Grype configuration: it has \"matches\", which Grype writes");
        assertThatThrownBy(() -> read("name: not a report\nvalues: [1]\n"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageEndingWith("it has no ignore rules, and \"values\" is not a key Grype reads");
        assertThatThrownBy(() -> read("- vulnerability: CVE-1\n"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageEndingWith("not a Grype configuration: the document is a list, not a mapping");
    }

    @Test
    void recognisesGrypesFileNamesAndAConfigurationWithRulesOfAnotherName() {
        for (String name : List.of(".grype.yaml", ".grype.yml", "app.grype.yaml", "repo/.grype/config.yaml")) {
            assertThat(ADAPTER.detect(Sources.of(name, "")).isMatch()).as(name).isTrue();
        }
        assertThat(ADAPTER.detect(Sources.of("config.yaml", "ignore:\n  - vulnerability: CVE-1\n"))
                        .isMatch())
                .isTrue();
        assertThat(ADAPTER.detect(Sources.of("config.yaml", "ignore:\n  - cve: CVE-1\n"))
                        .isMatch())
                .isFalse();
        assertThat(ADAPTER.detect(Sources.of("config.yaml", "output: json\n")).isMatch())
                .as("a configuration without rules of another name: nothing to claim it by")
                .isFalse();
    }

    @Test
    void endsEveryCutInARuleListOrALocatedError() {
        KitSample sample =
                KitSample.ofResource(getClass(), "two-rules.grype.yaml").entries(2);
        Sources.cutsRefused(ADAPTER, sample.name(), sample.bytes());
    }

    // The rows below depend on the format: they write entries in the kit's frame.

}
