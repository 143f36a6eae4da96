package dev.shelflife.trivy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Trivy Operator adapter, JSON and YAML: any bytes end in a report or a located
 * exception. In a build, the seeds and the regression inputs in {@code TrivyOperatorFuzzTestInputs}
 * run once each; {@code scripts/fuzz} fuzzes for real and keeps what it finds there.
 */
class TrivyOperatorFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new TrivyOperatorScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                TrivyOperatorFuzzTest.class, List.of("operator-report.json", "operator-list.yaml"), "trivy-operator");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
