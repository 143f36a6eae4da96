package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history page in a real headless Chromium ({@link HeadlessChromium}): it renders with no
 * exception, console error or log error, shows what the view holds, runs none of the hostile
 * strings in it, and its filter works. A screenshot goes to {@code target/history-page.png}, to
 * look at. Skipped, loudly, where Chromium is not installed.
 */
class HistoryPageInChromiumTest {

    @TempDir
    static Path temp;

    private static HeadlessChromium chromium;
    private static final HistoryView VIEW = HistoryFixtures.view();

    @BeforeAll
    static void openThePage() throws Exception {
        Path binary = HeadlessChromium.require();
        Path page = temp.resolve("history.html");
        Files.writeString(page, HistoryHtml.page(VIEW), StandardCharsets.UTF_8);
        chromium = HeadlessChromium.start(binary, temp.resolve("profile"));
        chromium.open(page, 1280, 900);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static JsonNode js(String expression) throws IOException {
        return chromium.evaluate(expression);
    }

    @Test
    void rendersWithNoExceptionConsoleErrorOrLogError() throws Exception {
        chromium.screenshot(Path.of("target", "history-page.png"));

        assertThat(js("document.readyState").asText()).isEqualTo("complete");
        assertThat(chromium.errors()).isEmpty();
    }

    @Test
    void showsABandPerVerdictSpanAndAMarkPerScanTagMoveAndDeadline() throws Exception {
        long bands = VIEW.lanes().stream().mapToLong(l -> l.bands().size()).sum();
        long forecast =
                VIEW.lanes().stream().mapToLong(l -> l.forecast().size()).sum();
        long deadlines =
                VIEW.lanes().stream().mapToLong(l -> l.deadlines().size()).sum();

        assertThat(js("document.querySelectorAll('#chart rect.band').length").asLong())
                .isEqualTo(bands);
        assertThat(js("document.querySelectorAll('#chart rect.band.forecast').length")
                        .asLong())
                .isEqualTo(forecast);
        assertThat(js("document.querySelectorAll('#chart rect.band.lapsed').length")
                        .asLong())
                .isEqualTo(2);
        assertThat(js("document.querySelectorAll('#chart circle.scan').length").asInt())
                .isEqualTo(VIEW.timeline().scans().size());
        assertThat(js("document.querySelectorAll('#chart g.mark.tag').length").asInt())
                .isEqualTo(2);
        assertThat(js("document.querySelectorAll('#chart path.deadline').length")
                        .asLong())
                .isEqualTo(deadlines);
        assertThat(js("Array.from(document.querySelectorAll('#chart g.lane')).map(g => g.dataset.stage).join()")
                        .asText())
                .isEqualTo("deploy,run");
    }

    @Test
    void drawsEveryBandInsideTheChartWithAWidth() throws Exception {
        JsonNode boxes = js("Array.from(document.querySelectorAll('#chart rect.band')).map(r => {"
                + " const b = r.getBBox(); return [b.x, b.width]; })");
        double right =
                js("document.getElementById('chart').viewBox.baseVal.width").asDouble();

        assertThat(boxes).isNotEmpty().allSatisfy(box -> {
            assertThat(box.get(0).asDouble()).isBetween(0.0, right);
            assertThat(box.get(1).asDouble()).isPositive();
            assertThat(box.get(0).asDouble() + box.get(1).asDouble()).isLessThanOrEqualTo(right);
        });
    }

    @Test
    void showsEachStageNowWithItsOutcomeAndNextChange() throws Exception {
        JsonNode cards = js("Array.from(document.querySelectorAll('.card')).map(c =>"
                + " [c.dataset.stage, c.querySelector('.chip').textContent, c.querySelector('.next').textContent])");

        assertThat(cards).hasSize(2);
        for (int i = 0; i < 2; i++) {
            HistoryView.Lane lane = VIEW.lanes().get(i);
            assertThat(cards.get(i).get(0).asText()).isEqualTo(lane.stage().name());
            assertThat(cards.get(i).get(1).asText())
                    .isEqualTo(lane.now().orElseThrow().outcome().name());
            assertThat(cards.get(i).get(2).asText()).startsWith("Next change");
        }
    }

    @Test
    void listsEveryFindingWithItsDates() throws Exception {
        JsonNode rows = js("Array.from(document.querySelectorAll('#findings tbody tr')).map(r =>"
                + " Array.from(r.cells).map(c => c.textContent))");

        assertThat(rows).hasSize(VIEW.timeline().findings().size());
        assertThat(rows.get(0).get(1).asText()).isEqualTo("CVE-2025-4802");
        assertThat(rows.get(0).get(2).asText()).isEqualTo("libc6");
        assertThat(rows.get(0).get(4).asText()).isEqualTo("2025-08-23 02:00Z");
        assertThat(rows.get(0).get(7).asText()).isEqualTo("still seen");
        assertThat(rows.get(3).get(7).asText()).isEqualTo("gone since 2025-08-29 02:00Z");
    }

    @Test
    void showsHostileStringsAsTextAndRunsNoneOfThem() throws Exception {
        JsonNode row = js("Array.from(document.querySelectorAll('#findings tbody tr')).map(r =>"
                + " Array.from(r.cells).map(c => c.textContent))[4]");

        assertThat(js("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(js("document.scripts.length").asInt()).isEqualTo(1);
        assertThat(js("document.querySelectorAll('img, iframe, td *:not(code):not(span)').length")
                        .asInt())
                .isZero();
        assertThat(row.get(1).asText()).isEqualTo("CVE-2025-0001\\u202e<b>");
        assertThat(row.get(2).asText())
                .isEqualTo("<script>window.__pwned=1</script>\"quoted\" & 'single' \\u202egnp.exe");
        assertThat(row.get(3).asText()).isEqualTo(HistoryFixtures.HOSTILE_VERSION);
        assertThat(js("document.body.textContent.includes('\\u202e')").asBoolean())
                .as("no right-to-left override reaches the page")
                .isFalse();
        assertThat(js("Array.from(document.querySelectorAll('#tags td')).map(c => c.textContent).join('|')")
                        .asText())
                .contains("shelflife plan <by> & co");
    }

    @Test
    void filtersTheFindingsAndDimsTheSpansOfTheOthers() throws Exception {
        JsonNode result = js("(() => { const f = document.getElementById('filter'); f.value = 'openssl medium';"
                + " f.dispatchEvent(new Event('input'));"
                + " const shown = Array.from(document.querySelectorAll('#findings tbody tr')).filter(r => !r.hidden);"
                + " const dim = document.querySelectorAll('#chart g.row.dim').length;"
                + " const counter = document.getElementById('shown').textContent;"
                + " f.value = ''; f.dispatchEvent(new Event('input'));"
                + " return [shown.length, shown[0].cells[2].textContent, dim, counter,"
                + " document.querySelectorAll('#chart g.row.dim').length]; })()");

        assertThat(result.get(0).asInt()).isEqualTo(1);
        assertThat(result.get(1).asText()).isEqualTo("openssl");
        assertThat(result.get(2).asInt()).isEqualTo(VIEW.timeline().findings().size() - 1);
        assertThat(result.get(3).asText()).isEqualTo("1");
        assertThat(result.get(4).asInt()).isZero();
        assertThat(chromium.errors()).isEmpty();
    }
}
