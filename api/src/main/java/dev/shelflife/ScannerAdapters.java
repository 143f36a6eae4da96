package dev.shelflife;

import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The installed scanner adapters, and format detection across them.
 *
 * <p>{@link #load()} finds adapters with {@link ServiceLoader}; two adapters with one id stop
 * discovery with both class names. {@link #detect(ReportSource)} asks every adapter: exactly one
 * claim picks the adapter; none is an error that names the closest candidate; two or more are an
 * error too, an {@link AmbiguousReportException} that names every claim, since reading a report
 * as the wrong format can read it as an empty one. A caller who knows the format skips detection
 * with {@link #require(String)}.
 *
 * <pre>{@code
 * ScanReport report = ScannerAdapters.load().read(ReportSource.of(Path.of("trivy.json")));
 * }</pre>
 *
 * @since 0.1
 */
public final class ScannerAdapters {

    private final Map<String, ScannerAdapter> byId;

    private ScannerAdapters(Map<String, ScannerAdapter> byId) {
        this.byId = byId;
    }

    /**
     * The adapters visible to the thread's context class loader (or to the module layer).
     *
     * @return the registry
     * @throws ShelfLifeException if two adapters share an id or one cannot be instantiated
     */
    public static ScannerAdapters load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : ScannerAdapters.class.getClassLoader());
    }

    /**
     * The adapters visible to a class loader.
     *
     * @param loader where to look
     * @return the registry
     * @throws ShelfLifeException if two adapters share an id or one cannot be instantiated
     */
    public static ScannerAdapters load(ClassLoader loader) {
        List<ScannerAdapter> found = new ArrayList<>();
        try {
            ServiceLoader.load(ScannerAdapter.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new ShelfLifeException("cannot load a scanner adapter: " + e.getMessage(), e);
        }
        return of(found);
    }

    /**
     * A registry of the given adapters, for callers that wire adapters by hand.
     *
     * @param adapters the adapters
     * @return the registry
     * @throws ShelfLifeException if two adapters share an id
     */
    public static ScannerAdapters of(List<? extends ScannerAdapter> adapters) {
        Map<String, ScannerAdapter> byId = new LinkedHashMap<>();
        for (ScannerAdapter adapter : adapters) {
            String id = Objects.requireNonNull(
                    adapter.id(), () -> adapter.getClass().getName() + ".id()");
            ScannerAdapter previous = byId.putIfAbsent(id, adapter);
            if (previous != null) {
                throw new ShelfLifeException("two scanner adapters have the id \"" + id + "\": "
                        + previous.getClass().getName() + " and "
                        + adapter.getClass().getName());
            }
        }
        return new ScannerAdapters(Map.copyOf(byId));
    }

    /**
     * Every installed adapter, ordered by id.
     *
     * @return the adapters
     */
    public List<ScannerAdapter> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(ScannerAdapter::id))
                .toList();
    }

    /**
     * The adapter with an id.
     *
     * @param id the id
     * @return the adapter, or empty
     */
    public Optional<ScannerAdapter> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The adapter with an id, or an error that lists the installed ones.
     *
     * @param id the id
     * @return the adapter
     * @throws ShelfLifeException if no adapter has that id
     */
    public ScannerAdapter require(String id) {
        return find(id).orElseThrow(() -> new ShelfLifeException(
                "no scanner adapter \"" + id + "\" is installed (installed: " + String.join(", ", ids()) + ")"));
    }

    /**
     * Detects which adapter reads the input: the one adapter whose detection claims it
     * ({@link Detection#isMatch()}).
     *
     * <p>A claim is a decision, so two claims are not settled by confidence or by name: when a
     * document shows the keys of two formats (a Grype report that also carries Trivy's
     * {@code SchemaVersion} and {@code Results}), reading it as either could read the other's
     * entries as nothing found. The caller says which format it is instead, with
     * {@link #require(String)}.
     *
     * @param source the input
     * @return the adapter that claims the input, and its detection
     * @throws AmbiguousReportException if two or more adapters claim the input; the message names
     *     each, what it saw, and how to choose
     * @throws UnsupportedReportException if no adapter claims the input; the message names the
     *     closest candidate and what it saw
     */
    public Detected detect(ReportSource source) {
        List<Detected> answers = new ArrayList<>();
        for (ScannerAdapter adapter : all()) {
            answers.add(new Detected(adapter, adapter.detect(source)));
        }
        // Sorted by confidence, then id, so that messages do not depend on the order of discovery.
        answers.sort(Comparator.comparingDouble((Detected d) -> d.detection().confidence())
                .reversed()
                .thenComparing(d -> d.adapter().id()));
        if (answers.isEmpty()) {
            throw new UnsupportedReportException(ReportLocation.of(source.name()), "no scanner adapter is installed");
        }
        List<Detected> claims =
                answers.stream().filter(d -> d.detection().isMatch()).toList();
        if (claims.size() > 1) {
            throw ambiguous(source, claims);
        }
        Detected best = answers.get(0);
        if (!best.detection().isMatch()) {
            throw new UnsupportedReportException(
                    ReportLocation.of(source.name()),
                    "not a report any installed adapter understands (closest: "
                            + best.adapter().id() + ", " + best.detection().reason() + "; installed: "
                            + String.join(", ", ids()) + ")");
        }
        return best;
    }

    private static AmbiguousReportException ambiguous(ReportSource source, List<Detected> claims) {
        List<String> ids = claims.stream().map(d -> d.adapter().id()).toList();
        String each = claims.stream()
                .map(d -> d.adapter().id() + " (" + d.detection().reason() + ")")
                .collect(Collectors.joining(", "));
        String first = ids.get(0);
        return new AmbiguousReportException(
                ReportLocation.of(source.name()),
                ids,
                "ambiguous report: " + claims.size() + " adapters claim it: " + each
                        + "; say which format it is with --format "
                        + String.join(" or --format ", ids) + " (in Java: ScannerAdapters.require(\"" + first
                        + "\").read(source))");
    }

    /**
     * Detects the format and reads the report.
     *
     * @param source the input
     * @return the report
     * @throws AmbiguousReportException if two or more adapters claim the input
     * @throws ReportParseException if the input is not a report an installed adapter reads, or is malformed
     */
    public ScanReport read(ReportSource source) {
        return detect(source).adapter().read(source);
    }

    private List<String> ids() {
        return all().stream().map(ScannerAdapter::id).collect(Collectors.toList());
    }

    /**
     * An adapter together with its detection of an input.
     *
     * @param adapter the adapter
     * @param detection what it saw
     * @since 0.1
     */
    public record Detected(ScannerAdapter adapter, Detection detection) {

        /** Validates the parts. */
        public Detected {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(detection, "detection");
        }
    }
}
