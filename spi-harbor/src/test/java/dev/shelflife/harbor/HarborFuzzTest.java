package dev.shelflife.harbor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Harbor adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code HarborFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class HarborFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new HarborScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(HarborFuzzTest.class, List.of("v1.1-wrapped.json", "v1.0-bare.json"), "harbor");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
