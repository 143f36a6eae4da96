package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.ScanReport;
import dev.shelflife.feed.Feeds;
import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.output.VerdictJson;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.rule.SeverityGate;
import dev.shelflife.registry.BaseImageResolver;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.version.VersionScheme;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every exported package of ShelfLife declares its nullness: {@code @NullMarked}, so that what is
 * not {@code @Nullable} is non-null (VERSIONING.md, docs/decisions/jspecify-nullness.md). The
 * streams module, which the CLI does not depend on, is marked the same way.
 */
class NullMarkedPackagesTest {

    /** One type of each exported package the CLI's class path holds. */
    private static final List<Class<?>> EXPORTED = List.of(
            ScanReport.class,
            ScannerAdapter.class,
            JsonCursor.class,
            VersionScheme.class,
            Feeds.class,
            BaseImageResolver.class,
            PolicyEngine.class,
            SeverityGate.class,
            MergedFindings.class,
            VerdictJson.class,
            FleetPlan.class,
            Corpus.class,
            HistoryStore.class);

    @Test
    void everyExportedPackageIsNullMarked() {
        List<String> unmarked = EXPORTED.stream()
                .map(Class::getPackage)
                .filter(p -> !p.isAnnotationPresent(NullMarked.class))
                .map(Package::getName)
                .toList();

        assertThat(unmarked).isEmpty();
    }
}
