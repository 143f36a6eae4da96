package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Problem;
import dev.shelflife.ReportParseException;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bad-input matrix on {@code .trivyignore.yaml}, and the YAML it refuses where it stands. */
class TrivyIgnoreYamlBadInputMatrixTest extends BadInputMatrix {

    TrivyIgnoreYamlBadInputMatrixTest() {
        super(new TrivyIgnoreAdapter(), EntryFrame.of("frame.trivyignore.yaml", "vulnerabilities:\n", ""));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.yaml(
                "matrix.trivyignore.yaml", """
                {$TOP$vulnerabilities: [
                  {$ENTRY$id: CVE-2024-0001, statement: "musl$TEXT$", expired_at: 2030-01-01},
                  {id: CVE-2024-0002, paths: ["**/package-lock.json"]}],
                 misconfigurations: [{id: AVD-DS-0002}]}
                """, 3, "", "/vulnerabilities/0", "/vulnerabilities/0/statement"));
    }

    @Override
    protected Map<String, String> rowsThatDoNotApply() {
        return Map.of(
                "endsATruncationAtEveryByteInALocatedException",
                "an empty YAML document is an empty ignore file, which is valid; every cut after the first byte is"
                        + " checked in TrivyIgnoreAdapterTest");
    }

    @Test
    void refusesAnchorsAliasesTagsMergeKeysAndDuplicateKeysWhereTheyStand() {
        assertThatThrownBy(() -> readEntries("  - &a {id: CVE-2024-0001}\n  - *a\n"))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("frame.trivyignore.yaml:2:5 (/vulnerabilities/0): YAML anchors (&a) are not allowed");
        assertThatThrownBy(() -> readEntries("  - id: !!str CVE-2024-0001\n"))
                .hasMessage(
                        "frame.trivyignore.yaml:2:9 (/vulnerabilities/0/id): YAML tags (tag:yaml.org,2002:str) are not allowed");
        assertThatThrownBy(() -> readEntries("  - {<<: {id: x}}\n"))
                .hasMessageContaining(
                        "frame.trivyignore.yaml:2:6 (/vulnerabilities/0/<<): YAML merge keys (<<) are not allowed");
        assertThatThrownBy(() -> readEntries("  - id: CVE-2024-0001\n    id: CVE-2024-0002\n"))
                .hasMessage(
                        "frame.trivyignore.yaml:3:5 (/vulnerabilities/0/id): duplicate key \"id\" (first at line 2, column 5)");
        assertThatThrownBy(() -> readDocument("vulnerabilities: []\n---\nvulnerabilities: []\n"))
                .hasMessageContaining("frame.trivyignore.yaml:2:1")
                .hasMessageContaining("a second document");
    }

    @Test
    void refusesADateThatIsNoDateAndAValueOfTheWrongKind() {
        assertThatThrownBy(() -> readEntries("  - id: CVE-2024-0001\n    expired_at: soon\n"))
                .hasMessage("frame.trivyignore.yaml:3:17 (/vulnerabilities/0/expired_at): malformed YAML value:"
                        + " expired_at \"soon\" is not a date (YYYY-MM-DD) or a date and time (RFC 3339)");
        assertThatThrownBy(() -> readEntries("  - id: [CVE-2024-0001]\n"))
                .hasMessage("frame.trivyignore.yaml:2:9 (/vulnerabilities/0/id): malformed YAML value: id must be a"
                        + " text, got a list");
        assertThatThrownBy(() -> readEntries("  - CVE-2024-0001\n"))
                .hasMessageStartingWith("frame.trivyignore.yaml:2:5 (/vulnerabilities/0): malformed YAML value:");
    }

    @Test
    void skipsAnEntryThatNamesNothingOrABadPatternAndRecordsUnknownKeys() {
        var report = readEntries("  - statement: everything\n  - id: CVE-2024-0001\n    paths: [\"a/[b\"]\n"
                + "  - id: CVE-2024-0002\n    reason: typo of statement\n");

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.ignoreRules())
                .extracting(r -> r.vulnerability().orElseThrow())
                .containsExactly("CVE-2024-0002");
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.SKIPPED_ENTRY, 2L),
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.SKIPPED_ENTRY, 4L),
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.IGNORED_VALUE, 6L));
    }
}
