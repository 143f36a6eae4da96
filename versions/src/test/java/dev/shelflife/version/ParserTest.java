package dev.shelflife.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParserTest {

    /** Far more versions than the parser remembers, so that slots are shared and replaced. */
    private static final List<String> MANY =
            IntStream.range(0, 5_000).mapToObj(i -> "1." + i + "-" + (i % 7)).toList();

    @Test
    void ordersVersionsAlikeWhetherReadFreshOrRemembered() {
        Parser<DebianVersion> parser = new Parser<>(DebianVersion::parse);
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i < MANY.size(); i++) {
                assertThat(parser.compare(VersionScheme.DEB, MANY.get(i - 1), MANY.get(i)))
                        .isNegative();
                assertThat(parser.parse(VersionScheme.DEB, MANY.get(i)))
                        .isEqualTo(DebianVersion.parse(VersionScheme.DEB, MANY.get(i)));
            }
        }
    }

    @Test
    void givesTheReleaseOfTheVersionAsked() {
        Parser<DebianVersion> parser = new Parser<>(DebianVersion::parse);
        MANY.forEach(v -> parser.parse(VersionScheme.DEB, v));
        assertThat(MANY)
                .allSatisfy(v -> assertThat(parser.release(VersionScheme.DEB, v))
                        .isEqualTo(DebianVersion.parse(VersionScheme.DEB, v).release()));
    }

    @Test
    void neverRemembersAnInvalidVersion() {
        Parser<DebianVersion> parser = new Parser<>(DebianVersion::parse);
        for (int round = 0; round < 2; round++) {
            assertThatThrownBy(() -> parser.parse(VersionScheme.DEB, "1.0 beta"))
                    .isInstanceOf(InvalidVersionException.class);
        }
    }

    @Test
    void answersTheSameOnManyThreadsAtOnce() {
        Parser<DebianVersion> parser = new Parser<>(DebianVersion::parse);
        List<Boolean> ordered = IntStream.range(0, 40_000)
                .parallel()
                .mapToObj(i -> parser.compare(VersionScheme.DEB, MANY.get(i % 4_999), MANY.get(i % 4_999 + 1)) < 0)
                .toList();
        assertThat(ordered).containsOnly(true);
    }
}
