package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.ReportSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Detection across every installed adapter, as the commands detect a report's format: it reads as
 * far as the decision needs, so a huge report whose first keys decide costs a look at those keys,
 * and a report whose identifying keys come last, after a large value, is still recognised.
 */
class DetectionTest {

    /** How large the generated reports claim to be. */
    private static final long GIGABYTE = 1L << 30;
    /** What detection by all installed adapters together may read of one: a few buffers each. */
    private static final long LOOK = 4L << 20;

    /** A report in real key order: its head, one entry repeated until the report is a gigabyte, its tail. */
    private record Huge(String adapter, String head, String entry, String tail) {}

    private static final List<Huge> HUGE = List.of(
            new Huge(
                    "trivy",
                    "{\"SchemaVersion\": 2, \"CreatedAt\": \"2025-01-02T03:04:05Z\", \"ArtifactName\": \"app:1\","
                            + " \"ArtifactType\": \"container_image\", \"Results\": [{\"Target\": \"app:1 (debian 12.8)\","
                            + " \"Class\": \"os-pkgs\", \"Type\": \"debian\", \"Vulnerabilities\": [",
                    "{\"VulnerabilityID\": \"CVE-2024-0001\", \"PkgName\": \"libc6\", \"InstalledVersion\": \"2.36\","
                            + " \"Severity\": \"HIGH\"}",
                    "]}]}"),
            new Huge(
                    "trivy",
                    "[{\"Target\": \"alpine:3.9 (alpine 3.9.4)\", \"Type\": \"alpine\", \"Vulnerabilities\": [",
                    "{\"VulnerabilityID\": \"CVE-2019-14697\", \"PkgName\": \"musl\", \"Severity\": \"HIGH\"}",
                    "]}]"),
            new Huge(
                    "grype",
                    "{\"matches\": [",
                    "{\"vulnerability\": {\"id\": \"CVE-2024-0001\", \"severity\": \"High\", \"fix\": {\"versions\":"
                            + " [], \"state\": \"not-fixed\"}}, \"artifact\": {\"name\": \"musl\", \"version\": \"1\"}}",
                    "], \"source\": {\"type\": \"image\", \"target\": {\"userInput\": \"app:1\"}},"
                            + " \"descriptor\": {\"name\": \"grype\"}}"),
            new Huge(
                    "snyk",
                    "{\"vulnerabilities\": [",
                    "{\"id\": \"SNYK-DEBIAN12-GLIBC-1\", \"packageManager\": \"deb\", \"packageName\": \"glibc\","
                            + " \"name\": \"glibc/libc6\", \"version\": \"2.36\", \"severity\": \"high\"}",
                    "], \"ok\": false, \"packageManager\": \"deb\", \"projectName\": \"docker-image|app\"}"),
            new Huge(
                    "cyclonedx",
                    "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [",
                    "{\"bom-ref\": \"c\", \"type\": \"library\", \"name\": \"musl\", \"version\": \"1\"}",
                    "]}"),
            new Huge(
                    "snyk-sarif",
                    "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\","
                            + " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Snyk Container\"}}, \"results\": [",
                    "{\"ruleId\": \"SNYK-DEBIAN12-GLIBC-1\", \"level\": \"error\"}",
                    "]}]}"),
            new Huge(
                    "openvex",
                    "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"author\": \"ACME\", \"statements\": [",
                    "{\"vulnerability\": {\"name\": \"CVE-2024-0001\"}, \"products\": [{\"@id\": \"pkg:apk/alpine/musl\"}],"
                            + " \"status\": \"not_affected\", \"justification\": \"component_not_present\"}",
                    "]}"),
            new Huge(
                    "csaf",
                    "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, \"product_tree\":"
                            + " {\"full_product_names\": [{\"name\": \"musl\", \"product_id\": \"P\"}]},"
                            + " \"vulnerabilities\": [",
                    "{\"cve\": \"CVE-2024-0001\", \"product_status\": {\"fixed\": [\"P\"]}}",
                    "]}"),
            new Huge(
                    "sarif",
                    "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\","
                            + " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": [",
                    "{\"ruleId\": \"CVE-2024-0001\", \"message\": {\"text\": \"Package: libc6\"}}",
                    "]}]}"),
            new Huge(
                    "spdx",
                    "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\", \"packages\": [",
                    "{\"SPDXID\": \"SPDXRef-p\", \"name\": \"musl\", \"versionInfo\": \"1\"}",
                    "]}"),
            new Huge(
                    "aws-inspector2",
                    "{\"findings\": [",
                    "{\"findingArn\": \"arn:aws:inspector2:eu-west-1:1:finding/1\", \"type\": \"PACKAGE_VULNERABILITY\"}",
                    "]}"));

    @TestFactory
    Stream<DynamicTest> looksOnlyAtTheFirstKeysOfAGigabyteReportOfEachFormat() {
        ScannerAdapters adapters = ScannerAdapters.load();
        return HUGE.stream()
                .map(huge -> DynamicTest.dynamicTest(huge.adapter() + ": " + huge.head(), () -> {
                    AtomicLong read = new AtomicLong();
                    ReportSource source = ReportSource.of("huge.json", () -> new Generated(huge, read));

                    ScannerAdapters.Detected detected = adapters.detect(source);

                    assertThat(detected.adapter().id()).isEqualTo(huge.adapter());
                    assertThat(read.get())
                            .as(
                                    "bytes read of a %d-byte report by %d adapters",
                                    GIGABYTE, adapters.all().size())
                            .isLessThan(LOOK);
                }));
    }

    /** A report whose identifying keys come last, after a megabyte of a value no adapter reads. */
    private record KeysLast(String adapter, String document) {}

    private static final String PADDING = "\"x-padding\": \"" + "p".repeat(1 << 20) + "\"";

    private static final List<KeysLast> KEYS_LAST = List.of(
            new KeysLast(
                    "trivy",
                    "{\"Metadata\": {\"OS\": {\"Family\": \"alpine\"}}, " + PADDING
                            + ", \"ArtifactName\": \"app:1\", \"SchemaVersion\": 2, \"Results\": []}"),
            new KeysLast(
                    "grype",
                    "{\"distro\": {\"name\": \"alpine\"}, " + PADDING
                            + ", \"source\": {\"type\": \"image\", \"target\": {\"userInput\": \"app:1\"}},"
                            + " \"descriptor\": {\"name\": \"grype\"}, \"matches\": []}"),
            new KeysLast(
                    "snyk",
                    "{\"vulnerabilities\": [], " + PADDING
                            + ", \"ok\": true, \"packageManager\": \"npm\", \"projectName\": \"app\"}"),
            new KeysLast(
                    "cyclonedx",
                    "{\"components\": [{\"type\": \"library\", \"name\": \"musl\"}], " + PADDING
                            + ", \"specVersion\": \"1.6\", \"bomFormat\": \"CycloneDX\"}"),
            new KeysLast(
                    "snyk-sarif",
                    "{\"runs\": [{\"results\": [], \"tool\": {\"driver\": {\"name\": \"Snyk Open Source\"}}}], "
                            + PADDING + ", \"version\": \"2.1.0\","
                            + " \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"}"),
            new KeysLast(
                    "openvex",
                    "{\"author\": \"ACME\", " + PADDING + ", \"@context\": \"https://openvex.dev/ns/v0.2.0\","
                            + " \"statements\": []}"),
            new KeysLast(
                    "csaf",
                    "{\"vulnerabilities\": [], " + PADDING
                            + ", \"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}}"),
            new KeysLast(
                    "sarif",
                    "{\"runs\": [{\"results\": [], \"tool\": {\"driver\": {\"name\": \"grype\"}}}], "
                            + PADDING + ", \"version\": \"2.1.0\","
                            + " \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"}"),
            new KeysLast(
                    "spdx", "{\"name\": \"alpine\", " + PADDING + ", \"spdxVersion\": \"SPDX-2.3\", \"packages\": []}"),
            new KeysLast(
                    "aws-inspector2",
                    "{\"findings\": [{\"description\": \"" + "d".repeat(1 << 20) + "\","
                            + " \"findingArn\": \"arn:aws:inspector2:eu-west-1:1:finding/1\"}]}"));

    @TestFactory
    Stream<DynamicTest> recognisesEachFormatWhoseIdentifyingKeysComeLast() {
        ScannerAdapters adapters = ScannerAdapters.load();
        return KEYS_LAST.stream()
                .map(report -> DynamicTest.dynamicTest(report.adapter(), () -> {
                    ReportSource source =
                            ReportSource.of("last.json", report.document().getBytes(StandardCharsets.UTF_8));

                    assertThat(adapters.detect(source).adapter().id()).isEqualTo(report.adapter());
                    ScanReport read = adapters.read(source);
                    assertThat(read.format().adapterId()).isEqualTo(report.adapter());
                }));
    }

    /** The bytes of a huge report, made as they are read, counted. */
    private static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] entry;
        private final byte[] tail;
        private final AtomicLong read;
        private long position;
        private int inEntry;

        Generated(Huge huge, AtomicLong read) {
            this.head = huge.head().getBytes(StandardCharsets.UTF_8);
            this.entry = (huge.entry() + ",").getBytes(StandardCharsets.UTF_8);
            this.tail = huge.tail().getBytes(StandardCharsets.UTF_8);
            this.read = read;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = next();
                if (b < 0) {
                    break;
                }
                buffer[offset + n++] = (byte) b;
            }
            read.addAndGet(n);
            return n == 0 && length > 0 ? -1 : n;
        }

        private int next() {
            if (position < head.length) {
                return head[(int) position++];
            }
            long entries = GIGABYTE - head.length - tail.length;
            if (position < head.length + entries) {
                byte b = entry[inEntry];
                inEntry = (inEntry + 1) % entry.length;
                position++;
                // The last entry ends where the tail begins: no comma before it.
                return position == head.length + entries && b == ',' ? ' ' : b;
            }
            long inTail = position - head.length - entries;
            if (inTail < tail.length) {
                position++;
                return tail[(int) inTail];
            }
            return -1;
        }
    }
}
