package dev.shelflife.csaf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the CSAF adapter: any bytes end in a report or a located exception. In a build, the seeds
 * and the regression inputs in {@code CsafFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class CsafFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new CsafScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                CsafFuzzTest.class,
                List.of("vex-image-and-platform.csaf.json", "advisory-redhat-shape.csaf.json"),
                "csaf");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
