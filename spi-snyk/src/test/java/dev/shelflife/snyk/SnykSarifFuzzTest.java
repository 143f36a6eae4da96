package dev.shelflife.snyk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Snyk SARIF adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code SnykSarifFuzzTestInputs} run once each;
 * {@code scripts/fuzz} fuzzes for real and keeps what it finds there.
 */
class SnykSarifFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new SnykSarifScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                SnykSarifFuzzTest.class, List.of("container.sarif.json", "open-source.sarif.json"), "snyk");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
