package dev.shelflife.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the shell steps of a recipe in docs/recipes as its CI system or cluster would, in a
 * workspace folder, with the real {@code shelflife} CLI on the PATH and stand-ins for the tools
 * this machine does not have: {@code trivy}, {@code grype}, {@code oras} and {@code kubectl} hand
 * out prepared reports and pods, {@code docker} and {@code curl} write what they were asked to do
 * to a log (and {@code curl} hands out prepared feeds).
 *
 * <p>A stand-in finds the prepared report of an image under {@link #reports()} by the image
 * reference with {@code /}, {@code :} and {@code @} replaced by {@code _}: {@link #report(String, String)}.
 */
final class RecipeShell {

    private static final String STUBS = """
            report_key() { printf '%s' "$1" | tr '/:@' '___'; }
            """;

    private static final Map<String, String> TOOLS = Map.of(
            "shelflife", """
                    exec "$SHELFLIFE_JAVA" -cp "$SHELFLIFE_CLASSPATH" dev.shelflife.cli.Main "$@"
                    """,
            "trivy", """
                    # trivy image --format json --output FILE IMAGE
                    out=""; prev=""
                    for arg in "$@"; do [ "$prev" = --output ] && out="$arg"; prev="$arg"; done
                    image="$prev"
                    cp "$FAKE_REPORTS/$(report_key "$image").trivy.json" "$out"
                    """,
            "grype", """
                    # grype IMAGE -o json
                    cat "$FAKE_REPORTS/$(report_key "$1").grype.json"
                    """,
            "oras", """
                    # oras pull REFERENCE --output FOLDER
                    [ "$1" = pull ] && [ "$3" = --output ] || { echo "oras stand-in: unexpected $*" >&2; exit 2; }
                    cp "$FAKE_REPORTS/$(report_key "$2")".*.json "$4"/
                    """,
            "kubectl", """
                    # kubectl get pods --all-namespaces -o json
                    [ "$*" = "get pods --all-namespaces -o json" ] || { echo "kubectl stand-in: unexpected $*" >&2; exit 2; }
                    cat "$FAKE_PODS"
                    """,
            "docker", """
                    echo "docker $*" >> "$STUB_LOG"
                    """,
            "curl", """
                    # Downloads of the feeds get the example fleet's; every request is logged, with the data it sends.
                    echo "curl $*" >> "$STUB_LOG"
                    out=""; prev=""
                    for arg in "$@"; do
                      case "$prev" in
                        -*o) out="$arg" ;;
                        --data-urlencode) echo "data: $(cat "${arg#*@}")" >> "$STUB_LOG" ;;
                        --data-binary) echo "data: $(cat "${arg#@}")" >> "$STUB_LOG" ;;
                      esac
                      prev="$arg"
                    done
                    case "$prev" in
                      *known_exploited_vulnerabilities.json) cp "$FAKE_FEEDS/known_exploited_vulnerabilities.json" "$out" ;;
                      *epss_scores-current.csv.gz) gzip -c "$FAKE_FEEDS"/epss_scores-*.csv > "$out" ;;
                    esac
                    """);

    /** What one script did. */
    record Run(int exitCode, String out, String err) {}

    private final Path workspace;
    private final Path bin;
    private final Map<String, String> environment = new HashMap<>();

    /**
     * A shell with the stand-ins installed, whose scripts run in {@code temp/workspace}.
     *
     * @param temp an empty folder
     */
    RecipeShell(Path temp) throws IOException {
        this.workspace = Files.createDirectories(temp.resolve("workspace"));
        this.bin = Files.createDirectories(temp.resolve("bin"));
        Files.createDirectories(temp.resolve("fake-reports"));
        for (Map.Entry<String, String> tool : TOOLS.entrySet()) {
            Path file = bin.resolve(tool.getKey());
            Files.writeString(file, "#!/bin/bash\nset -eu\n" + STUBS + tool.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        environment.put(
                "SHELFLIFE_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("SHELFLIFE_CLASSPATH", System.getProperty("java.class.path"));
        environment.put("FAKE_REPORTS", reports().toString());
        environment.put("FAKE_FEEDS", MainTest.EXAMPLES.resolve("fleet/feeds").toString());
        environment.put("STUB_LOG", temp.resolve("stub.log").toString());
        Files.writeString(temp.resolve("stub.log"), "");
    }

    /** The folder the scripts run in. */
    Path workspace() {
        return workspace;
    }

    /** Where the stand-ins find the reports of an image. */
    Path reports() {
        return bin.resolveSibling("fake-reports");
    }

    /**
     * Prepares the report a scanner's stand-in hands out for an image.
     *
     * @param image the image reference, as the recipe names it
     * @param scanner {@code trivy} or {@code grype}
     * @param file the report
     */
    void report(String image, String scanner, Path file) throws IOException {
        Files.copy(file, reports().resolve(image.replaceAll("[/:@]", "_") + "." + scanner + ".json"));
    }

    /** What the stand-ins for {@code docker} and {@code curl} were asked to do. */
    String log() throws IOException {
        return Files.readString(Path.of(environment.get("STUB_LOG")), StandardCharsets.UTF_8);
    }

    /**
     * Sets a variable for the scripts that follow.
     *
     * @param name the name
     * @param value the value
     * @return this shell
     */
    RecipeShell env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Runs a script in the workspace.
     *
     * @param command the shell and its options, such as {@code bash -eo pipefail -c}; the script follows
     * @param script the script
     * @return what it did
     */
    Run run(List<String> command, String script) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workspace.getParent(), "out", ".txt");
        Path err = Files.createTempFile(workspace.getParent(), "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(concat(command, script))
                .directory(workspace.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the script did not finish in 3 minutes:\n" + script);
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> command, String script) {
        return Stream.concat(command.stream(), Stream.of(script)).toList();
    }
}
