package dev.shelflife.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The rule reference of {@code docs/policy.md}, the part between its two markers, is written from
 * the registered {@link RuleType}s: their keys, descriptions and documentation. The test fails when
 * the page differs; {@code -Dshelflife.regenerate=true} rewrites the part instead, for review as a
 * diff.
 */
class RuleReferenceTest {

    private static final Path PAGE = Path.of("../docs/policy.md");
    private static final String REGENERATE = "shelflife.regenerate";
    static final String BEGIN = "<!-- BEGIN rule reference: written from the registered RuleTypes by RuleReferenceTest;"
            + " edit their documentation, then run: mvn -o -q -pl policy-engine -am test -Dtest=RuleReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dshelflife.regenerate=true -->\n";
    static final String END = "<!-- END rule reference -->\n";

    @Test
    void docsPolicyHoldsTheReferenceOfEveryRegisteredRuleType() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertThat(begin).as("%s has the marker %s", PAGE, BEGIN).isNotNegative();
        assertThat(end).as("%s has the marker %s", PAGE, END).isGreaterThan(begin);
        String written = page.substring(begin + BEGIN.length(), end);
        String expected = reference(RuleTypes.load());

        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(
                    PAGE,
                    page.substring(0, begin + BEGIN.length()) + expected + page.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(written)
                .as(
                        "the rule reference in %s differs from the registered rule types: if the change is intended,"
                                + " run with -D%s=true and review the diff",
                        PAGE, REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void describesEachKeyWithItsTypeAndDefault() {
        String reference = reference(RuleTypes.of(java.util.List.of(new RuleTypesTest.Fixed("fixed"))));

        assertThat(reference).isEqualTo("""

                        ### fixed

                        A fixed violation.

                        | key | type | required | default | value |
                        |---|---|---|---|---|
                        | `message` | [text](#values) | yes | | the message |
                        | `within` | [duration](#values) | no | 1d | a duration |

                        """);
    }

    /** The reference: one section per type, in the order the types are found. */
    static String reference(RuleTypes types) {
        StringBuilder out = new StringBuilder("\n");
        for (RuleType type : types.all()) {
            String documentation = type.documentation().strip();
            String description = type.description();
            String first = description.substring(0, 1).toUpperCase(Locale.ROOT) + description.substring(1) + ".";
            String rest = "";
            if (!documentation.isEmpty()) {
                int split = documentation.indexOf("\n\n");
                first = split < 0 ? documentation : documentation.substring(0, split);
                rest = split < 0 ? "" : documentation.substring(split + 2);
            }
            out.append("### ").append(type.name()).append("\n\n").append(first).append("\n\n");
            if (type.keys().isEmpty()) {
                out.append("No keys besides `rule`, `id` and `effect`.\n\n");
            } else {
                out.append("| key | type | required | default | value |\n|---|---|---|---|---|\n");
                for (RuleKey key : type.keys()) {
                    out.append("| `")
                            .append(key.name())
                            .append("` | [")
                            .append(key.type().name())
                            .append("](#values) | ")
                            .append(key.required() ? "yes" : "no")
                            .append(" | ")
                            .append(key.defaultValue().orElse(""))
                            .append(key.required() ? "" : " ")
                            .append("| ")
                            .append(key.description())
                            .append(" |\n");
                }
                out.append('\n');
            }
            if (!rest.isEmpty()) {
                out.append(rest).append("\n\n");
            }
        }
        return out.toString();
    }
}
