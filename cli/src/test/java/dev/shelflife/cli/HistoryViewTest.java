package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Stage;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bands, deadlines and cut of {@link HistoryView}, on a timeline value. */
class HistoryViewTest {

    private static final HistoryView VIEW = HistoryFixtures.view();

    private static HistoryView.Lane lane(HistoryView view, Stage stage) {
        return view.lanes().stream()
                .filter(l -> l.stage().equals(stage))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void leavesOutWhatWasMadeAfterTheInstant() {
        assertThat(VIEW.leftOut()).isEqualTo(new HistoryView.LeftOut(1, 1, 0, 1));
        assertThat(VIEW.timeline().scans()).hasSize(HistoryFixtures.NIGHTS);
        assertThat(VIEW.timeline().findings()).extracting(f -> f.pkg().name()).doesNotContain("later");
        assertThat(VIEW.timeline().tags().get(1).lastSeen()).isEqualTo(HistoryFixtures.AT);
    }

    @Test
    void forgetsAFixAndADisappearanceThatCameAfterTheInstant() {
        Instant early = HistoryFixtures.FIRST_NIGHT.plus(Duration.ofDays(4));
        Timeline cut = HistoryView.asOf(HistoryFixtures.timeline(), early);

        Timeline.FindingSpan openssl = cut.findings().stream()
                .filter(f -> f.pkg().name().equals("openssl"))
                .findFirst()
                .orElseThrow();
        assertThat(openssl.fixAvailableSince()).isPresent();
        assertThat(openssl.goneSince()).isEmpty();
        assertThat(openssl.lastSeen()).isEqualTo(HistoryFixtures.FIRST_NIGHT.plus(Duration.ofDays(4)));
    }

    @Test
    void givesALaneToEveryStageOfThePolicyInItsOrder() {
        assertThat(VIEW.lanes()).extracting(HistoryView.Lane::stage).containsExactly(Stage.DEPLOY, Stage.RUN);
        assertThat(VIEW.lanes()).extracting(l -> l.mode().orElseThrow()).containsExactly(Mode.ENFORCE, Mode.WARN);
    }

    @Test
    void drawsThePastFromTheRecordedVerdictsAndLapsesOneThatWasForecastToChange() {
        List<HistoryView.Band> past = lane(VIEW, Stage.RUN).bands().stream()
                .filter(b -> b.source() != HistoryView.Source.FORECAST)
                .toList();

        assertThat(past).extracting(HistoryView.Band::source).containsOnlyOnce(HistoryView.Source.LAPSED);
        HistoryView.Band lapsed = past.stream()
                .filter(b -> b.source() == HistoryView.Source.LAPSED)
                .findFirst()
                .orElseThrow();
        assertThat(lapsed.from())
                .isEqualTo(HistoryFixtures.FIRST_NIGHT.plus(Duration.ofDays(3)).plus(Duration.ofHours(5)));
        assertThat(lapsed.to())
                .isEqualTo(HistoryFixtures.FIRST_NIGHT.plus(Duration.ofDays(4)).plus(Duration.ofHours(4)));
        assertThat(past.get(0).from()).isEqualTo(HistoryFixtures.FIRST_NIGHT.plus(Duration.ofHours(4)));
        assertThat(past.get(past.size() - 1).to()).isEqualTo(HistoryFixtures.AT);
        for (int i = 1; i < past.size(); i++) {
            assertThat(past.get(i).from()).isEqualTo(past.get(i - 1).to());
        }
    }

    @Test
    void followsTheForecastFromTheInstantToTheHorizonWithoutGapsOrOverlaps() {
        for (HistoryView.Lane lane : VIEW.lanes()) {
            List<HistoryView.Band> forecast = lane.forecast();
            assertThat(forecast).isNotEmpty();
            assertThat(forecast.get(0).from()).isEqualTo(HistoryFixtures.AT);
            assertThat(forecast.get(forecast.size() - 1).to()).isEqualTo(VIEW.end());
            for (int i = 1; i < forecast.size(); i++) {
                assertThat(forecast.get(i).from()).isEqualTo(forecast.get(i - 1).to());
            }
            assertThat(forecast.get(0).outcome())
                    .isEqualTo(lane.now().orElseThrow().outcome().name());
            assertThat(lane.deadlines().stream().filter(d -> !d.passed()))
                    .extracting(HistoryView.Deadline::at)
                    .containsExactlyElementsOf(forecast.subList(1, forecast.size()).stream()
                            .map(HistoryView.Band::from)
                            .toList());
        }
    }

    @Test
    void marksTheDeadlineAheadWhereTheForecastSaysTheVerdictChanges() {
        HistoryView.Lane run = lane(VIEW, Stage.RUN);
        // The nightly scan of 31 August offers the libc6 fix: its HIGH 30-day SLA ends on 30 September.
        assertThat(run.deadlines()).anySatisfy(d -> {
            assertThat(d.passed()).isFalse();
            assertThat(d.at()).isEqualTo(Instant.parse("2025-09-30T02:00:07.118250331Z"));
            assertThat(d.reason()).contains("CVE-2025-4802", "30d SLA");
        });
    }

    @Test
    void hasNoForecastWithoutAnImageToForecast() {
        HistoryView view = HistoryView.of(
                HistoryFixtures.timeline(),
                HistoryFixtures.AT,
                Duration.ofDays(30),
                HistoryFixtures.policy(),
                Optional.empty(),
                Optional.empty());

        assertThat(view.forecastImage()).isEmpty();
        assertThat(view.lanes()).allSatisfy(lane -> {
            assertThat(lane.forecast()).isEmpty();
            assertThat(lane.now()).isEmpty();
        });
        assertThat(lane(view, Stage.DEPLOY).bands())
                .extracting(HistoryView.Band::outcome, HistoryView.Band::source)
                .containsExactly(
                        tuple("PASS", HistoryView.Source.HISTORY),
                        tuple("PASS", HistoryView.Source.LAPSED),
                        tuple("FAIL", HistoryView.Source.HISTORY));
    }
}
