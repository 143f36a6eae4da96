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
}
