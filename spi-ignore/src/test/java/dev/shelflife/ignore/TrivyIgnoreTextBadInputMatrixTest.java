package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bad-input matrix on the plain {@code .trivyignore}, a format of lines. */
class TrivyIgnoreTextBadInputMatrixTest extends BadInputMatrix {

    TrivyIgnoreTextBadInputMatrixTest() {
        super(new TrivyIgnoreAdapter(), EntryFrame.of("frame.trivyignore", "# vulnerabilities\n", ""));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.text("matrix.trivyignore", """
                # vulnerabilities
                CVE-2024-0001$ENTRY$ exp:2030-01-01 note:musl$TEXT$
                CVE-2024-0002$TOP$
                """, 2, ""));
    }

    @Override
    protected Map<String, String> rowsThatDoNotApply() {
        return Map.of(
                "endsATruncationAtEveryByteInALocatedException",
                        "a .trivyignore cut at any byte is a shorter .trivyignore, as Trivy reads it: its last line"
                                + " is the fields before the cut (TrivyIgnoreAdapterTest reads cut files)",
                "endsTrailingContentInALocatedExceptionAtItsLine",
                        "every line of a .trivyignore is an entry or a comment: nothing trails it",
                "endsDeepNestingInUnknownFieldsAtTheDepthLimit", "nothing nests in a .trivyignore",
                "enforcesAndNamesTheDepthLimit", "nothing nests in a .trivyignore");
    }

    @Test
    void readsAnIdWithItsExpiryAndRecordsTheFieldsItDoesNotRead() {
        var report = readEntries("CVE-2024-0001 exp:2030-01-01 exp:2031-01-01 owner:me # a comment exp:2032-01-01\n");

        assertThat(report.ignoreRules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("frame.trivyignore:2");
            assertThat(rule.expires())
                    .hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo("2030-01-01T00:00:00Z"));
        });
        assertThat(report.problems())
                .extracting(p -> p.message().substring(0, 24), p -> p.location().column())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a second expiry \"exp:203", 30L),
                        org.assertj.core.groups.Tuple.tuple("field \"owner:me\" of CVE-", 45L));
    }
}
