package dev.shelflife.openvex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the OpenVEX adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code OpenVexFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class OpenVexFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new OpenVexScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                OpenVexFuzzTest.class,
                List.of("v0.2.0-image-and-module.openvex.json", "v0.0.1-string-products.vex.json"),
                "openvex");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
