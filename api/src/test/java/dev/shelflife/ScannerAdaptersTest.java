package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerAdaptersTest {

    private static final ReportSource SOURCE = ReportSource.of("input.json", "{}".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path classPathRoot;

    @Test
    void findsTheAdaptersListedInServiceFiles() throws IOException {
        ScannerAdapters adapters = ScannerAdapters.load(loaderListing(BetaAdapter.class, AlphaAdapter.class));

        assertThat(adapters.all()).extracting(ScannerAdapter::id).containsExactly("alpha", "beta");
        assertThat(adapters.find("beta")).containsInstanceOf(BetaAdapter.class);
        assertThat(adapters.find("gamma")).isEmpty();
    }

    @Test
    void stopsDiscoveryOnADuplicateIdNamingBothClasses() throws IOException {
        ClassLoader loader = loaderListing(AlphaAdapter.class, BetaAdapter.class, OtherAlphaAdapter.class);

        assertThatThrownBy(() -> ScannerAdapters.load(loader))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessage("two scanner adapters have the id \"alpha\": " + AlphaAdapter.class.getName() + " and "
                        + OtherAlphaAdapter.class.getName());
    }

    @Test
    void stopsOnADuplicateIdAmongAdaptersWiredByHand() {
        assertThatThrownBy(() -> ScannerAdapters.of(List.of(new OtherAlphaAdapter(), new AlphaAdapter())))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessageContaining(OtherAlphaAdapter.class.getName())
                .hasMessageContaining(AlphaAdapter.class.getName());
    }

    @Test
    void reportsAnAdapterThatCannotBeInstantiated() throws IOException {
        ClassLoader loader = loaderListing(BrokenAdapter.class);

        assertThatThrownBy(() -> ScannerAdapters.load(loader))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessageStartingWith("cannot load a scanner adapter: ")
                .hasMessageContaining(BrokenAdapter.class.getName());
    }

    @Test
    void rejectsAnAdapterWithoutAnId() {
        assertThatThrownBy(() -> ScannerAdapters.of(List.of(new TestAdapter(null, 1.0))))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining(TestAdapter.class.getName());
    }

    @Test
    void requireListsTheInstalledIds() {
        ScannerAdapters adapters = ScannerAdapters.of(List.of(new BetaAdapter(), new AlphaAdapter()));

        assertThat(adapters.require("alpha")).isInstanceOf(AlphaAdapter.class);
        assertThatThrownBy(() -> adapters.require("trivy"))
                .isInstanceOf(ShelfLifeException.class)
                .hasMessage("no scanner adapter \"trivy\" is installed (installed: alpha, beta)");
    }

    @Test
    void detectsTheOneAdapterThatClaimsTheInput() {
        ScannerAdapters adapters = ScannerAdapters.of(List.of(
                new TestAdapter("near", Detection.MATCH - 0.01),
                new TestAdapter("sure", 0.95),
                new TestAdapter("no", 0.0)));

        ScannerAdapters.Detected detected = adapters.detect(SOURCE);

        assertThat(detected.adapter().id()).isEqualTo("sure");
        assertThat(detected.detection().confidence()).isEqualTo(0.95);
    }

    @Test
    void readsWithTheDetectedAdapter() {
        ScannerAdapters adapters =
                ScannerAdapters.of(List.of(new TestAdapter("low", 0.3), new TestAdapter("high", 0.9)));

        assertThat(adapters.read(SOURCE).format().adapterId()).isEqualTo("high");
    }

    @Test
    void refusesToChooseBetweenTwoClaimsWhateverTheirConfidence() {
        ScannerAdapters adapters = ScannerAdapters.of(List.of(
                new TestAdapter("weak", Detection.MATCH), new TestAdapter("sure", 1.0), new TestAdapter("no", 0.2)));

        assertThatThrownBy(() -> adapters.read(SOURCE))
                .isInstanceOfSatisfying(AmbiguousReportException.class, e -> {
                    assertThat(e.adapterIds()).containsExactly("sure", "weak");
                    assertThat(e.location()).isEqualTo(ReportLocation.of("input.json"));
                })
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage("input.json (/): ambiguous report: 2 adapters claim it: sure (sure saw 1.0), weak (weak saw"
                        + " 0.5); say which format it is with --format sure or --format weak (in Java:"
                        + " ScannerAdapters.require(\"sure\").read(source))");
    }

    @Test
    void namesEveryClaimOfAnAmbiguousInputInTheSameOrderWhateverTheOrderOfDiscovery() {
        List<TestAdapter> adapters =
                List.of(new TestAdapter("c", 0.9), new TestAdapter("a", 0.9), new TestAdapter("b", 0.6));

        assertThatThrownBy(() -> ScannerAdapters.of(adapters).detect(SOURCE))
                .isInstanceOfSatisfying(
                        AmbiguousReportException.class,
                        e -> assertThat(e.adapterIds()).containsExactly("a", "c", "b"));
        assertThatThrownBy(() -> ScannerAdapters.of(List.of(adapters.get(2), adapters.get(1), adapters.get(0)))
                        .detect(SOURCE))
                .isInstanceOfSatisfying(
                        AmbiguousReportException.class,
                        e -> assertThat(e.adapterIds()).containsExactly("a", "c", "b"));
    }

    @Test
    void readsAnAmbiguousInputWithTheAdapterTheCallerNames() {
        ScannerAdapters adapters =
                ScannerAdapters.of(List.of(new TestAdapter("one", 1.0), new TestAdapter("two", 1.0)));

        assertThat(adapters.require("two").read(SOURCE).format().adapterId()).isEqualTo("two");
    }

    @Test
    void namesTheClosestCandidateWhenNothingClaimsTheInput() {
        ScannerAdapters adapters = ScannerAdapters.of(
                List.of(new TestAdapter("far", 0.1), new TestAdapter("near", 0.4), new TestAdapter("nowhere", 0.0)));

        assertThatThrownBy(() -> adapters.detect(SOURCE))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage("input.json (/): not a report any installed adapter understands (closest: near, "
                        + "near saw 0.4; installed: far, near, nowhere)");
    }

    @Test
    void saysSoWhenNoAdapterIsInstalled() {
        assertThatThrownBy(() -> ScannerAdapters.of(List.of()).read(SOURCE))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage("input.json (/): no scanner adapter is installed");
    }

    private ClassLoader loaderListing(Class<?>... adapters) throws IOException {
        Path services = classPathRoot.resolve("META-INF/services/" + ScannerAdapter.class.getName());
        Files.createDirectories(services.getParent());
        StringBuilder lines = new StringBuilder("# test adapters\n");
        for (Class<?> adapter : adapters) {
            lines.append(adapter.getName()).append('\n');
        }
        Files.writeString(services, lines);
        return new URLClassLoader(
                new URL[] {classPathRoot.toUri().toURL()}, getClass().getClassLoader());
    }

    /** An adapter that claims every input with a fixed confidence and reads it as an empty report. */
    static class TestAdapter implements ScannerAdapter {
        private final String id;
        private final double confidence;

        TestAdapter(String id, double confidence) {
            this.id = id;
            this.confidence = confidence;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Detection detect(ReportSource source) {
            return Detection.of(confidence, id + "-json", id + " saw " + confidence);
        }

        @Override
        public ScanReport read(ReportSource source) {
            return ScanReport.builder(
                            EvidenceKind.SCAN, ReportFormat.of(id, id + "-json", "1"), ScannerTool.of(id, "1.0"))
                    .build();
        }
    }

    public static final class AlphaAdapter extends TestAdapter {
        public AlphaAdapter() {
            super("alpha", 0.9);
        }
    }

    public static final class OtherAlphaAdapter extends TestAdapter {
        public OtherAlphaAdapter() {
            super("alpha", 0.2);
        }
    }

    public static final class BetaAdapter extends TestAdapter {
        public BetaAdapter() {
            super("beta", 0.3);
        }
    }

    public static final class BrokenAdapter extends TestAdapter {
        public BrokenAdapter() {
            super("broken", 1.0);
            throw new IllegalStateException("cannot start");
        }
    }
}
