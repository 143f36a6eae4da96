package dev.shelflife.ignore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.FuzzTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the three readers of ignore files: any bytes end in a report or a located exception. In a
 * build, the seeds and the regression inputs in {@code IgnoreFuzzTestInputs} run once each;
 * {@code scripts/fuzz} fuzzes for real and keeps what it finds there.
 */
class IgnoreFuzzTest {

    /** The fuzz target names its input {@code fuzz.json}; each reader is chosen by its file name instead. */
    private record Named2(ScannerAdapter adapter, String name) implements ScannerAdapter {
        @Override
        public String id() {
            return adapter.id();
        }

        @Override
        public Detection detect(ReportSource source) {
            return adapter.detect(renamed(source));
        }

        @Override
        public ScanReport read(ReportSource source) {
            return adapter.read(renamed(source));
        }

        private ReportSource renamed(ReportSource source) {
            return ReportSource.of(name, source::open).withLimits(source.limits());
        }
    }

    private static final FuzzTarget TEXT = FuzzTarget.of(new Named2(new TrivyIgnoreAdapter(), ".trivyignore"));
    private static final FuzzTarget YAML = FuzzTarget.of(new Named2(new TrivyIgnoreAdapter(), ".trivyignore.yaml"));
    private static final FuzzTarget GRYPE = FuzzTarget.of(new Named2(new GrypeIgnoreAdapter(), ".grype.yaml"));

    static Stream<Named<byte[]>> seeds() {
        return FuzzTarget.seeds(
                IgnoreFuzzTest.class,
                List.of("two-rules.trivyignore", "two-rules.trivyignore.yaml", "two-rules.grype.yaml"),
                "trivyignore",
                "grype-config");
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesAsATrivyignoreIntoAReportOrALocatedException(byte[] input) {
        TEXT.accept(input);
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesAsATrivyignoreYamlIntoAReportOrALocatedException(byte[] input) {
        YAML.accept(input);
    }

    @MethodSource("seeds")
    @FuzzTest
    void readsAnyBytesAsAGrypeConfigurationIntoAReportOrALocatedException(byte[] input) {
        GRYPE.accept(input);
    }
}
