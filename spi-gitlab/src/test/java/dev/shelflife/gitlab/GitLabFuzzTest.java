package dev.shelflife.gitlab;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the GitLab adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code GitLabFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class GitLabFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new GitLabScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                GitLabFuzzTest.class, List.of("v15-trivy-template.json", "v14-analyzer-no-scan.json"), "gitlab");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
