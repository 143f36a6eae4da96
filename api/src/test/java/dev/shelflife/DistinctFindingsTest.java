package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctFindingsTest {

    /** One vulnerability of one package in one target, with the given title: findings alike in all the quickly hashed parts. */
    private static Finding titled(String title) {
        return new Finding(
                Vulnerability.builder("CVE-2024-0001")
                        .severity(Severity.HIGH)
                        .title(new String(title))
                        .build(),
                InstalledPackage.builder("openssl").version("1.0").type("deb").build(),
                Fix.fixed("1.1"),
                "x (debian 12)");
    }

    /** {@code n} different strings with one {@link String#hashCode()}: "Aa" and "BB" hash alike. */
    private static List<String> collidingTitles(int bits) {
        List<String> titles = new ArrayList<>();
        for (int n = 0; n < 1 << bits; n++) {
            StringBuilder title = new StringBuilder();
            for (int bit = 0; bit < bits; bit++) {
                title.append((n >> bit & 1) == 0 ? "Aa" : "BB");
            }
            titles.add(title.toString());
        }
        return titles;
    }

    @Test
    void findingsAlikeInTheQuicklyHashedPartsAreAllKeptInOrder() {
        DistinctFindings distinct = new DistinctFindings();
        List<Finding> added = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Finding finding = titled("title " + i);
            added.add(finding);
            assertThat(distinct.add(finding)).isTrue();
        }

        assertThat(distinct.inOrder()).containsExactlyElementsOf(added);
        assertThat(distinct.hashesWholeFindings())
                .as(
                        "after %d findings of one quick hash, the table hashes whole findings",
                        DistinctFindings.MAX_SAME_HASH)
                .isTrue();
    }

    @Test
    void duplicatesAreStillFoundAfterTheTableHashesWholeFindings() {
        DistinctFindings distinct = new DistinctFindings();
        for (int i = 0; i < 100; i++) {
            distinct.add(titled("title " + i));
        }

        assertThat(distinct.hashesWholeFindings()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(distinct.add(titled("title " + i)))
                    .as("title %d again", i)
                    .isFalse();
        }
        assertThat(distinct.add(titled("title 100"))).isTrue();
        assertThat(distinct.size()).isEqualTo(101);
    }

    @Test
    void stringsWrittenToCollideInStringHashCodeDoNotCollideInTheWholeFindingHash() {
        List<String> titles = collidingTitles(10);
        assertThat(titles)
                .extracting(String::hashCode)
                .containsOnly(titles.get(0).hashCode());
        assertThat(titled(titles.get(0)).hashCode())
                .isEqualTo(titled(titles.get(1)).hashCode());

        long distinctHashes = titles.stream()
                .map(title -> DistinctFindings.strongHash(titled(title)))
                .distinct()
                .count();

        assertThat(distinctHashes).isEqualTo(titles.size());
    }

    @Test
    void findingsWrittenToCollideInEveryJavaHashAreAllKeptAndTheirRepeatsDropped() {
        DistinctFindings distinct = new DistinctFindings();
        List<String> titles = collidingTitles(12);
        titles.forEach(title -> distinct.add(titled(title)));
        titles.forEach(title -> distinct.add(titled(title)));

        assertThat(distinct.size()).isEqualTo(titles.size());
        assertThat(distinct.inOrder())
                .extracting(f -> f.vulnerability().title().orElseThrow())
                .containsExactlyElementsOf(titles);
    }

    @Test
    void equalFindingsBuiltApartHaveOneWholeFindingHash() {
        assertThat(DistinctFindings.strongHash(titled("a title")))
                .isEqualTo(DistinctFindings.strongHash(titled("a title")));
        assertThat(DistinctFindings.strongHash(titled("a title")))
                .isNotEqualTo(DistinctFindings.strongHash(titled("a titlf")));
    }

    @Test
    void fewFindingsOfOneQuickHashKeepTheQuickTable() {
        DistinctFindings distinct = new DistinctFindings();
        for (int i = 0; i <= DistinctFindings.MAX_SAME_HASH; i++) {
            distinct.add(titled("title " + i));
        }

        assertThat(distinct.hashesWholeFindings()).isFalse();
        assertThat(distinct.size()).isEqualTo(DistinctFindings.MAX_SAME_HASH + 1);
    }
}
