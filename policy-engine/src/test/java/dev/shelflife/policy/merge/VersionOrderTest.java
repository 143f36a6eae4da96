package dev.shelflife.policy.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    private static final VersionOrder ORDER = VersionOrder.INSTANCE;

    @Test
    void comparesDigitRunsAsNumbers() {
        assertThat(ORDER.compare("1.10", "1.9")).isPositive();
        assertThat(ORDER.compare("1:1.0.2k-19.el7", "1:1.0.2k-16.el7")).isPositive();
        assertThat(ORDER.compare("3.0.13-1~deb12u1", "3.0.11-1~deb12u2")).isPositive();
        assertThat(ORDER.compare("1.0", "1.0.1")).isNegative();
        assertThat(ORDER.compare("007", "7")).isNotZero();
        assertThat(ORDER.compare("2.0", "2.0")).isZero();
    }

    @Test
    void choosesTheSmallestFixAboveTheInstalledVersion() {
        List<String> lines = List.of("2.12.7", " 2.13.4", "2.14.0", "");

        assertThat(ORDER.smallestFix(Optional.of("2.13.1"), lines)).contains("2.13.4");
        assertThat(ORDER.smallestFix(Optional.empty(), lines)).contains("2.12.7");
        assertThat(ORDER.smallestFix(Optional.of("3.0"), lines)).isEmpty();
    }
}
