package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./shelflife} in a tree of its own, with stand-ins for Maven and Java: it
 * builds once for two first runs at once, passes on no escape sequences from the build, and exits
 * 70, never 1 (a failing verdict), when the build fails.
 */
class LauncherTest {

    private static final Path LAUNCHER = MainTest.EXAMPLES.resolveSibling("shelflife");

    @TempDir
    Path root;

    private Path builds;

    @BeforeEach
    void layOutATreeWithStandIns() throws IOException {
        Files.copy(LAUNCHER, root.resolve("shelflife"));
        executable(root.resolve("shelflife"));
        Files.createDirectories(root.resolve("cli/src/main/java"));
        Files.writeString(root.resolve("cli/pom.xml"), "<project/>");
        Files.writeString(root.resolve("cli/src/main/java/A.java"), "class A {}");
        builds = root.resolve("builds.log");
        Path bin = Files.createDirectories(root.resolve("bin"));
        // Maven 3.8 writes colour resets even with colours off; this one does, and takes its time.
        Files.writeString(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "$$" >> "$BUILDS"
                printf '\\033[0m\\033[0mcompiling\\033[1;31m away\\033[0m\\n'
                sleep 1
                if [ -n "${MVN_FAILS:-}" ]; then exit 1; fi
                mkdir -p cli/target/lib && touch cli/target/shelflife-cli-0.jar
                """);
        executable(bin.resolve("mvn"));
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"ran $*\"\n");
        executable(java);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process start(Map<String, String> extra) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        List.of("bash", root.resolve("shelflife").toString(), "--version"))
                .directory(root.toFile())
                .redirectOutput(root.resolve("out-" + System.nanoTime()).toFile())
                .redirectErrorStream(false);
        builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        builder.environment().put("BUILDS", builds.toString());
        builder.environment().putAll(extra);
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the launcher finished")
                .isTrue();
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void buildsOnceForTwoFirstRunsAtOnceAndRunsBoth() throws Exception {
        Process first = start(Map.of());
        Process second = start(Map.of());

        String firstErr = finish(first);
        String secondErr = finish(second);

        assertThat(first.exitValue()).as(firstErr).isZero();
        assertThat(second.exitValue()).as(secondErr).isZero();
        assertThat(Files.readAllLines(builds)).as("builds").hasSize(1);
    }

    @Test
    void passesOnTheBuildsOutputWithoutEscapeSequences() throws Exception {
        Process run = start(Map.of());

        String err = finish(run);

        assertThat(run.exitValue()).isZero();
        assertThat(err).contains("compiling away").doesNotContain("\u001b");
    }

    @Test
    void exitsWith70NotWith1WhenTheBuildFails() throws Exception {
        Process run = start(Map.of("MVN_FAILS", "yes"));

        String err = finish(run);

        assertThat(run.exitValue()).isEqualTo(70);
        assertThat(err).contains("the build of the CLI failed").doesNotContain("\u001b");
    }
}
