package dev.shelflife.cli;

import static dev.shelflife.cli.MainTest.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code shelflife evaluate} with the feeds and the registry that {@code plan}
 * takes, on the example fleet in {@code examples/fleet}: a gate in CI or in GitOps applies the
 * {@code kev} and {@code base-image-current} rules as the nightly plan does.
 */
class EvaluateFeedsAndRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FLEET = EXAMPLES.resolve("fleet");
    private static final String KEV =
            FLEET.resolve("feeds/known_exploited_vulnerabilities.json").toString();
    private static final String BASES = FLEET.resolve("bases.txt").toString();
    private static final String BILLING =
            FLEET.resolve("reports/billing-3.2.1.build.grype.json").toString();
    private static final String WORKER =
            FLEET.resolve("reports/shop-worker-1.6.0.nightly.trivy.json").toString();

    @TempDir
    Path temp;

    private Run evaluate(String stage, String at, String... rest) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(
                "evaluate",
                "--stage",
                stage,
                "--policy",
                FLEET.resolve("policy.yaml").toString(),
                "--at",
                at));
        arguments.addAll(List.of(rest));
        return MainTest.shelflife(temp, arguments.toArray(String[]::new));
    }

    @Test
    void blocksAKnownExploitedVulnerabilityPastItsDueDateOnlyWhenGivenTheCatalog() throws Exception {
        // CVE-2025-48384 in billing's git is due on 2025-09-15 in the example catalog.
        Run without = evaluate("deploy", "2025-09-17T00:00:00Z", BILLING);
        Run with = evaluate("deploy", "2025-09-17T00:00:00Z", "--kev", KEV, BILLING);

        // Both fail on the scan's age; only the catalog adds the KEV violation.
        assertThat(without.exitCode()).as(without.err()).isEqualTo(1);
        assertThat(without.out()).contains("2 violations, 1 blocking").doesNotContain("[kev ");
        assertThat(with.exitCode()).as(with.err()).isEqualTo(1);
        assertThat(with.out())
                .contains("3 violations, 2 blocking")
                .contains("[kev BLOCK] CVE-2025-48384 HIGH in git 1:2.39.5-0+deb12u2 is known exploited (cisa-kev,"
                        + " added 2025-08-25) and passed its KEV due date 2025-09-15 on 2025-09-16T00:00:00Z");
    }

    @Test
    void stillNamesAReportLeftOutByItsFileWhenTheFeedsAreApplied() throws Exception {
        Run run = evaluate("deploy", "2025-08-01T00:00:00Z", "--kev", KEV, "--output", "json", BILLING);

        JsonNode ignored = JSON.readTree(run.out()).path("ignoredEvidence");
        assertThat(ignored).hasSize(2);
        assertThat(ignored.get(0).path("file").asText()).isEqualTo(BILLING);
    }

    @Test
    void judgesTheBaseImageByWhereItsTagPointsInTheRegistryFile() throws Exception {
        Run without = evaluate("deploy", "2025-09-01T06:00:00Z", WORKER);
        Run with = evaluate("deploy", "2025-09-01T06:00:00Z", "--registry-offline", BASES, WORKER);

        assertThat(without.out()).contains("[base-image-current WARN] the base image's current digest was not given");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(with.out())
                .contains("[base-image-current WARN] the base image docker.io/library/python:3.12-slim moved from"
                        + " sha256:c1d5746826c0 to sha256:9f3e1c7b1a5d, but when it was first seen there is unknown")
                .contains("UPDATE_BASE_IMAGE docker.io/library/python:3.12-slim");
    }

    @Test
    void countsTheBaseImagesGracePeriodFromTheHistorysFirstSightingOfItsTag() throws Exception {
        String history = temp.resolve("history.db").toString();

        Run first = evaluate("run", "2025-08-31T12:00:00Z", "--registry-offline", BASES, "--history", history, WORKER);
        Run week = evaluate("run", "2025-09-08T13:00:00Z", "--registry-offline", BASES, "--history", history, WORKER);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("base-image-current");
        assertThat(week.out())
                .contains("[base-image-current WARN] the base image docker.io/library/python:3.12-slim moved from"
                        + " sha256:c1d5746826c0 to sha256:9f3e1c7b1a5d (first seen 2025-08-31T12:00:00Z), passed its"
                        + " 7d grace period on 2025-09-07T12:00:00Z");
    }

    @Test
    void refusesBothRegistryOptionsAndAnUnreadableCatalog() throws Exception {
        Run both = evaluate("deploy", "2025-09-01T06:00:00Z", "--registry-offline", BASES, "--registry-live", WORKER);
        Run missing = evaluate(
                "deploy",
                "2025-09-01T06:00:00Z",
                "--kev",
                temp.resolve("kev.json").toString(),
                WORKER);

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--registry-offline and --registry-live exclude each other");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("kev.json").contains("no such file");
    }
}
