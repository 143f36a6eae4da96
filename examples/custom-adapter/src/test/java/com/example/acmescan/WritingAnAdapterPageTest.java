package com.example.acmescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/writing-an-adapter.md} equal to this module: every file the page shows whole
 * (after a {@code <!-- the whole file: PATH -->} line) is that file as it is, and every other Java
 * block of the page is a run of lines of one of the module's files, so the page shows the adapter
 * that is built and tested here, with nothing elided. {@code -Dshelflife.regenerate=true} rewrites
 * the whole files in the page from the module; review the diff.
 */
class WritingAnAdapterPageTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path PAGE =
            MODULE.resolve("../../docs/writing-an-adapter.md").normalize();
    private static final Pattern WHOLE_FILE =
            Pattern.compile("<!-- the whole file: (\\S+) -->\n```(\\w*)\n(.*?)```\n", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL);

    @Test
    void showsEveryFileOfTheAdapterWholeAsItIs() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        Matcher whole = WHOLE_FILE.matcher(page);
        StringBuilder regenerated = new StringBuilder();
        List<String> shown = new ArrayList<>();
        while (whole.find()) {
            String file = Files.readString(MODULE.resolve(whole.group(1)), StandardCharsets.UTF_8);
            shown.add(whole.group(1));
            whole.appendReplacement(
                    regenerated,
                    Matcher.quoteReplacement("<!-- the whole file: " + whole.group(1) + " -->\n```" + whole.group(2)
                            + "\n" + file + "```\n"));
            if (!Boolean.getBoolean("shelflife.regenerate")) {
                assertThat(whole.group(3))
                        .as("%s as the page shows it", whole.group(1))
                        .isEqualTo(file);
            }
        }
        whole.appendTail(regenerated);
        if (Boolean.getBoolean("shelflife.regenerate")) {
            Files.writeString(PAGE, regenerated.toString(), StandardCharsets.UTF_8);
        }
        assertThat(shown)
                .as("the files the page shows whole")
                .containsAll(sources("src/main/java"))
                .contains(
                        "src/main/resources/META-INF/services/dev.shelflife.spi.ScannerAdapter",
                        "src/test/java/com/example/acmescan/AcmeScannerAdapterTest.java");
    }

    @Test
    void showsOnlyCodeThatIsInTheModule() throws IOException {
        String page = WHOLE_FILE
                .matcher(Files.readString(PAGE, StandardCharsets.UTF_8))
                .replaceAll("");
        List<List<String>> files = new ArrayList<>();
        for (String source : sources("src")) {
            files.add(stripped(Files.readString(MODULE.resolve(source), StandardCharsets.UTF_8)));
        }
        Matcher block = JAVA_BLOCK.matcher(page);
        int blocks = 0;
        while (block.find()) {
            List<String> lines = stripped(block.group(1));
            assertThat(files.stream().anyMatch(file -> Collections.indexOfSubList(file, lines) >= 0))
                    .as("the page's Java block\n%s\nstands, line by line, in a file of the module", block.group(1))
                    .isTrue();
            blocks++;
        }
        assertThat(blocks).as("Java excerpts on the page").isPositive();
    }

    /** The module's Java files below a folder, as paths relative to the module. */
    private static List<String> sources(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(MODULE.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> MODULE.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> stripped(String text) {
        return text.strip().lines().map(String::strip).toList();
    }
}
