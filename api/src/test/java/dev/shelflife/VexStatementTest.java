package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VexStatementTest {

    private static VexStatement about(List<String> products, Map<String, List<String>> subcomponents) {
        return new VexStatement(
                "CVE-2024-1",
                List.of(),
                products,
                VexStatement.State.NOT_AFFECTED,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                subcomponents);
    }

    @Test
    void coversEachProductWholeUnlessItNamesItsSubcomponents() {
        VexStatement statement =
                about(List.of("pkg:oci/app", "pkg:npm/b@1"), Map.of("pkg:oci/app", List.of("pkg:apk/alpine/musl")));

        assertThat(statement.subcomponentsOf("pkg:oci/app")).containsExactly("pkg:apk/alpine/musl");
        assertThat(statement.subcomponentsOf("pkg:npm/b@1")).isEmpty();
        assertThat(new VexStatement(
                                "CVE-2024-1",
                                List.of(),
                                List.of("pkg:npm/b@1"),
                                VexStatement.State.NOT_AFFECTED,
                                Optional.empty(),
                                List.of(),
                                Optional.empty(),
                                Optional.empty())
                        .subcomponents())
                .isEmpty();
    }

    @Test
    void keepsTheOrderOfItsProductsSubcomponentsAndCopiesThem() {
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>(List.of("pkg:npm/z", "pkg:npm/a"));
        given.put("pkg:oci/b", parts);
        given.put("pkg:oci/a", List.of("pkg:npm/c"));
        VexStatement statement = about(List.of("pkg:oci/a", "pkg:oci/b"), given);
        parts.add("pkg:npm/late");
        given.clear();

        assertThat(statement.subcomponents().keySet()).containsExactly("pkg:oci/b", "pkg:oci/a");
        assertThat(statement.subcomponentsOf("pkg:oci/b")).containsExactly("pkg:npm/z", "pkg:npm/a");
        assertThat(statement.subcomponents())
                .containsExactly(
                        Map.entry("pkg:oci/b", List.of("pkg:npm/z", "pkg:npm/a")),
                        Map.entry("pkg:oci/a", List.of("pkg:npm/c")));
    }

    @Test
    void refusesSubcomponentsOfAProductItDoesNotCoverOrAnEmptyListOfThem() {
        assertThatThrownBy(() -> about(List.of("pkg:oci/a"), Map.of("pkg:oci/b", List.of("pkg:npm/c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subcomponents of \"pkg:oci/b\", which is not a product");
        assertThatThrownBy(() -> about(List.of("pkg:oci/a"), Map.of("pkg:oci/a", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no subcomponents of \"pkg:oci/a\"");
    }

    @Test
    void buildsTheSameStatementAsItsConstructorWithEveryPartGiven() {
        java.time.Instant made = java.time.Instant.parse("2025-01-02T03:04:05Z");
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("pkg:oci/app", List.of("pkg:apk/alpine/musl"));
        parts.put("pkg:npm/b@1", List.of());

        VexStatement built = VexStatement.builder("CVE-1", VexStatement.State.NOT_AFFECTED)
                .aliases(List.of("GHSA-1"))
                .products(List.of("pkg:oci/app"))
                .productsWithSubcomponents(parts)
                .justification("code_not_present")
                .responses(List.of("will_not_fix"))
                .detail("not reachable")
                .timestamp(made)
                .build();

        assertThat(built)
                .isEqualTo(new VexStatement(
                        "CVE-1",
                        List.of("GHSA-1"),
                        List.of("pkg:oci/app", "pkg:npm/b@1"),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("code_not_present"),
                        List.of("will_not_fix"),
                        Optional.of("not reachable"),
                        Optional.of(made),
                        Map.of("pkg:oci/app", List.of("pkg:apk/alpine/musl"))));
        assertThat(VexStatement.builder("CVE-2", VexStatement.State.IN_TRIAGE).build())
                .isEqualTo(new VexStatement(
                        "CVE-2",
                        List.of(),
                        List.of(),
                        VexStatement.State.IN_TRIAGE,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty()));
    }
}
