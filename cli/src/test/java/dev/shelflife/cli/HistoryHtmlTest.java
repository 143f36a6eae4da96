package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The history page as text: escaping, and a Content-Security-Policy that lets exactly its own
 * style and script run. {@link HistoryPageInChromiumTest} looks at it in a real browser.
 */
class HistoryHtmlTest {

    private static final String PAGE = HistoryHtml.page(HistoryFixtures.view());

    @Test
    void escapesMarkupQuotesAndAmpersands() {
        assertThat(HistoryHtml.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void showsControlFormatAndBidiCharactersAsVisibleEscapes() {
        assertThat(HistoryHtml.escape("a\u202Eb\u2066c\u200Bd\u0000e\u001bf\uD800"))
                .isEqualTo("a\\u202eb\\u2066c\\u200bd\\u0000e\\u001bf\\ud800");
        assertThat(HistoryHtml.escape("Grüße, 日本, 🙂")).isEqualTo("Grüße, 日本, 🙂");
    }

    @Test
    void neverWritesAHostileStringFromTheHistoryAsItIs() {
        assertThat(PAGE)
                .doesNotContain(HistoryFixtures.HOSTILE_PACKAGE)
                .doesNotContain("<script>window.__pwned")
                .doesNotContain("<img src=x")
                .doesNotContain("\u202E")
                .contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;quoted&quot; &amp; &#39;single&#39;"
                        + " \\u202egnp.exe");
    }

    @Test
    void allowsOnlyItsOwnStyleAndScriptByTheirHashesAndNoRequest() throws Exception {
        Matcher policy = Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")
                .matcher(PAGE);
        assertThat(policy.find()).isTrue();
        String style = between(PAGE, "<style>", "</style>");
        String script = between(PAGE, "<script>", "</script>");

        assertThat(policy.group(1))
                .startsWith("default-src 'none';")
                .contains("style-src '" + sha256(style) + "'")
                .contains("script-src '" + sha256(script) + "'")
                .doesNotContain("unsafe");
        assertThat(PAGE.split("<script", -1)).hasSize(2);
        assertThat(PAGE).doesNotContain("http://", "https://").doesNotContain(" style=\"");
    }

    @Test
    void drawsOneBandPerBandOfTheViewAndOneMarkPerScanTagAndDeadline() {
        long bands = HistoryFixtures.view().lanes().stream()
                .mapToLong(l -> l.bands().size())
                .sum();
        long deadlines = HistoryFixtures.view().lanes().stream()
                .mapToLong(l -> l.deadlines().size())
                .sum();

        assertThat(count("<rect class=\"band ")).isEqualTo(bands);
        assertThat(count("<circle class=\"mark scan\"")).isEqualTo(HistoryFixtures.NIGHTS);
        assertThat(count("<g class=\"mark tag\"")).isEqualTo(2);
        assertThat(count("<path class=\"deadline ")).isEqualTo(deadlines);
    }

    private static long count(String text) {
        return PAGE.split(Pattern.quote(text), -1).length - 1;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static String sha256(String content) throws Exception {
        return "sha256-"
                + Base64.getEncoder()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
