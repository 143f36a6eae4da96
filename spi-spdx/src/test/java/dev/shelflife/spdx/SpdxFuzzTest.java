package dev.shelflife.spdx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the SPDX adapter, JSON and tag-value alike: any bytes end in a report or a located
 * exception. In a build, the seeds and the regression inputs in {@code SpdxFuzzTestInputs} run once
 * each; {@code scripts/fuzz} fuzzes for real and keeps what it finds there.
 */
class SpdxFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new SpdxScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                SpdxFuzzTest.class, List.of("trivy-image.spdx.json", "alpine.spdx", "image.spdx3.json"), "spdx");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
