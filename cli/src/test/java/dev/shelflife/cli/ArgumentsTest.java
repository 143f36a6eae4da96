package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> OPTIONS = Set.of("--output", "--format");

    @Test
    void separatesOptionsFromPositionalArguments() {
        Arguments arguments =
                Arguments.parse(List.of("--output", "json", "a.json", "--format=trivy", "b.json"), OPTIONS);

        assertThat(arguments.positionals()).containsExactly("a.json", "b.json");
        assertThat(arguments.value("--output")).contains("json");
        assertThat(arguments.value("--format")).contains("trivy");
    }

    @Test
    void leavesAbsentOptionsEmpty() {
        assertThat(Arguments.parse(List.of("a.json"), OPTIONS).value("--output"))
                .isEmpty();
    }

    @Test
    void takesEverythingAfterTheEndOfOptionsAsPositional() {
        Arguments arguments = Arguments.parse(List.of("--output", "json", "--", "--format", "-"), OPTIONS);

        assertThat(arguments.positionals()).containsExactly("--format", "-");
        assertThat(arguments.value("--format")).isEmpty();
    }

    @Test
    void takesALoneDashAsPositional() {
        assertThat(Arguments.parse(List.of("-"), OPTIONS).positionals()).containsExactly("-");
    }

    @Test
    void acceptsAnEmptyValueGivenWithEquals() {
        assertThat(Arguments.parse(List.of("--format="), OPTIONS).value("--format"))
                .contains("");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> Arguments.parse(List.of("a.json", "--colour=always"), OPTIONS))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> Arguments.parse(List.of("-o", "json"), OPTIONS))
                .hasMessage("unknown option -o");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> Arguments.parse(List.of("a.json", "--output"), OPTIONS))
                .isInstanceOf(UsageException.class)
                .hasMessage("--output needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--output", "--format", "trivy"), OPTIONS))
                .hasMessage("--output needs a value");
    }

    @Test
    void rejectsARepeatedOption() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--output", "json", "--output=text"), OPTIONS))
                .isInstanceOf(UsageException.class)
                .hasMessage("--output is given twice");
    }

    @Test
    void readsFlagsWithoutAValue() {
        Arguments parsed = Arguments.parse(
                List.of("--registry-live", "inventory.yaml", "--output", "json"), OPTIONS, Set.of("--registry-live"));

        assertThat(parsed.flag("--registry-live")).isTrue();
        assertThat(parsed.positionals()).containsExactly("inventory.yaml");
        assertThat(parsed.value("--output")).contains("json");
        assertThat(Arguments.parse(List.of("a.json"), OPTIONS, Set.of("--registry-live"))
                        .flag("--registry-live"))
                .isFalse();
        assertThatThrownBy(() -> Arguments.parse(List.of("--registry-live=yes"), OPTIONS, Set.of("--registry-live")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--registry-live takes no value");
        assertThatThrownBy(() -> Arguments.parse(
                        List.of("--registry-live", "--registry-live"), OPTIONS, Set.of("--registry-live")))
                .hasMessage("--registry-live is given twice");
    }

    private enum Output {
        TEXT,
        JSON
    }

    @Test
    void readsAChoiceInAnyCaseOrTheDefaultAndListsTheChoicesWhenWrong() {
        assertThat(Arguments.parse(List.of("--output", "JSON"), OPTIONS).choice("--output", Output.class, Output.TEXT))
                .isEqualTo(Output.JSON);
        assertThat(Arguments.parse(List.of(), OPTIONS).choice("--output", Output.class, Output.TEXT))
                .isEqualTo(Output.TEXT);
        assertThatThrownBy(() -> Arguments.parse(List.of("--output", "xml"), OPTIONS)
                        .choice("--output", Output.class, Output.TEXT))
                .isInstanceOf(UsageException.class)
                .hasMessage("--output must be one of text, json, not \"xml\"");
    }

    @Test
    void readsAnInstantOrADateAtMidnightUtcOrElseTheClocks() {
        Set<String> at = Set.of("--at");
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-27T12:00:00Z"));

        assertThat(Arguments.parse(List.of("--at", "2026-12-01T10:00:00+01:00"), at)
                        .instant("--at", clock))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(Arguments.parse(List.of("--at", "2026-12-01"), at).instant("--at", clock))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Arguments.parse(List.of(), at).instant("--at", clock)).isEqualTo(clock.instant());
        assertThatThrownBy(
                        () -> Arguments.parse(List.of("--at", "tomorrow"), at).instant("--at", clock))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--at must be an ISO-8601 instant");
    }
}
