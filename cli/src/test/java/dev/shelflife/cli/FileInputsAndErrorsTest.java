package dev.shelflife.cli;

import static dev.shelflife.cli.MainTest.EXAMPLES;
import static dev.shelflife.cli.MainTest.TRIVY_EXAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command does with every file it reads that is not a document — a named pipe, which
 * would block a reader forever, {@code /dev/zero}, which never ends, a file larger than its limit
 * — and with what goes wrong outside the input: an {@link Error} such as running out of memory or
 * stack, and a result that cannot be written. Each case runs in this JVM ({@link Main#run}) under a
 * timeout, and the ones about the process also as a real process, so that a hang fails the test
 * instead of stalling the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileInputsAndErrorsTest {

    private static final Path FLEET = EXAMPLES.resolve("fleet");
    private static final Path DEV_ZERO = Path.of("/dev/zero");
    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path temp;

    /** What one run did. */
    record Result(int exitCode, String out, String err) {}

    private static Result run(String... arguments) {
        return run(Main.COMMANDS, arguments);
    }

    private static Result run(List<Command> commands, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                commands,
                arguments,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A named pipe that nothing writes to: reading it would block forever. */
    private Path fifo() throws IOException, InterruptedException {
        Path mkfifo = Path.of("/usr/bin/mkfifo");
        assumeTrue(Files.isExecutable(mkfifo), "needs /usr/bin/mkfifo");
        Path fifo = temp.resolve("fifo-" + System.nanoTime());
        Process process = new ProcessBuilder(mkfifo.toString(), fifo.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return fifo;
    }

    private static void assumeDevZero() {
        assumeTrue(Files.exists(DEV_ZERO), "needs /dev/zero");
    }

    /** A file of the given size that takes no room: a hole. */
    private Path sparse(String name, long size) throws IOException {
        Path file = temp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static List<String> plan(String... options) {
        List<String> arguments =
                new ArrayList<>(List.of("plan", FLEET.resolve("inventory.yaml").toString()));
        arguments.addAll(List.of(options));
        return arguments;
    }

    // --- configuration files: exit 2 --------------------------------------------------------------

    @Test
    void refusesAPipeOrADeviceAsThePolicyWithExit2InsteadOfHanging() throws Exception {
        for (Path notAFile : List.of(fifo(), DEV_ZERO)) {
            Result result =
                    run("evaluate", "--stage", "deploy", "--policy", notAFile.toString(), TRIVY_EXAMPLE.toString());

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err())
                    .startsWith("shelflife evaluate: cannot read policy " + notAFile + ": not a regular file\n");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void refusesAPipeOrADeviceAsTheOfflineRegistryFileWithExit2() throws Exception {
        assumeDevZero();
        for (Path notAFile : List.of(fifo(), DEV_ZERO)) {
            Result result = run(plan("--registry-offline", notAFile.toString()).toArray(String[]::new));

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err())
                    .startsWith(
                            "shelflife plan: --registry-offline: " + notAFile + ": cannot read: not a regular file\n");
        }
    }

    @Test
    void refusesAPolicyOrOfflineFileLargerThanItsLimitWithExit2NamingTheLimit() throws Exception {
        Path policy = sparse("huge-policy.yaml", (1 << 20) + 1);
        Path tags = sparse("huge-tags.txt", (16L << 20) + 1);

        Result tooLargePolicy =
                run("evaluate", "--stage", "deploy", "--policy", policy.toString(), TRIVY_EXAMPLE.toString());
        Result tooLargeTags = run(plan("--registry-offline", tags.toString()).toArray(String[]::new));

        assertThat(tooLargePolicy.exitCode()).isEqualTo(2);
        assertThat(tooLargePolicy.err())
                .contains("invalid policy " + policy + ": limit exceeded: larger than 1048576 bytes"
                        + " (Policies.MAX_POLICY_CHARS, a fixed limit)");
        assertThat(tooLargeTags.exitCode()).isEqualTo(2);
        assertThat(tooLargeTags.err())
                .contains(tags + ": limit exceeded: larger than 16777216 bytes (a fixed limit: list only the tags");
    }

    // --- evidence: exit 3 ---------------------------------------------------------------------------

    @Test
    void refusesAPipeOrADeviceAsEvidenceWithExit3() throws Exception {
        assumeDevZero();
        Path fifo = fifo();
        List<List<String>> commandLines = List.of(
                List.of("parse", fifo.toString()),
                List.of("evaluate", "--stage", "deploy", DEV_ZERO.toString()),
                List.of("evaluate", "--stage", "deploy", "--baseline", fifo.toString(), TRIVY_EXAMPLE.toString()),
                List.of("merge", TRIVY_EXAMPLE.toString(), DEV_ZERO.toString()),
                List.of("plan", fifo.toString()),
                List.of("plan", DEV_ZERO.toString()),
                plan("--kev", fifo.toString()),
                plan("--epss", DEV_ZERO.toString()));
        for (List<String> commandLine : commandLines) {
            Result result = run(commandLine.toArray(String[]::new));

            assertThat(result.exitCode()).as(commandLine + ": " + result.err()).isEqualTo(3);
            assertThat(result.err()).as(commandLine.toString()).endsWith(": not a regular file\n");
        }
    }

    @Test
    void refusesAnInventoryLargerThanItsLimitWithExit3NamingTheLimit() throws Exception {
        Path inventory = sparse("huge-inventory.yaml", (4L << 20) + 1);

        Result result = run("plan", inventory.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err())
                .isEqualTo(inventory + " (/): limit exceeded: larger than 4194304 bytes"
                        + " (a fixed limit: split the fleet into several inventories)\n");
    }

    @Test
    void refusesAPipeOrADeviceInARealProcessWithoutHanging() throws Exception {
        assumeDevZero();
        Path fifo = fifo();

        MainTest.Run policy = MainTest.shelflife(
                temp, "evaluate", "--stage", "deploy", "--policy", fifo.toString(), TRIVY_EXAMPLE.toString());
        MainTest.Run offline = MainTest.shelflife(
                temp, plan("--registry-offline", DEV_ZERO.toString()).toArray(String[]::new));
        MainTest.Run kev =
                MainTest.shelflife(temp, plan("--kev", fifo.toString()).toArray(String[]::new));
        MainTest.Run inventory = MainTest.shelflife(temp, "plan", DEV_ZERO.toString());

        assertThat(policy.exitCode()).as(policy.err()).isEqualTo(2);
        assertThat(policy.err()).contains("not a regular file");
        assertThat(offline.exitCode()).as(offline.err()).isEqualTo(2);
        assertThat(offline.err()).contains("not a regular file");
        assertThat(kev.exitCode()).as(kev.err()).isEqualTo(3);
        assertThat(kev.err()).isEqualTo(fifo + " (/): not a regular file\n");
        assertThat(inventory.exitCode()).as(inventory.err()).isEqualTo(3);
        assertThat(inventory.err()).isEqualTo("/dev/zero (/): not a regular file\n");
    }

    // --- errors: exit 70, never 1 -------------------------------------------------------------------

    /** A command that throws what it is given, as a bug or an exhausted resource would. */
    record Throwing(Error error) implements Command {
        @Override
        public String name() {
            return "throw";
        }

        @Override
        public String summary() {
            return "throws";
        }

        @Override
        public String synopsis() {
            return "throw";
        }

        @Override
        public String help() {
            return "";
        }

        @Override
        public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
            out.print("partial result");
            throw error;
        }
    }

    /** A command whose recursion never ends. */
    record Overflowing() implements Command {
        @Override
        public String name() {
            return "overflow";
        }

        @Override
        public String summary() {
            return "recurses";
        }

        @Override
        public String synopsis() {
            return "overflow";
        }

        @Override
        public String help() {
            return "";
        }

        @Override
        public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
            return depth(0) > 0 ? ExitCode.SUCCESS : ExitCode.VERDICT_FAILED;
        }

        private static int depth(int n) {
            return depth(n + 1) + 1;
        }
    }

    @Test
    void endsAStackOverflowInOneLineNamingTheOptionAndExit70() {
        Result result = run(List.of(new Overflowing()), "overflow");

        assertThat(result.exitCode()).isEqualTo(70);
        assertThat(result.err())
                .isEqualTo("shelflife: out of stack: give Java a larger thread stack with -Xss, such as"
                        + " SHELFLIFE_JAVA_OPTS=-Xss16m for the launcher or java -Xss16m -jar …\n"
                        + "run with --debug for the stack trace\n");
    }

    @Test
    void endsAnyOtherErrorAsAnInternalErrorWithExit70AndItsTraceOnlyWithDebug() {
        Result plain = run(List.of(new Throwing(new OutOfMemoryError("Java heap space"))), "throw");
        Result linkage = run(List.of(new Throwing(new NoClassDefFoundError("com/acme/Gone"))), "throw");
        Result debug = run(List.of(new Throwing(new AssertionError("bug"))), "--debug", "throw");

        assertThat(plain.exitCode()).isEqualTo(70);
        assertThat(plain.err())
                .startsWith("shelflife: out of memory (Java heap space): give Java more with -Xmx, such as"
                        + " SHELFLIFE_JAVA_OPTS=-Xmx4g for the launcher");
        assertThat(linkage.exitCode()).isEqualTo(70);
        assertThat(linkage.err())
                .isEqualTo("shelflife: internal error: java.lang.NoClassDefFoundError: com/acme/Gone\n"
                        + "run with --debug for the stack trace\n");
        assertThat(debug.exitCode()).isEqualTo(70);
        assertThat(debug.err())
                .startsWith("shelflife: internal error: java.lang.AssertionError: bug\n"
                        + "java.lang.AssertionError: bug\n\tat ");
    }

    @Test
    void endsAStackOverflowInARealProcessWithExit70() throws Exception {
        MainTest.Run run = MainTest.shelflife(temp, List.of(), OverflowingMain.class, "overflow");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(70);
        assertThat(run.err()).startsWith("shelflife: out of stack: give Java a larger thread stack with -Xss");
        assertThat(run.err().lines()).hasSize(2);
    }

    /** Runs {@link Main#execute} with the {@link Overflowing} command, as {@link Main#main} runs its own. */
    static final class OverflowingMain {
        private OverflowingMain() {}

        public static void main(String[] args) {
            System.exit(Main.execute(List.of(new Overflowing()), args));
        }
    }

    @Test
    void endsRunningOutOfHeapInARealProcessWithExit70AndTheOptionToRaiseIt() throws Exception {
        // 300,000 distinct findings: some 20 MB of report, far more than 24 MB of heap once read.
        Path report = temp.resolve("many.trivy.json");
        try (var writer = Files.newBufferedWriter(report)) {
            writer.write("{\"SchemaVersion\":2,\"ArtifactName\":\"many:1\",\"ArtifactType\":\"container_image\","
                    + "\"Results\":[{\"Target\":\"many:1 (debian 12.8)\",\"Class\":\"os-pkgs\",\"Type\":\"debian\","
                    + "\"Vulnerabilities\":[");
            for (int i = 0; i < 300_000; i++) {
                writer.write((i == 0 ? "" : ",") + "{\"VulnerabilityID\":\"CVE-2024-" + (10_000 + i)
                        + "\",\"PkgName\":\"pkg" + i + "\",\"InstalledVersion\":\"1.0." + i
                        + "\",\"FixedVersion\":\"1.1\",\"Severity\":\"HIGH\"}");
            }
            writer.write("]}]}");
        }

        MainTest.Run run = MainTest.shelflife(temp, List.of("-Xmx24m"), Main.class, "parse", report.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(70);
        assertThat(run.err()).startsWith("shelflife: out of memory (").contains("SHELFLIFE_JAVA_OPTS=-Xmx4g");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    // --- the result cannot be written: exit 74 ------------------------------------------------------

    @Test
    void exitsWith74WhenTheResultCannotBeWritten() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(
                new String[] {"parse", TRIVY_EXAMPLE.toString()},
                new PrintStream(broken, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(74);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("shelflife: cannot write the result to standard output (a full disk or a closed pipe?):"
                        + " what was written is incomplete\n");
    }

    @Test
    void exitsWith74WhenStandardOutputIsAFullDeviceOrAClosedPipe() throws Exception {
        assumeTrue(Files.exists(DEV_FULL), "needs /dev/full");

        MainTest.Run full = MainTest.shelflife(temp, DEV_FULL, "parse", "--output", "json", TRIVY_EXAMPLE.toString());
        MainTest.Run failingVerdictFull =
                MainTest.shelflife(temp, DEV_FULL, "evaluate", "--stage", "build", TRIVY_EXAMPLE.toString());
        MainTest.Run closed =
                MainTest.shelflife(temp, (Path) null, "parse", "--output", "json", TRIVY_EXAMPLE.toString());

        assertThat(full.exitCode()).as(full.err()).isEqualTo(74);
        assertThat(full.err()).startsWith("shelflife: cannot write the result to standard output");
        assertThat(failingVerdictFull.exitCode()).as(failingVerdictFull.err()).isEqualTo(74);
        assertThat(closed.exitCode()).as(closed.err()).isEqualTo(74);
    }
}
