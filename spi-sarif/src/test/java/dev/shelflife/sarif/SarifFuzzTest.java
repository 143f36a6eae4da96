package dev.shelflife.sarif;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the SARIF adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code SarifFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class SarifFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new SarifScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                SarifFuzzTest.class,
                List.of(
                        "trivy-image.sarif.json",
                        "trivy-template-0.15.sarif.json",
                        "trivy-targeted.sarif.json",
                        "grype-image.sarif.json",
                        "grype-0.63.sarif.json"),
                "sarif");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
