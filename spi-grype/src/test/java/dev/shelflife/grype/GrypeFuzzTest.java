package dev.shelflife.grype;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Grype adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code GrypeFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class GrypeFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new GrypeScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                GrypeFuzzTest.class,
                List.of("legacy-0.7-image.json", "modern-image-related-epss-kev.json", "directory-scan.json"),
                "grype");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
