package dev.shelflife.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.ReportParseException;
import dev.shelflife.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetInventoryReaderTest {

    private static final String DIGEST = "sha256:c1d5746826c0301a3f45fe5bdb2697c88a547b7775b9475568d241b1b782910b";

    @TempDir
    Path temp;

    @BeforeEach
    void reports() throws IOException {
        Files.createDirectories(temp.resolve("reports"));
        Files.writeString(temp.resolve("reports/a.json"), "{}");
        Files.writeString(temp.resolve("reports/b.json"), "{}");
    }

    private FleetInventory read(String name, String text) throws IOException {
        return FleetInventoryReader.read(Files.writeString(temp.resolve(name), text));
    }

    private String failure(String text) {
        Path file = temp.resolve("inventory.yaml");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Throwable thrown = catchThrowable(() -> FleetInventoryReader.read(file));
        assertThat(thrown).isInstanceOf(ReportParseException.class);
        return thrown.getMessage().substring(temp.toString().length() + 1);
    }

    @Test
    void readsEveryKeyOfAYamlInventory() throws IOException {
        FleetInventory inventory = read("inventory.yaml", """
                images:
                  - name: ghcr.io/acme/shop-api:1.6.0
                    stage: run
                    reports: [reports/a.json, reports/b.json]
                    base-image:
                      name: python:3.12-slim
                      digest: %s
                      moved-at: 2025-08-20T05:12:00+02:00
                    built-at: 2025-06-02T09:14:00Z
                    deployed-since: 2025-06-03T10:00:00Z
                  - name: ghcr.io/acme/worker:2
                    stage: staging
                    reports: [reports/a.json]
                """.formatted(DIGEST));

        assertThat(inventory.images()).hasSize(2);
        FleetInventory.Image api = inventory.images().get(0);
        assertThat(api.name()).isEqualTo("ghcr.io/acme/shop-api:1.6.0");
        assertThat(api.stage()).isEqualTo(Stage.RUN);
        assertThat(api.reports()).containsExactly(temp.resolve("reports/a.json"), temp.resolve("reports/b.json"));
        assertThat(api.baseImage())
                .contains(new FleetInventory.Base(
                        "python:3.12-slim", Optional.of(DIGEST), Optional.of(Instant.parse("2025-08-20T03:12:00Z"))));
        assertThat(api.builtAt()).contains(Instant.parse("2025-06-02T09:14:00Z"));
        assertThat(api.deployedSince()).contains(Instant.parse("2025-06-03T10:00:00Z"));
        assertThat(api.stageLocation().toString()).endsWith("inventory.yaml:3:12 (/images/0/stage)");
        assertThat(inventory.images().get(1).stage()).isEqualTo(Stage.of("staging"));
        assertThat(inventory.images().get(1).baseImage()).isEmpty();
    }

    @Test
    void readsJsonAndTakesTheDigestBesideTheTag() throws IOException {
        FleetInventory inventory = read("fleet.json", """
                {"images": [{"name": "app:1", "stage": "deploy", "reports": ["reports/a.json"],
                             "base-image": {"name": "python:3.12-slim@%s"}}]}
                """.formatted(DIGEST));

        assertThat(inventory.images().get(0).baseImage())
                .contains(new FleetInventory.Base("python:3.12-slim", Optional.of(DIGEST), Optional.empty()));
    }

    @Test
    void refusesUnknownAndDuplicateKeysWhereTheyAre() {
        assertThat(failure("""
                images:
                  - name: app:1
                    stage: run
                    reports: [reports/a.json]
                    team: payments
                """))
                .isEqualTo("inventory.yaml:5:5 (/images/0/team): unknown key \"team\" in an image; expected one of:"
                        + " name, stage, reports, base-image, built-at, deployed-since");
        assertThat(failure("""
                images:
                  - name: app:1
                    name: app:2
                """))
                .isEqualTo("inventory.yaml:3:5 (/images/0/name): duplicate key \"name\" (first at line 2, column 5)");
        assertThat(failure("""
                fleet: []
                """)).startsWith("inventory.yaml:1:1 (/fleet): unknown key \"fleet\" in the inventory");
    }

    @Test
    void refusesWrongShapesMissingKeysAndBadValues() {
        assertThat(failure("images: {name: app}\n"))
                .isEqualTo("inventory.yaml:1:9 (/images): expected a list for images, got a mapping");
        assertThat(failure("images:\n  - {name: app:1, stage: run}\n"))
                .isEqualTo("inventory.yaml:2:5 (/images/0): missing key \"reports\" in an image");
        assertThat(failure("images:\n  - {name: app:1, stage: run, reports: []}\n"))
                .isEqualTo("inventory.yaml:2:40 (/images/0/reports): an image needs at least one report");
        assertThat(failure("images:\n  - {name: app:1, stage: 7, reports: [reports/a.json]}\n"))
                .isEqualTo("inventory.yaml:2:26 (/images/0/stage): expected a stage (a string), got a number");
        assertThat(failure("images:\n  - {name: 'UPPER/Case:1', stage: run, reports: [reports/a.json]}\n"))
                .startsWith("inventory.yaml:2:12 (/images/0/name): invalid image reference \"UPPER/Case:1\"");
        assertThat(failure("images:\n  - {name: app:1, stage: Prod!, reports: [reports/a.json]}\n"))
                .startsWith("inventory.yaml:2:26 (/images/0/stage): ");
        assertThat(failure("images:\n  - {name: app:1, stage: run, reports: [reports/a.json], built-at: 2025-06-02}\n"))
                .isEqualTo(
                        "inventory.yaml:2:68 (/images/0/built-at): bad instant \"2025-06-02\": expected an ISO-8601 date and"
                                + " time with an offset, such as 2025-08-20T03:12:00Z");
        assertThat(
                        failure(
                                "images:\n  - {name: app:1, stage: run, reports: [reports/a.json], base-image: {name: x, digest: md5:1}}\n"))
                .startsWith("inventory.yaml:2:88 (/images/0/base-image/digest): invalid digest \"md5:1\"");
        assertThat(failure("images:\n  - {name: app:1, stage: run, reports: [reports/a.json], base-image: {digest: "
                        + DIGEST + "}}\n"))
                .isEqualTo("inventory.yaml:2:70 (/images/0/base-image): missing key \"name\" in base-image");
        assertThat(failure("images: []\n")).isEqualTo("inventory.yaml:1:9 (/images): the inventory lists no image");
    }

    @Test
    void refusesMissingReportsAndTwoImagesOfOneName() {
        assertThat(failure("images:\n  - {name: app:1, stage: run, reports: [reports/missing.json]}\n"))
                .startsWith(
                        "inventory.yaml:2:41 (/images/0/reports/0): no readable report file reports/missing.json (looked for ");
        assertThat(failure("""
                images:
                  - {name: app:1, stage: run, reports: [reports/a.json]}
                  - {name: app:1, stage: deploy, reports: [reports/b.json]}
                """))
                .isEqualTo("inventory.yaml:3:5 (/images/1): the image app:1 is listed twice (first at line 2)");
    }

    @Test
    void refusesYamlAnchorsAliasesTagsAndASecondDocument() {
        assertThat(failure("""
                images:
                  - &first {name: app:1, stage: run, reports: [reports/a.json]}
                """)).startsWith("inventory.yaml:2:5 (/images/0): YAML anchors (&first) are not allowed");
        assertThat(failure("""
                images:
                  - {name: app:1, stage: !!str run, reports: [reports/a.json]}
                """)).contains("YAML tags (!tag:yaml.org,2002:str) are not allowed");
        assertThat(failure("""
                images:
                  - {name: app:1, stage: run, reports: [reports/a.json]}
                ---
                images: []
                """)).contains("only one document is allowed");
        assertThat(failure("images: [\n")).startsWith("inventory.yaml:").contains("not well-formed YAML");
    }

    @Test
    void refusesEmptyHugeDeepAndNonUtf8Files() throws IOException {
        Path binary = Files.write(temp.resolve("binary.yaml"), new byte[] {'i', (byte) 0xC3, (byte) 0x28});
        Path huge = Files.writeString(temp.resolve("huge.yaml"), "#" + "x".repeat(FleetInventoryReader.MAX_BYTES));

        assertThat(failure("")).isEqualTo("inventory.yaml (/): the inventory is empty");
        assertThat(failure("images:\n  - " + "[".repeat(40) + "]".repeat(40) + "\n"))
                .isEqualTo("inventory.yaml:2:5 (/images/0): expected a mapping for an image, got a list");
        assertThatThrownBy(() -> FleetInventoryReader.read(binary))
                .hasMessageEndingWith("binary.yaml (/): not UTF-8 text");
        assertThatThrownBy(() -> FleetInventoryReader.read(huge))
                .hasMessageContaining("limit exceeded: larger than 4194304 bytes");
    }
}
