package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CRITICAL, CRITICAL", "Critical, CRITICAL", "high, HIGH", "important, HIGH", "Medium, MEDIUM",
        "moderate, MEDIUM", "LOW, LOW", "Negligible, NEGLIGIBLE", "unimportant, NEGLIGIBLE", "info, NEGLIGIBLE",
        "informational, NEGLIGIBLE", "None, NEGLIGIBLE", "UNKNOWN, UNKNOWN", "' high ', HIGH",
    })
    void mapsTheSpellingsScannersUse(String text, Severity expected) {
        assertThat(Severity.find(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SEVERE", "urgent", "5"})
    void findsNothingForAWordItDoesNotKnow(String text) {
        assertThat(Severity.find(text)).isEmpty();
    }

    @Test
    void findsNothingForNull() {
        assertThat(Severity.find(null)).isEmpty();
    }

    @Test
    void ranksTheKnownSeverities() {
        assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.HIGH.isAtLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.MEDIUM.isAtLeast(Severity.HIGH)).isFalse();
        assertThat(Severity.NEGLIGIBLE.isAtLeast(Severity.NEGLIGIBLE)).isTrue();
        assertThat(Severity.LOW.isAtLeast(Severity.NEGLIGIBLE)).isTrue();
    }

    @Test
    void leavesUnknownOutOfTheRanking() {
        assertThat(Severity.UNKNOWN.isAtLeast(Severity.NEGLIGIBLE)).isFalse();
        assertThat(Severity.CRITICAL.isAtLeast(Severity.UNKNOWN)).isFalse();
        assertThat(Severity.UNKNOWN.isAtLeast(Severity.UNKNOWN)).isTrue();
    }
}
