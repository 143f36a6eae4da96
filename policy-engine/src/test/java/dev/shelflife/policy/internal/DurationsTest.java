package dev.shelflife.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsShortFormsAndIso8601() {
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("P1DT6H30M")).isEqualTo(Duration.ofMinutes(1830));
    }

    @Test
    void refusesWhatIsNotAPositiveFixedLength() {
        for (String bad : new String[] {"30", "30 d", "1w", "30m", "P1M", "P1Y", "PT0S", "0h", "-1d", "36501d", "d"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad duration");
        }
    }

    @Test
    void printsWholeDaysAndHoursShort() {
        assertThat(Durations.format(Duration.ofDays(90))).isEqualTo("90d");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
    }

    @Test
    void hasNoDeadlineBeyondTheLastInstant() {
        assertThat(Durations.deadline(Instant.MAX.minusSeconds(10), Duration.ofDays(1)))
                .isEmpty();
    }
}
