package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.snyk.SnykJson.Remediation;
import dev.shelflife.snyk.SnykJson.VulnEntry;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code snyk test --json} and {@code snyk container test --json}: one project object, or
 * a top-level array of them ({@code --all-projects}, several images). A container project's
 * {@code applications[]} are projects too, and their entries findings of their own target.
 *
 * <p>Streams the document: each vulnerability entry is bound on its own. A project's entries are
 * held until the project object ends, because the fields that place them (target file, package
 * manager) follow the {@code vulnerabilities} array in Snyk's output.
 */
final class SnykJsonReader {

    /** The format's name. */
    static final String FORMAT = "snyk-json";

    private static final String CONTAINER_PREFIX = "docker-image|";
    /** Image transports that name an archive or a directory, not a reference ({@code docker-archive:app.tar}). */
    private static final Pattern TRANSPORT = Pattern.compile("^(docker-archive|oci-archive|oci|dir|docker-daemon|containers-storage):");
    private static final List<String> PROJECT_KEYS = List.of("packageManager", "projectName", "ok", "dependencyCount", "uniqueCount");
    /** Keys beside {@code vulnerabilities} that only a Snyk project has: a CycloneDX BOM has vulnerabilities too. */
    private static final Set<String> SNYK_KEYS = Set.of("packageManager", "projectName", "ok", "dependencyCount", "uniqueCount",
            "targetFile", "displayTargetFile", "path", "docker", "platform", "applications");

    private SnykJsonReader() {
    }

    /**
     * Claims a project object, or an array of them, whose head shows {@code vulnerabilities}
     * with Snyk's project keys or Snyk's entry keys, and Snyk's error results, so that reading
     * them says what Snyk reported.
     *
     * @param source the input
     * @return the detection
     */
    static Detection detect(ReportSource source) {
        HeadKeys head = HeadKeys.of(source);
        for (String prefix : List.of("", "[].")) {
            List<String> keys = PROJECT_KEYS.stream().filter(k -> head.has(prefix + k)).toList();
            boolean entries = head.has(prefix + "vulnerabilities[].packageManager") && head.has(prefix + "vulnerabilities[].packageName");
            String where = prefix.isEmpty() ? "a Snyk project" : "an array of Snyk projects";
            if (head.has(prefix + "vulnerabilities") && (!keys.isEmpty() || entries)) {
                return Detection.certain(FORMAT, null, where + ": vulnerabilities with "
                        + (entries ? "entries naming packageManager and packageName" : String.join(", ", keys)));
            }
            if (keys.contains("packageManager") && keys.contains("projectName")) {
                return Detection.certain(FORMAT, null, where + ": " + String.join(", ", keys));
            }
            if (head.has(prefix + "ok") && head.has(prefix + "error")) {
                return Detection.of(0.6, FORMAT, "a Snyk error result: ok and error, no vulnerabilities");
            }
        }
        if (head.has("vulnerabilities") || head.has("[].vulnerabilities")) {
            return Detection.of(0.2, FORMAT, "a vulnerabilities array without Snyk's project or entry keys");
        }
        return Detection.none(FORMAT, "no Snyk project keys (vulnerabilities with packageManager, projectName or ok)");
    }

    /**
     * Reads the whole document.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
        ReportAssembly assembly = new ReportAssembly(source);
        try (JsonCursor cursor = JsonCursor.open(source)) {
            if (cursor.firstToken() == JsonToken.START_ARRAY) {
                cursor.forEachElement(index -> {
                    cursor.require(JsonToken.START_OBJECT, "a Snyk project");
                    readProject(cursor, assembly).addTo(assembly);
                });
                if (!assembly.isStarted()) {
                    throw new UnsupportedReportException(cursor.location(), "an empty array holds no Snyk project");
                }
            } else {
                cursor.require(JsonToken.START_OBJECT, "a Snyk project or an array of them");
                readProject(cursor, assembly).addTo(assembly);
            }
            cursor.requireEnd();
            return assembly.build();
        }
    }

    private static Project readProject(JsonCursor cursor, ReportAssembly assembly) {
        Project project = new Project(cursor.location());
        cursor.forEachField(field -> {
            project.hasSnykKeys |= SNYK_KEYS.contains(field);
            switch (field) {
                case "vulnerabilities" -> readVulnerabilities(cursor, project, assembly);
                case "applications" -> readApplications(cursor, project, assembly);
                case "docker" -> readDocker(cursor, project);
                case "ok", "error", "packageManager", "projectName", "targetFile", "displayTargetFile", "path", "platform" ->
                        project.fields.put(field, cursor.text());
                default -> cursor.skip();
            }
        });
        project.requireResults();
        return project;
    }

    private static void readVulnerabilities(JsonCursor cursor, Project project, ReportAssembly assembly) {
        project.hasVulnerabilities = true;
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the vulnerabilities array");
        cursor.forEachElement(index -> {
            assembly.countEntry(cursor);
            ReportLocation at = cursor.location();
            project.entries.add(new Entry(cursor.read(VulnEntry.class), at));
        });
    }

    private static void readApplications(JsonCursor cursor, Project project, ReportAssembly assembly) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the applications array");
        cursor.forEachElement(index -> {
            cursor.require(JsonToken.START_OBJECT, "an application project");
            project.applications.add(readProject(cursor, assembly));
        });
    }

    private static void readDocker(JsonCursor cursor, Project project) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        project.docker = true;
        cursor.forEachField(field -> {
            switch (field) {
                case "baseImage" -> project.baseImage = cursor.text();
                case "baseImageRemediation" -> {
                    project.remediationLocation = cursor.location();
                    project.remediation = cursor.read(Remediation.class);
                }
                case "binariesVulns" -> readBinaries(cursor, project);
                default -> cursor.skip();
            }
        });
    }

    /** Counts the binaries (node, openjdk …) Snyk lists apart from the packages; their issues are not read. */
    private static void readBinaries(JsonCursor cursor, Project project) {
        if (cursor.currentToken() != JsonToken.START_OBJECT) {
            cursor.skip();
            return;
        }
        cursor.forEachField(field -> {
            if (field.equals("affectedPkgs") && cursor.currentToken() == JsonToken.START_OBJECT) {
                project.binariesLocation = cursor.location();
                cursor.forEachField(binary -> {
                    project.binaries++;
                    cursor.skip();
                });
            } else {
                cursor.skip();
            }
        });
    }

    /** One raw entry and where it starts. */
    private record Entry(VulnEntry vulnerability, ReportLocation location) {
    }

    /** One project object, as far as the report needs it; an application project has the same shape. */
    private static final class Project {
        private final ReportLocation location;
        private final Map<String, String> fields = new HashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<Project> applications = new ArrayList<>();
        private boolean hasVulnerabilities;
        private boolean hasSnykKeys;
        private boolean docker;
        private String baseImage;
        private Remediation remediation;
        private ReportLocation remediationLocation;
        private int binaries;
        private ReportLocation binariesLocation;

        Project(ReportLocation location) {
            this.location = location;
        }

        /**
         * A project without a vulnerabilities array is an error result, or not Snyk's at all; so is
         * one whose vulnerabilities stand beside none of Snyk's project fields, such as a CycloneDX BOM.
         */
        void requireResults() {
            if (hasVulnerabilities && hasSnykKeys) {
                return;
            }
            if (hasVulnerabilities) {
                throw new UnsupportedReportException(location, "not a Snyk project: a vulnerabilities array without any of"
                        + " Snyk's project fields (" + String.join(", ", PROJECT_KEYS) + ", path, targetFile …)");
            }
            if (fields.get("error") != null) {
                throw new UnsupportedReportException(location, "Snyk reported an error instead of results: " + fields.get("error"));
            }
            if (!"true".equals(fields.get("ok")) || (field("packageManager").isEmpty() && field("projectName").isEmpty())) {
                throw new UnsupportedReportException(location,
                        "not a Snyk project: no vulnerabilities array (and not a project Snyk found ok)");
            }
        }

        void addTo(ReportAssembly assembly) {
            boolean container = field("projectName").filter(n -> n.startsWith(CONTAINER_PREFIX)).isPresent()
                    || docker || field("platform").isPresent();
            Scanner scanner = Scanner.of(container ? "Snyk Container" : "Snyk Open Source", null);
            String name = field("path").or(() -> field("projectName").map(n -> n.startsWith(CONTAINER_PREFIX)
                    ? n.substring(CONTAINER_PREFIX.length()) : n)).orElse("");
            Artifact artifact = new Artifact(name, container ? Artifact.Type.CONTAINER_IMAGE : Artifact.Type.FILESYSTEM);
            ScanReport.Builder builder = assembly.builder(ReportFormat.of(SnykScannerAdapter.ID, FORMAT, null), scanner, artifact,
                    container ? image(name) : Image.unknown(), location);
            addEntries(builder);
        }

        private Image image(String name) {
            Image.Builder image = Image.builder().ref(ref(name).orElse(null)).platform(fields.get("platform")).os(os().orElse(null));
            if (!SnykMapper.isBlank(baseImage)) {
                image.baseImage(new BaseImage(baseImage, Optional.empty(),
                        Optional.ofNullable(remediation).map(r -> BaseImageAdvice.summary(r, baseImage))));
            }
            return image.build();
        }

        /** The distribution the OS entries name ({@code debian:11} reads {@code debian 11}); Snyk writes it nowhere else. */
        private Optional<String> os() {
            return entries.stream().map(Entry::vulnerability).filter(Objects::nonNull)
                    .map(entry -> SnykEcosystem.of(entry.packageManager(), null))
                    .filter(ecosystem -> ecosystem.distro().isPresent()).findFirst()
                    .map(ecosystem -> ecosystem.distro().get() + ecosystem.release().map(r -> " " + r).orElse(""));
        }

        /** The image reference the user passed to {@code snyk container test}, when it is one. */
        private static Optional<ImageRef> ref(String name) {
            if (name.isEmpty() || TRANSPORT.matcher(name).find()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ImageRef.parse(name));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private void addEntries(ScanReport.Builder builder) {
            if (remediation != null && SnykMapper.isBlank(baseImage)) {
                builder.problem(new Problem(Problem.Kind.IGNORED_VALUE, "base image advice for no named base image: "
                        + BaseImageAdvice.summary(remediation, null), remediationLocation));
            }
            if (binaries > 0) {
                builder.problem(new Problem(Problem.Kind.IGNORED_VALUE, binaries
                        + " binaries with vulnerabilities listed apart from the packages (docker.binariesVulns): their issues are not read",
                        binariesLocation));
            }
            String target = field("targetFile").or(() -> field("displayTargetFile")).or(() -> field("projectName")).orElse("");
            SnykMapper.Scope scope = new SnykMapper.Scope(target, fields.get("packageManager"));
            for (Entry entry : entries) {
                SnykMapper.add(entry.vulnerability(), entry.location(), scope, builder);
            }
            for (Project application : applications) {
                application.addEntries(builder);
            }
        }

        private Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name)).filter(v -> !v.isBlank());
        }
    }
}
