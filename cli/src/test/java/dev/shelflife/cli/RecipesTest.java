package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes in docs/recipes, run as far as this machine allows: every YAML file is parsed, and
 * the shell of each CI step, hook and job is run as its CI system or cluster would run it, with
 * the real CLI and stand-ins for the scanners, the registry and the cluster ({@link RecipeShell}),
 * on the example reports. The steps that call other people's actions, the images and the
 * clusters themselves are not run here; each recipe page says so.
 */
class RecipesTest {

    private static final Path RECIPES = MainTest.EXAMPLES.resolveSibling("docs").resolve("recipes");
    private static final ObjectMapper YAML =
            new YAMLMapper(YAMLFactory.builder().build()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BASH = List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c");
    private static final String FAILS_AT_BUILD = "## ❌ ShelfLife: **FAIL** at stage `build`";

    @TempDir
    Path temp;

    private static List<JsonNode> yaml(String recipe) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(RECIPES.resolve(recipe).toFile())) {
            return documents.readAll();
        }
    }

    private static List<Path> files(String... extensions) throws IOException {
        try (Stream<Path> files = Files.list(RECIPES)) {
            return files.filter(f ->
                            Stream.of(extensions).anyMatch(e -> f.toString().endsWith(e)))
                    .sorted()
                    .toList();
        }
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void parsesEveryYamlFileOfTheRecipesStrictly() throws IOException {
        List<Path> files = files(".yml", ".yaml");

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "github-actions.yml",
                        "gitlab-ci.yml",
                        "argocd-presync-gate.yaml",
                        "nightly-plan-cronjob.yaml",
                        "admission-webhook.yaml");
        for (Path file : files) {
            assertThat(yaml(file.getFileName().toString()))
                    .as(file.toString())
                    .isNotEmpty()
                    .allMatch(JsonNode::isObject);
        }
    }

    @Test
    void showsOnTheRecipePagesOnlyShelflifeCommandsThatTheTestedFilesRun() throws IOException {
        StringBuilder tested = new StringBuilder();
        for (Path file : files(".yml", ".yaml")) {
            tested.append(text(file));
        }
        Pattern command = Pattern.compile("^\\s*(shelflife \\S.*)$", Pattern.MULTILINE);
        List<String> shown = new ArrayList<>();
        for (Path page : files(".md")) {
            Matcher matcher = command.matcher(text(page));
            while (matcher.find()) {
                shown.add(matcher.group(1));
            }
        }

        assertThat(shown).isNotEmpty().allSatisfy(line -> assertThat(tested).contains(line));
    }

    @Test
    void runsTheGitHubActionsJobUpToTheSarifUpload() throws Exception {
        JsonNode job = yaml("github-actions.yml").get(0).at("/jobs/image-policy");
        RecipeShell shell = new RecipeShell(temp);
        String image = job.at("/env/IMAGE")
                .asText()
                .replace("${{ github.repository }}", "acme/shop-api")
                .replace("${{ github.sha }}", "0123abc");
        shell.report(image, "trivy", MainTest.EXAMPLES.resolve("trivy-shop-api-1.4.2.json"));
        shell.report(image, "grype", MainTest.EXAMPLES.resolve("grype-shop-api-1.4.2.json"));
        Path summary = temp.resolve("step-summary.md");
        Path githubPath = temp.resolve("github-path");
        job.get("env")
                .properties()
                .forEach(variable ->
                        shell.env(variable.getKey(), variable.getValue().asText()));
        shell.env("IMAGE", image)
                .env("GITHUB_WORKSPACE", shell.workspace().toString())
                .env("GITHUB_STEP_SUMMARY", summary.toString())
                .env("GITHUB_PATH", githubPath.toString());

        Map<String, Integer> exits = new LinkedHashMap<>();
        boolean failed = false;
        for (JsonNode step : job.get("steps")) {
            String condition = step.path("if").asText("success()");
            if (step.has("uses") || failed && !condition.contains("failure()")) {
                continue;
            }
            assertThat(step.get("run").asText())
                    .as("a run step uses env, not ${{ }} expressions")
                    .doesNotContain("${{");
            RecipeShell.Run run = shell.run(BASH, step.get("run").asText());
            exits.put(step.get("name").asText(), run.exitCode());
            failed |= run.exitCode() != 0;
        }

        assertThat(exits)
                .containsExactly(
                        Map.entry("Put shelflife on the PATH", 0),
                        Map.entry("Keep the history in the workspace", 0),
                        Map.entry("Build the image", 0),
                        Map.entry("Scan", 0),
                        Map.entry("Evaluate the build stage", 1),
                        Map.entry("Draw the history", 0));
        assertThat(text(githubPath)).isEqualTo(shell.workspace() + "/.shelflife\n");
        assertThat(shell.log()).contains("docker build -t ghcr.io/acme/shop-api:0123abc .");
        JsonNode cache = step(job, "actions/cache@");
        assertThat(cache.at("/with/path").asText()).isEqualTo(".shelflife-history");
        assertThat(job.at("/env/SHELFLIFE_HISTORY").asText())
                .startsWith(cache.at("/with/path").asText() + "/");
        JsonNode history = JSON.readTree(NightlyHistoryTest.shelflife(
                        "history",
                        "ghcr.io/acme/shop-api",
                        "--history",
                        shell.workspace()
                                .resolve(job.at("/env/SHELFLIFE_HISTORY").asText())
                                .toString(),
                        "--output",
                        "json")
                .out());
        assertThat(history.get("images"))
                .singleElement()
                .satisfies(recorded -> assertThat(recorded.asText()).startsWith(image + "@sha256:"));
        assertThat(history.get("scans")).hasSize(2);
        assertThat(history.get("verdicts"))
                .as("two outputs of one verdict, recorded once")
                .hasSize(1);
        assertThat(text(shell.workspace()
                        .resolve(step(job, "actions/upload-artifact@")
                                .at("/with/path")
                                .asText())))
                .startsWith("<!DOCTYPE html>");
        JsonNode upload = step(job, "github/codeql-action/upload-sarif@");
        assertThat(upload.get("uses").asText()).startsWith("github/codeql-action/upload-sarif@");
        assertThat(upload.get("if").asText()).isEqualTo("success() || failure()");
        JsonNode sarif = JSON.readTree(shell.workspace()
                .resolve(upload.at("/with/sarif_file").asText())
                .toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.at("/runs/0/properties/outcome").asText()).isEqualTo("FAIL");
        assertThat(sarif.at("/runs/0/results")).isNotEmpty();
        assertThat(text(summary)).startsWith(FAILS_AT_BUILD);
    }

    @Test
    void runsTheGitLabJobsAndCommentsOnTheMergeRequest() throws Exception {
        JsonNode pipeline = yaml("gitlab-ci.yml").get(0);
        RecipeShell shell = new RecipeShell(temp);
        String image = pipeline.at("/variables/IMAGE")
                .asText()
                .replace("$CI_REGISTRY_IMAGE", "registry.gitlab.example/acme/shop-api")
                .replace("$CI_COMMIT_SHA", "0123abc");
        shell.report(image, "trivy", MainTest.EXAMPLES.resolve("trivy-shop-api-1.4.2.json"));
        shell.report(image, "grype", MainTest.EXAMPLES.resolve("grype-shop-api-1.4.2.json"));
        pipeline.at("/image-policy/variables")
                .properties()
                .forEach(variable ->
                        shell.env(variable.getKey(), variable.getValue().asText()));
        shell.env("IMAGE", image)
                .env("CI_REGISTRY_IMAGE", "registry.gitlab.example/acme/shop-api")
                .env("CI_REGISTRY", "registry.gitlab.example")
                .env("CI_REGISTRY_USER", "ci")
                .env("CI_REGISTRY_PASSWORD", "secret")
                .env("CI_API_V4_URL", "https://gitlab.example/api/v4")
                .env("CI_PROJECT_ID", "42")
                .env("CI_MERGE_REQUEST_IID", "7")
                .env("SHELFLIFE_BOT_TOKEN", "token");

        RecipeShell.Run build = shell.run(BASH, script(pipeline.at("/build/script")));
        RecipeShell.Run policy = shell.run(BASH, script(pipeline.at("/image-policy/script")));

        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(policy.exitCode()).as(policy.err()).isEqualTo(1);
        assertThat(policy.out()).startsWith(FAILS_AT_BUILD);
        assertThat(pipeline.at("/image-policy/cache/paths/0").asText() + "history.db")
                .isEqualTo(
                        pipeline.at("/image-policy/variables/SHELFLIFE_HISTORY").asText());
        assertThat(Files.size(shell.workspace().resolve(".shelflife-history/history.db")))
                .isPositive();
        assertThat(text(shell.workspace().resolve("shelflife-history.html")))
                .startsWith("<!DOCTYPE html>")
                .contains("History of <span class=\"x\">registry.gitlab.example/acme/shop-api</span>");
        RecipeShell.Run next = shell.run(BASH, script(pipeline.at("/image-policy/script")));
        assertThat(next.exitCode()).as(next.err()).isEqualTo(1);
        JsonNode history = JSON.readTree(NightlyHistoryTest.shelflife(
                        "history",
                        "registry.gitlab.example/acme/shop-api",
                        "--history",
                        shell.workspace()
                                .resolve(".shelflife-history/history.db")
                                .toString(),
                        "--output",
                        "json")
                .out());
        assertThat(history.get("scans")).as("the same reports, recorded once").hasSize(2);
        assertThat(history.get("verdicts")).as("a verdict per pipeline").hasSize(2);
        String comment = text(shell.workspace().resolve("shelflife.md"));
        assertThat(shell.log())
                .contains("docker build -t registry.gitlab.example/acme/shop-api:0123abc .")
                .contains("--request POST --header PRIVATE-TOKEN: token --data-urlencode body@shelflife.md "
                        + "https://gitlab.example/api/v4/projects/42/merge_requests/7/notes")
                .contains("data: " + comment.strip());
    }

    /** The step of a job that uses an action. */
    private static JsonNode step(JsonNode job, String uses) {
        for (JsonNode step : job.get("steps")) {
            if (step.path("uses").asText().startsWith(uses)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + uses);
    }

    /** A GitLab job's script: its lines, run in one shell as the runner does. */
    private static String script(JsonNode lines) {
        List<String> script = new ArrayList<>();
        lines.forEach(line -> script.add(line.asText()));
        return String.join("\n", script);
    }

    @Test
    void runsTheArgoCdPreSyncGateWhichBlocksTheStaleExampleScans() throws Exception {
        JsonNode job = yaml("argocd-presync-gate.yaml").get(0);
        RecipeShell shell = new RecipeShell(temp);
        JsonNode pod = job.at("/spec/template/spec");
        JsonNode fetch = pod.at("/initContainers/0");
        shell.report(
                fetch.at("/env/0/value").asText(), "trivy", MainTest.EXAMPLES.resolve("trivy-shop-api-1.4.2.json"));
        shell.report(
                fetch.at("/env/0/value").asText(), "grype", MainTest.EXAMPLES.resolve("grype-shop-api-1.4.2.json"));
        shell.env(fetch.at("/env/0/name").asText(), fetch.at("/env/0/value").asText());

        Path history = temp.resolve("history.db");
        JsonNode evaluate = pod.at("/containers/0");
        env(shell, evaluate, Map.of("SHELFLIFE_HISTORY", history.toString()));

        RecipeShell.Run fetched = runContainer(shell, fetch);
        RecipeShell.Run gate = runContainer(shell, evaluate);

        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook").asText())
                .isEqualTo("PreSync");
        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(1);
        assertThat(gate.out())
                .startsWith("deploy  ENFORCE  @")
                .contains("=> FAIL")
                .contains(
                        "[scan-age BLOCK] the latest scan, made 2025-01-16T06:00:12.913377104Z, reached the 7d age limit")
                .contains("RESCAN")
                .contains("history  lineage ghcr.io/acme/shop-api, ");
        JsonNode timeline = JSON.readTree(NightlyHistoryTest.shelflife(
                        "history",
                        evaluate.at("/env/0/value").asText(),
                        "--history",
                        history.toString(),
                        "--output",
                        "json")
                .out());
        assertThat(timeline.get("scans")).hasSize(2);
        assertThat(timeline.at("/verdicts/0/stage").asText()).isEqualTo("deploy");
        assertThat(timeline.at("/verdicts/0/outcome").asText()).isEqualTo("FAIL");
    }

    /**
     * Runs a container's {@code command} and {@code args} in the workspace, its volume mounts
     * mapped to folders under the test's temporary folder.
     */
    private RecipeShell.Run runContainer(RecipeShell shell, JsonNode container) throws Exception {
        String script = container.at("/args/0").asText();
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.get("mountPath").asText();
            Path folder = Files.createDirectories(temp.resolve("volumes" + path));
            script = script.replace(path, folder.toString());
        }
        List<String> command = new ArrayList<>();
        container.get("command").forEach(word -> command.add(word.asText()));
        return shell.run(command, script);
    }

    @Test
    void runsTheNightlyPlanOverThePodsOfAFakeCluster() throws Exception {
        List<JsonNode> documents = yaml("nightly-plan-cronjob.yaml");
        JsonNode cronJob = documents.get(documents.size() - 1);
        JsonNode container = cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
        RecipeShell shell = new RecipeShell(temp);
        Path fleet = MainTest.EXAMPLES.resolve("fleet/reports");
        shell.report("ghcr.io/acme/shop-api:1.6.0", "trivy", fleet.resolve("shop-api-1.6.0.nightly.trivy.json"));
        shell.report("ghcr.io/acme/shop-worker:1.6.0", "trivy", fleet.resolve("shop-worker-1.6.0.nightly.trivy.json"));
        shell.report("ghcr.io/acme/edge-proxy:2.4.0", "trivy", fleet.resolve("edge-proxy-2.4.0.nightly.trivy.json"));
        shell.report("ghcr.io/acme/reports-api:0.9.3", "trivy", fleet.resolve("reports-api-0.9.3.nightly.trivy.json"));
        Path pods = temp.resolve("pods.json");
        Files.writeString(pods, PODS, StandardCharsets.UTF_8);
        Path history = temp.resolve("history.db");
        env(shell, container, Map.of("SHELFLIFE_HISTORY", history.toString()));
        // This machine reaches no registry: the air-gapped variant the recipe names, on the example fleet's file.
        shell.env("FAKE_PODS", pods.toString())
                .env("REGISTRY", "--registry-offline " + MainTest.EXAMPLES.resolve("fleet/bases.txt"))
                .env("PLAN_WEBHOOK", "https://chat.example/hooks/plan");

        RecipeShell.Run run = runContainer(shell, container);

        assertThat(cronJob.get("kind").asText()).isEqualTo("CronJob");
        assertThat(documents.get(1).at("/rules/0/verbs/0").asText()).isEqualTo("list");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(text(shell.workspace().resolve("images.txt"))).isEqualTo("""
                ghcr.io/acme/edge-proxy:2.4.0
                ghcr.io/acme/reports-api:0.9.3
                ghcr.io/acme/shop-api:1.6.0
                ghcr.io/acme/shop-worker:1.6.0
                """);
        JsonNode inventory =
                JSON.readTree(shell.workspace().resolve("inventory.json").toFile());
        assertThat(inventory.at("/images/2"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"name\": \"ghcr.io/acme/shop-api:1.6.0\", \"stage\": \"run\", \"reports\": [\"reports/3.json\"]}"));
        String plan = text(shell.workspace().resolve("plan.md"));
        assertThat(run.out()).startsWith(plan);
        assertThat(plan)
                .contains(
                        "REBUILD NOW: `ghcr.io/acme/shop-api:1.6.0`",
                        "`ghcr.io/acme/shop-worker:1.6.0`",
                        "`ghcr.io/acme/edge-proxy:2.4.0`",
                        "`ghcr.io/acme/reports-api:0.9.3`",
                        "python:3.12-slim");
        assertThat(shell.log())
                .contains("curl -sSfo kev.json https://www.cisa.gov/")
                .contains("--data-binary @plan.md https://chat.example/hooks/plan")
                .contains("data: " + plan.strip());
        // The history: each night's scans recorded once, where the base tag pointed, each night's verdict.
        assertThat(run.err()).contains("reports/3.json: recorded as sha256:");
        RecipeShell.Run again = runContainer(shell, container);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("reports/3.json: already recorded as sha256:");
        JsonNode timeline = JSON.readTree(NightlyHistoryTest.shelflife(
                        "history", "ghcr.io/acme/shop-api:1.6.0", "--history", history.toString(), "--output", "json")
                .out());
        assertThat(timeline.get("scans")).hasSize(1);
        assertThat(timeline.at("/tags/0/reference").asText()).isEqualTo("docker.io/library/python:3.12-slim");
        assertThat(timeline.at("/tags/0/observedBy").asText()).isEqualTo("shelflife plan");
        assertThat(timeline.get("verdicts"))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.get("stage").asText()).isEqualTo("run"));
        try (Stream<Path> pages = Files.list(shell.workspace().resolve("pages"))) {
            assertThat(pages.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "ghcr.io_acme_edge-proxy_2.4.0.html",
                            "ghcr.io_acme_reports-api_0.9.3.html",
                            "ghcr.io_acme_shop-api_1.6.0.html",
                            "ghcr.io_acme_shop-worker_1.6.0.html");
        }
        assertThat(text(shell.workspace().resolve("pages/ghcr.io_acme_shop-api_1.6.0.html")))
                .startsWith("<!DOCTYPE html>")
                .contains("History of <span class=\"x\">ghcr.io/acme/shop-api:1.6.0</span>");
    }

    /**
     * Sets a container's variables; one that a Secret or ConfigMap gives takes its value from
     * {@code secrets}, as the cluster would.
     */
    private static void env(RecipeShell shell, JsonNode container, Map<String, String> secrets) {
        container.path("env").forEach(variable -> {
            String name = variable.get("name").asText();
            if (variable.has("valueFrom")) {
                assertThat(secrets).as("a value for " + name).containsKey(name);
                shell.env(name, secrets.get(name));
            } else {
                shell.env(name, variable.get("value").asText());
            }
        });
    }

    /** Two namespaces, a replicated image, a sidecar and an init container: four images. */
    private static final String PODS = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"metadata": {"name": "shop-api-7d9f-1", "namespace": "shop"},
               "spec": {"containers": [{"name": "api", "image": "ghcr.io/acme/shop-api:1.6.0"},
                                       {"name": "proxy", "image": "ghcr.io/acme/edge-proxy:2.4.0"}]}},
              {"metadata": {"name": "shop-api-7d9f-2", "namespace": "shop"},
               "spec": {"containers": [{"name": "api", "image": "ghcr.io/acme/shop-api:1.6.0"},
                                       {"name": "proxy", "image": "ghcr.io/acme/edge-proxy:2.4.0"}]}},
              {"metadata": {"name": "shop-worker-5c4b-1", "namespace": "shop"},
               "spec": {"containers": [{"name": "worker", "image": "ghcr.io/acme/shop-worker:1.6.0"}]}},
              {"metadata": {"name": "reports-0", "namespace": "reporting"},
               "spec": {"initContainers": [{"name": "migrate", "image": "ghcr.io/acme/reports-api:0.9.3"}],
                        "containers": [{"name": "reports", "image": "ghcr.io/acme/reports-api:0.9.3"}]}}
            ]}
            """;
}
