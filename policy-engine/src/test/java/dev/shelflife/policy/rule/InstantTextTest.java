package dev.shelflife.policy.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesEveryInstantAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(19);
        long min = Instant.MIN.getEpochSecond();
        long max = Instant.MAX.getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 2 == 0 ? random.nextLong(-62_000_000_000L, 253_402_300_800L) : random.nextLong(min, max);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesTheEdgesOfItsFastPathAsInstantToStringDoes() {
        for (String text : new String[] {
            "1000-01-01T00:00:00Z",
            "0999-12-31T23:59:59.999999999Z",
            "9999-12-31T23:59:59.000000001Z",
            "+10000-01-01T00:00:00Z",
            "2026-06-01T00:00:00.100Z",
            "2026-06-01T00:00:00.000100Z",
            "2026-06-01T00:00:00.000000100Z",
            "2024-02-29T12:07:09.523947199Z"
        }) {
            Instant instant = Instant.parse(text);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }
}
