package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Component;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportCodecTest {

    private static final Instant AT = Instant.parse("2026-03-01T06:00:00.123456789Z");

    @Test
    void decodesWhatItEncodedWithEveryPartOfTheModelSet() {
        ScanReport report = everything();

        assertThat(ReportCodec.decode(ReportCodec.encode(report))).isEqualTo(report);
    }

    @Test
    void rebuildsAReportFromItsHeaderAndItsFindingsAsTheStoreKeepsThem() {
        ScanReport report = everything();
        ReportCodec.Parts parts = ReportCodec.split(report);
        long[] ids = {7, 3};
        long[] vulnerabilities = {12, 2};

        ReportCodec.Envelope envelope =
                ReportCodec.openEnvelope(ReportCodec.envelope(parts.header(), ids, vulnerabilities));
        List<Finding> findings = new java.util.ArrayList<>();
        for (int i = 0; i < parts.findings().size(); i++) {
            findings.add(ReportCodec.decodeFinding(
                    ReportCodec.decodeVulnerability(parts.vulnerabilities().get(i)),
                    parts.findings().get(i)));
        }

        assertThat(envelope.findingIds()).containsExactly(7, 3);
        assertThat(envelope.vulnerabilityIds()).containsExactly(12, 2);
        assertThat(ReportCodec.assemble(envelope.header(), findings)).isEqualTo(report);
    }

    @Test
    void hashesEqualReportsAlikeWhateverTheOrderOfTheirLabels() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        ScanReport one = withLabels(forward);
        ScanReport other = withLabels(backward);

        assertThat(ReportCodec.split(one).contentHash())
                .isEqualTo(ReportCodec.split(other).contentHash());
        assertThat(ReportCodec.split(one).contentHash())
                .isNotEqualTo(ReportCodec.split(everything()).contentHash())
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void hashesTwoReportsThatDifferInOneFindingApart() {
        ScanReport report = everything();
        ScanReport other = ScanReport.builder(report.kind(), report.format(), report.scanner())
                .image(report.image())
                .finding(report.findings().get(0))
                .build();
        ScanReport same = ScanReport.builder(report.kind(), report.format(), report.scanner())
                .image(report.image())
                .finding(report.findings().get(0))
                .build();

        assertThat(ReportCodec.split(other).contentHash())
                .isEqualTo(ReportCodec.split(same).contentHash());
        assertThat(ReportCodec.split(other).contentHash())
                .isNotEqualTo(ReportCodec.split(report).contentHash());
    }

    @Test
    void hasACodeForEveryConstantOfEveryEnumItWrites() {
        List<Set<? extends Enum<?>>> all = List.of(
                EnumSet.allOf(Severity.class),
                EnumSet.allOf(FixState.class),
                EnumSet.allOf(EvidenceKind.class),
                EnumSet.allOf(Artifact.Type.class),
                EnumSet.allOf(Problem.Kind.class),
                EnumSet.allOf(VexStatement.State.class));

        assertThat(ReportCodec.codeTables()).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(Arrays.asList(ReportCodec.codeTables().get(i)))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(all.get(i));
        }
    }

    @Test
    void readsBackEveryStringExactlyLoneSurrogatesAndNulsIncluded() {
        qt().withFixedSeed(16)
                .withExamples(2000)
                .forAll(strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert(text -> {
                    BinaryWriter out = new BinaryWriter(8);
                    out.writeString(text);
                    assertThat(new BinaryReader(out.toByteArray()).readString()).isEqualTo(text);
                });
        BinaryWriter out = new BinaryWriter(8);
        out.writeString("\uD800 \u0000 \uDFFF");
        assertThat(new BinaryReader(out.toByteArray()).readString()).isEqualTo("\uD800 \u0000 \uDFFF");
    }

    @Test
    void readsBackEveryNumberExactly() {
        qt().withFixedSeed(16).forAll(longs().all(), integers().all()).checkAssert((value, small) -> {
            BinaryWriter out = new BinaryWriter(4);
            out.writeSigned(value);
            out.writeUnsigned(value);
            out.writeSigned(small);
            BinaryReader in = new BinaryReader(out.toByteArray());
            assertThat(in.readSigned()).isEqualTo(value);
            assertThat(in.readUnsigned()).isEqualTo(value);
            assertThat(in.readSigned()).isEqualTo(small.longValue());
            assertThat(in.atEnd()).isTrue();
        });
    }

    @Test
    void refusesDamagedBytesWithACorruptRecordExceptionNeverAnotherError() {
        byte[] encoded = ReportCodec.encode(everything());
        Random random = new Random(16);
        for (int i = 0; i < 300; i++) {
            byte[] damaged = encoded.clone();
            int position = 1 + random.nextInt(damaged.length - 1);
            damaged[position] ^= (byte) (1 + random.nextInt(255));
            try {
                ScanReport decoded = ReportCodec.decode(damaged);
                assertThat(decoded).isNotNull();
            } catch (CorruptRecordException e) {
                assertThat(e).hasMessageNotContaining("null");
            }
        }
        for (int length = 0; length < encoded.length; length += 7) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> ReportCodec.decode(cut)).isInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void saysWhichFormatItFoundWhenTheBytesComeFromANewerShelfLife() {
        byte[] encoded = ReportCodec.encode(everything());
        encoded[0] = 9;

        assertThatThrownBy(() -> ReportCodec.decode(encoded))
                .isInstanceOfSatisfying(
                        ReportCodec.UnknownFormatException.class,
                        e -> assertThat(e.version()).isEqualTo(9))
                .hasMessage("written in record format 9, and this ShelfLife reads format 1");
    }

    @Test
    void refusesAnEncodingWhoseFindingCountDisagreesWithItsCounts() {
        byte[] header = ReportCodec.split(everything()).header();
        Finding one = everything().findings().get(0);

        assertThatThrownBy(() -> ReportCodec.assemble(header, List.of(one)))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("counts.findings");
    }

    private static ScanReport withLabels(Map<String, String> labels) {
        Image image = new Image(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                labels,
                Optional.empty());
        return ScanReport.builder(
                        EvidenceKind.SCAN, ReportFormat.of("trivy", "Trivy JSON", "2"), ScannerTool.of("Trivy", null))
                .image(image)
                .build();
    }

    /** A report with every part of the model set, and text that a careless encoding would not read back. */
    static ScanReport everything() {
        Finding full = new Finding(
                Vulnerability.builder("CVE-2026-1001")
                        .alias("GHSA-xxxx-yyyy-zzzz")
                        .alias("DSA-5000-1")
                        .severity(Severity.CRITICAL)
                        .severitySource("nvd")
                        .rating(Rating.of(
                                "nvd", Severity.CRITICAL, 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                        .rating(Rating.of("redhat", null, -0.0 + 0.0, null))
                        .rating(Rating.of("debian", Severity.LOW, null, null))
                        .published(Instant.parse("2026-01-02T03:04:05Z"))
                        .modified(AT)
                        .epss(new Epss(0.97123, 0.99876, Optional.of(LocalDate.of(2026, 2, 28))))
                        .knownExploited(new KnownExploited(
                                "CISA KEV",
                                Optional.of(LocalDate.of(2026, 1, 10)),
                                Optional.of(LocalDate.of(2026, 1, 31)),
                                Optional.of(true)))
                        .title("Überlauf in \uD83D\uDE00 \uD800 \u0000 handling")
                        .cwe("CWE-787")
                        .primaryUrl("https://example.test/CVE-2026-1001")
                        .build(),
                InstalledPackage.builder("openssl")
                        .version("3.0.11-1~deb12u2")
                        .purl("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")
                        .type("debian")
                        .sourcePackage("openssl")
                        .path("/usr/lib/x86_64-linux-gnu/libssl.so.3")
                        .layer("sha256:" + "a".repeat(64))
                        .build(),
                new Fix(FixState.FIXED, List.of("3.0.13-1~deb12u1", "3.1.5")),
                "ghcr.io/acme/shop-api:1.4.2 (debian 12.5)");
        Finding bare = new Finding(
                Vulnerability.builder("GHSA-1234-5678-9abc")
                        .knownExploited(
                                new KnownExploited("other", Optional.empty(), Optional.empty(), Optional.of(false)))
                        .build(),
                InstalledPackage.of("left-pad", "1.3.0"),
                Fix.of(FixState.UNDER_INVESTIGATION),
                "");
        Image image = Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2@sha256:" + "b".repeat(64)))
                .manifestDigest("sha256:" + "b".repeat(64))
                .configDigest("sha256:" + "c".repeat(64))
                .repoDigest("ghcr.io/acme/shop-api@sha256:" + "b".repeat(64))
                .createdAt(Instant.parse("2026-02-20T10:00:00Z"))
                .os("debian 12.5")
                .platform("linux/amd64")
                .label("org.opencontainers.image.source", "https://example.test/shop-api")
                .label("zeta", "last")
                .baseImage(new BaseImage(
                        "docker.io/library/python:3.12-slim",
                        Optional.of("sha256:" + "d".repeat(64)),
                        Optional.of("rebuild")))
                .build();
        return ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "Trivy JSON", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .artifact(new Artifact("ghcr.io/acme/shop-api:1.4.2", Artifact.Type.CONTAINER_IMAGE))
                .image(image)
                .scannedAt(AT)
                .databaseBuiltAt(Instant.parse("1969-12-31T23:59:59.999999999Z"))
                .finding(full)
                .finding(bare)
                .finding(full)
                .skipped("no VulnerabilityID", new ReportLocation("trivy.json", 12, 5, "/Results/0/Vulnerabilities/3"))
                .problem(new Problem(
                        Problem.Kind.COERCED_VALUE, "unknown severity \"SEVERE\"", ReportLocation.of("trivy.json")))
                .component(new Component(
                        "openssl",
                        Optional.of("3.0.11"),
                        Optional.empty(),
                        Optional.of("library"),
                        Optional.of("ref-1")))
                .vexStatement(new VexStatement(
                        "CVE-2026-1001",
                        List.of("GHSA-xxxx-yyyy-zzzz"),
                        List.of("pkg:deb/debian/openssl"),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("code_not_reachable"),
                        List.of("will_not_fix"),
                        Optional.of("not used"),
                        Optional.of(AT)))
                .statement(new VexStatement(
                        "CVE-2026-1002",
                        List.of(),
                        List.of(),
                        VexStatement.State.FALSE_POSITIVE,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty()))
                .statement(new VexStatement(
                        "GO-2026-1005",
                        List.of("CVE-2026-1005"),
                        List.of(
                                "pkg:oci/shop-api?repository_url=ghcr.io/acme/shop-api",
                                "cpe:/o:debian:debian_linux:12"),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("vulnerable_code_not_present"),
                        List.of(),
                        Optional.empty(),
                        Optional.of(AT),
                        Map.of(
                                "pkg:oci/shop-api?repository_url=ghcr.io/acme/shop-api",
                                List.of("pkg:deb/debian/zlib1g", "pkg:deb/debian/zlib1g-dev"),
                                "cpe:/o:debian:debian_linux:12",
                                List.of("pkg:deb/debian/openssl@3.0.11"))))
                .problem(new Problem(
                        Problem.Kind.MISSING_VALUE, "no Results", new ReportLocation("trivy.json", 1, 1, "/")))
                .ignoreRule(IgnoreRule.builder(".trivyignore.yaml:3", new ReportLocation(".trivyignore.yaml", 3, 5, ""))
                        .vulnerability("CVE-2026-1003")
                        .packageName("bash")
                        .packageVersion("5.2")
                        .packageType("deb")
                        .packageUrl("pkg:deb/debian/bash")
                        .path("**/*-lock.json")
                        .fixState(FixState.NOT_FIXED)
                        .vexStatus("not_affected")
                        .reason("not reachable")
                        .expires(AT.plusSeconds(86_400))
                        .owner("team-shop")
                        .build())
                .ignoreRule(IgnoreRule.builder(".trivyignore:1", ReportLocation.of(".trivyignore"))
                        .vulnerability("CVE-2026-1004")
                        .build())
                .build();
    }
}
