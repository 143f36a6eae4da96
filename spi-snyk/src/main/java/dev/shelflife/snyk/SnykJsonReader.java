package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.snyk.SnykJson.Remediation;
import dev.shelflife.snyk.SnykJson.VulnEntry;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
    private static final Pattern TRANSPORT =
            Pattern.compile("^(docker-archive|oci-archive|oci|dir|docker-daemon|containers-storage):");

    private static final List<String> PROJECT_KEYS =
            List.of("packageManager", "projectName", "ok", "dependencyCount", "uniqueCount");
    /** The keys of a project the reader reads: a key spelled like one of them in another case is reported. */
    private static final Set<String> READ_KEYS = Set.of(
            "vulnerabilities",
            "applications",
            "docker",
            "ok",
            "error",
            "packageManager",
            "projectName",
            "targetFile",
            "displayTargetFile",
            "path",
            "platform");
    /** The keys of a project's {@code docker} object the reader reads. */
    private static final Set<String> DOCKER_KEYS = Set.of("baseImage", "baseImageRemediation", "binariesVulns");
    /** Keys beside {@code vulnerabilities} that only a Snyk project has: a CycloneDX BOM has vulnerabilities too. */
    private static final Set<String> SNYK_KEYS = Set.of(
            "packageManager",
            "projectName",
            "ok",
            "dependencyCount",
            "uniqueCount",
            "targetFile",
            "displayTargetFile",
            "path",
            "docker",
            "platform",
            "applications");

    private SnykJsonReader() {}

    /**
     * Claims a project object, or an array of them, whose structure shows {@code vulnerabilities}
     * with Snyk's project keys or Snyk's entry keys, and Snyk's error results, so that reading
     * them says what Snyk reported.
     *
     * @param source the input
     * @return the detection
     */
    static Detection detect(ReportSource source) {
        return ProjectSniffer.detect(source);
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
            new Walk(cursor, Pass.READ, assembly).document();
            return assembly.build();
        }
    }

    /**
     * Reads the document, handing each finding to a consumer as soon as it is mapped. Snyk writes
     * the fields that place a project's entries (target file, package manager) after its
     * {@code vulnerabilities}, so the source is read twice: a first walk reads every project's
     * fields and skips the entries, a second hands the entries on. The projects' fields are held,
     * never their entries.
     *
     * @param source the input, opened twice
     * @param findings the consumer
     * @return the rest of the report
     */
    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        ReportAssembly assembly = new ReportAssembly(source);
        Walk projects;
        try (JsonCursor cursor = JsonCursor.openFirstPass(source)) {
            projects = new Walk(cursor, Pass.PROJECTS, assembly);
            projects.document();
        }
        try (JsonCursor cursor = JsonCursor.open(source)) {
            Walk entries = new Walk(cursor, Pass.ENTRIES, assembly);
            entries.known = projects.started.iterator();
            entries.findings = finding -> {
                findings.accept(finding);
                entries.streamed++;
            };
            entries.document();
            ScanReport.Builder report = entries.report;
            // The image's OS is named by the entries, which the first walk skipped.
            report.image(projects.started.get(0).image());
            return report.summary(entries.streamed);
        }
    }

    /** What one walk of the document reads. */
    private enum Pass {
        /** {@code read}: everything, each project's entries held until the project ends. */
        READ,
        /** The first walk of {@code stream}: every project's fields; entries skipped. */
        PROJECTS,
        /** The second walk of {@code stream}: only the entries, each mapped as soon as it is read. */
        ENTRIES
    }

    /** One walk of the document. */
    private static final class Walk {
        private final JsonCursor cursor;
        private final Pass pass;
        private final ReportAssembly assembly;
        /** The projects in the order they start, an application after its project: what the first walk of a stream learns. */
        private final List<Project> started = new ArrayList<>();
        /** The second walk of a stream: the projects the first walk read, in the same order. */
        private Iterator<Project> known;

        private Consumer<Finding> findings;
        private ScanReport.Builder report;
        private int streamed;

        Walk(JsonCursor cursor, Pass pass, ReportAssembly assembly) {
            this.cursor = cursor;
            this.pass = pass;
            this.assembly = assembly;
        }

        void document() {
            if (cursor.firstToken() == JsonToken.START_ARRAY) {
                cursor.forEachElement(index -> {
                    cursor.require(JsonToken.START_OBJECT, "a Snyk project");
                    topLevelProject();
                });
                if (started.isEmpty() && pass != Pass.ENTRIES) {
                    throw new UnsupportedReportException(cursor.location(), "an empty array holds no Snyk project");
                }
            } else {
                cursor.require(JsonToken.START_OBJECT, "a Snyk project or an array of them");
                topLevelProject();
            }
            cursor.requireEnd();
        }

        private void topLevelProject() {
            if (pass == Pass.ENTRIES) {
                Project project = nextKnown();
                report = project.start(assembly);
                streamEntries(project);
            } else {
                Project project = project();
                if (pass == Pass.READ) {
                    project.addTo(assembly);
                }
            }
        }

        private Project project() {
            Project project = new Project(cursor.location());
            started.add(project);
            // What the walk finds about the project's keys is the project's, read before its entries.
            cursor.reportProblemsTo(project.keyProblems::add);
            cursor.forEachField(field -> {
                project.hasSnykKeys |= SNYK_KEYS.contains(field);
                switch (field) {
                    case "vulnerabilities" -> vulnerabilities(project);
                    case "applications" -> applications(() -> project.applications.add(project()));
                    case "docker" -> readDocker(cursor, project);
                    case "ok",
                            "error",
                            "packageManager",
                            "projectName",
                            "targetFile",
                            "displayTargetFile",
                            "path",
                            "platform" -> project.fields.put(field, cursor.text());
                    default -> cursor.skipUnread(field, READ_KEYS);
                }
                // An application's walk sent its own problems to itself: the rest are this project's.
                cursor.reportProblemsTo(project.keyProblems::add);
            });
            project.requireResults();
            return project;
        }

        /** The second walk of a stream: a project the first walk read, its own problems, then its entries as they come. */
        private void streamEntries(Project project) {
            project.addProblems(report);
            cursor.forEachField(field -> {
                switch (field) {
                    case "vulnerabilities" -> vulnerabilities(project);
                    case "applications" -> applications(() -> streamEntries(nextKnown()));
                    default -> cursor.skip();
                }
            });
        }

        /** The project the first walk found here; a source must give the same bytes each time it is opened. */
        private Project nextKnown() {
            if (!known.hasNext()) {
                throw cursor.failure(
                        "the document changed between the two passes of a stream: a project more than before");
            }
            return known.next();
        }

        private void applications(Runnable application) {
            if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            cursor.require(JsonToken.START_ARRAY, "the applications array");
            cursor.forEachElement(index -> {
                cursor.require(JsonToken.START_OBJECT, "an application project");
                application.run();
            });
        }

        private void vulnerabilities(Project project) {
            project.hasVulnerabilities = true;
            if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            cursor.require(JsonToken.START_ARRAY, "the vulnerabilities array");
            if (pass == Pass.PROJECTS) {
                cursor.skip();
                return;
            }
            Consumer<Entry> handler = pass == Pass.READ ? project.entries::add : mapping(project.scope());
            cursor.forEachElement(index -> {
                assembly.countEntry(cursor);
                ReportLocation at = cursor.location();
                // The keys of an entry spelled otherwise go with the entry, in either pass.
                List<Problem> keys = new ArrayList<>(0);
                cursor.reportProblemsTo(keys::add);
                Entry entry = new Entry(cursor.read(VulnEntry.class), at, keys);
                cursor.reportProblemsTo(project.keyProblems::add);
                project.sawEntry(entry.vulnerability());
                handler.accept(entry);
            });
        }

        /** Maps each entry of a project the first walk read, as soon as it is read. */
        private Consumer<Entry> mapping(SnykMapper.Scope scope) {
            return entry -> {
                entry.keyProblems().forEach(report::problem);
                SnykMapper.add(entry.vulnerability(), entry.location(), scope, report, findings);
            };
        }
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
                default -> cursor.skipUnread(field, DOCKER_KEYS);
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

    /** One raw entry, where it starts, and its keys spelled otherwise than Snyk spells them. */
    private record Entry(VulnEntry vulnerability, ReportLocation location, List<Problem> keyProblems) {}

    /** One project object, as far as the report needs it; an application project has the same shape. */
    private static final class Project {
        private final ReportLocation location;
        private final Map<String, String> fields = new HashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<Project> applications = new ArrayList<>();
        /** What the walk found about the project's keys: spelled otherwise, another format's entries, none. */
        private final List<Problem> keyProblems = new ArrayList<>();

        private boolean hasVulnerabilities;
        private boolean hasSnykKeys;
        private boolean docker;
        private String baseImage;
        private Remediation remediation;
        private ReportLocation remediationLocation;
        private int binaries;
        private ReportLocation binariesLocation;
        /** The distribution the first OS entry names ({@code debian:11} reads {@code debian 11}); Snyk writes it nowhere else. */
        private String os;

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
                throw new UnsupportedReportException(
                        location,
                        "not a Snyk project: a vulnerabilities array without any of" + " Snyk's project fields ("
                                + String.join(", ", PROJECT_KEYS) + ", path, targetFile …)");
            }
            if (fields.get("error") != null) {
                throw new UnsupportedReportException(
                        location, "Snyk reported an error instead of results: " + fields.get("error"));
            }
            if (!"true".equals(fields.get("ok"))
                    || (field("packageManager").isEmpty()
                            && field("projectName").isEmpty())) {
                throw new UnsupportedReportException(
                        location, "not a Snyk project: no vulnerabilities array (and not a project Snyk found ok)");
            }
            keyProblems.add(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a project without vulnerabilities, which Snyk writes in every project ([] when it found nothing):"
                            + " its entries may be missing",
                    location));
        }

        /** Learns the image's OS from the first entry whose package manager names a distribution. */
        void sawEntry(VulnEntry entry) {
            if (os == null && entry != null) {
                SnykEcosystem ecosystem = SnykEcosystem.of(entry.packageManager(), null);
                os = ecosystem
                        .distro()
                        .map(distro ->
                                distro + ecosystem.release().map(r -> " " + r).orElse(""))
                        .orElse(null);
            }
        }

        /** Adds this top-level project, read whole, to the report. */
        void addTo(ReportAssembly assembly) {
            addEntries(start(assembly));
        }

        /**
         * Starts this top-level project's part of the report.
         *
         * @return the report's builder
         */
        ScanReport.Builder start(ReportAssembly assembly) {
            ScannerTool scanner = ScannerTool.of(isContainer() ? "Snyk Container" : "Snyk Open Source", null);
            Artifact artifact =
                    new Artifact(name(), isContainer() ? Artifact.Type.CONTAINER_IMAGE : Artifact.Type.FILESYSTEM);
            return assembly.builder(
                    ReportFormat.of(SnykScannerAdapter.ID, FORMAT, null), scanner, artifact, image(), location);
        }

        private boolean isContainer() {
            return field("projectName")
                            .filter(n -> n.startsWith(CONTAINER_PREFIX))
                            .isPresent()
                    || docker
                    || field("platform").isPresent();
        }

        private String name() {
            return field("path")
                    .or(() -> field("projectName")
                            .map(n -> n.startsWith(CONTAINER_PREFIX) ? n.substring(CONTAINER_PREFIX.length()) : n))
                    .orElse("");
        }

        /** What the project says of the image: nothing, unless it is a container project. */
        Image image() {
            if (!isContainer()) {
                return Image.unknown();
            }
            Image.Builder image = Image.builder()
                    .ref(ref(name()).orElse(null))
                    .platform(fields.get("platform"))
                    .os(os);
            if (!SnykMapper.isBlank(baseImage)) {
                image.baseImage(new BaseImage(
                        baseImage,
                        Optional.empty(),
                        Optional.ofNullable(remediation).map(r -> BaseImageAdvice.summary(r, baseImage))));
            }
            return image.build();
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

        /** The problems the project's own fields raise, before any of its entries'. */
        void addProblems(ScanReport.Builder builder) {
            keyProblems.forEach(builder::problem);
            if (remediation != null && SnykMapper.isBlank(baseImage)) {
                builder.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "base image advice for no named base image: " + BaseImageAdvice.summary(remediation, null),
                        remediationLocation));
            }
            if (binaries > 0) {
                builder.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        binaries
                                + " binaries with vulnerabilities listed apart from the packages (docker.binariesVulns): their issues are not read",
                        binariesLocation));
            }
        }

        SnykMapper.Scope scope() {
            String target = field("targetFile")
                    .or(() -> field("displayTargetFile"))
                    .or(() -> field("projectName"))
                    .orElse("");
            return new SnykMapper.Scope(target, fields.get("packageManager"));
        }

        private void addEntries(ScanReport.Builder builder) {
            addProblems(builder);
            SnykMapper.Scope scope = scope();
            for (Entry entry : entries) {
                entry.keyProblems().forEach(builder::problem);
                SnykMapper.add(entry.vulnerability(), entry.location(), scope, builder, builder::finding);
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
