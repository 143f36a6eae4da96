package dev.shelflife.aws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes both AWS adapters: any bytes end in a report or a located exception. In a build, the seeds
 * and the regression inputs in {@code AwsFuzzTestInputs} run once each; {@code scripts/fuzz} fuzzes
 * for real and keeps what it finds there.
 */
class AwsFuzzTest {

    private static final FuzzTarget INSPECTOR = FuzzTarget.of(new InspectorScannerAdapter());
    private static final FuzzTarget SECURITY_HUB = FuzzTarget.of(new SecurityHubScannerAdapter());

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(AwsFuzzTest.class, List.of("inspector-ecr.json", "asff-ecr.json"), "aws");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
        INSPECTOR.accept(input);
        SECURITY_HUB.accept(input);
    }
}
