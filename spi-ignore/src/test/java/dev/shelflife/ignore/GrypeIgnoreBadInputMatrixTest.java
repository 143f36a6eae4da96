package dev.shelflife.ignore;

import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Map;

/** The bad-input matrix on the ignore rules of a Grype configuration. */
class GrypeIgnoreBadInputMatrixTest extends BadInputMatrix {

    GrypeIgnoreBadInputMatrixTest() {
        super(new GrypeIgnoreAdapter(), EntryFrame.of("frame.grype.yaml", "ignore:\n", ""));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.yaml("matrix.grype.yaml", """
                {$TOP$ignore: [
                  {$ENTRY$vulnerability: CVE-2024-0001, reason: "musl$TEXT$"},
                  {vulnerability: CVE-2024-0002, package: {name: busybox, type: apk}}],
                 output: json}
                """, 2, "", "/ignore/0", "/ignore/0/reason"));
    }

    @Override
    protected Map<String, String> rowsThatDoNotApply() {
        return Map.of(
                "endsATruncationAtEveryByteInALocatedException",
                "an empty YAML document is an empty configuration, which is valid; every cut after the first byte"
                        + " is checked in GrypeIgnoreAdapterTest");
    }
}
