package dev.shelflife.trivy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Trivy adapter: any bytes end in a report or a located exception. In a build, the
 * seeds and the regression inputs in {@code TrivyFuzzTestInputs} run once each; {@code scripts/fuzz}
 * fuzzes for real and keeps what it finds there.
 */
class TrivyFuzzTest {

    private static final FuzzTarget TARGET = FuzzTarget.of(new TrivyScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                TrivyFuzzTest.class, List.of("legacy-array.json", "schema2-image.json", "k8s-resources.json"), "trivy");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        TARGET.accept(input);
    }
}
