package dev.shelflife.cyclonedx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the CycloneDX adapter, JSON and XML: any bytes end in a report or a located exception.
 * In a build, the seeds and the regression inputs in {@code CycloneDxFuzzTestInputs} run once each;
 * {@code scripts/fuzz} fuzzes for real and keeps what it finds there.
 */
class CycloneDxFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new CycloneDxScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                CycloneDxFuzzTest.class,
                List.of(
                        "vdr-openssl-image.json",
                        "vex-log4j.json",
                        "sbom-syft-image.xml",
                        "vdr-jackson-databind.xml",
                        "vulnext-1.2.xml"),
                "cyclonedx");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
