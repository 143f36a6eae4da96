package com.example.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Stage;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    /** The bundled example reports of ghcr.io/acme/shop-api:1.4.2, scanned in January 2025. */
    private static final List<Path> REPORTS =
            List.of(Path.of("../trivy-shop-api-1.4.2.json"), Path.of("../grype-shop-api-1.4.2.json"));

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Verdict evaluate(Stage stage, String at) {
        return QuickStart.evaluate(stage, Instant.parse(at), REPORTS, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesTheFreshScanAtDeployUntilItTurnsSevenDaysOldAsThePageShows() throws IOException {
        Verdict verdict = evaluate(Stage.DEPLOY, "2025-01-20T00:00:00Z");

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(printed()).startsWith("deploy at 2025-01-20T00:00:00Z: PASS\n")
                .contains("next change: " + verdict.nextChange().orElseThrow().at() + " => FAIL: ");
        assertThat(page()).contains("```\n" + printed() + "```\n");
    }

    @Test
    void failsAtDeployAMonthLaterAndSaysWhatToBump() {
        Verdict verdict = evaluate(Stage.DEPLOY, "2025-02-14T00:00:00Z");

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations()).extracting(v -> v.ruleId()).contains("sla", "scan-age");
        assertThat(printed()).startsWith("deploy at 2025-02-14T00:00:00Z: FAIL\n")
                .contains("  to do: BUMP libc6 ", "  to do: RESCAN");
    }

    @Test
    void isTheCodeThatTheQuickStartPageShows() throws IOException {
        String source = Files.readString(Path.of("src/main/java/com/example/quickstart/QuickStart.java"));

        assertThat(page()).contains("```java\n" + source + "```\n");
    }

    private static String page() throws IOException {
        return Files.readString(Path.of("../../docs/quick-start.md"));
    }
}
