package dev.shelflife.aws;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what an Inspector finding says of a package vulnerability into a finding, whether it came
 * from {@code ListFindings} or through Security Hub: the two formats spell the same values
 * differently, and each reader hands them over as an {@link Observed}.
 *
 * <p>A finding of Inspector can list several vulnerable packages (a binary and its source package,
 * a library in two paths); the model has one package per finding, and {@code counts.entries} counts
 * Inspector's findings. The first package becomes the finding, and the others are named in one
 * {@link Problem.Kind#IGNORED_VALUE} problem, as Snyk's grouped issues are, so that a package not
 * modelled is not lost silently.
 */
final class FindingMapper {

    /** Inspector's package managers, mapped to package URL types. */
    private static final Map<String, String> PACKAGE_TYPES = Map.ofEntries(
            Map.entry("NPM", "npm"),
            Map.entry("YARN", "npm"),
            Map.entry("NODEPKG", "npm"),
            Map.entry("PIP", "pypi"),
            Map.entry("PIPENV", "pypi"),
            Map.entry("POETRY", "pypi"),
            Map.entry("PYTHONPKG", "pypi"),
            Map.entry("JAR", "maven"),
            Map.entry("POM", "maven"),
            Map.entry("GOBINARY", "golang"),
            Map.entry("GOMOD", "golang"),
            Map.entry("BUNDLER", "gem"),
            Map.entry("GEMSPEC", "gem"),
            Map.entry("CARGO", "cargo"),
            Map.entry("COMPOSER", "composer"),
            Map.entry("NUGET", "nuget"),
            Map.entry("DOTNET_CORE", "nuget"));

    /** Inspector's platforms, by the start of their name, mapped to the package URL type of their OS packages. */
    private static final Map<String, String> OS_PACKAGE_TYPES = Map.ofEntries(
            Map.entry("ALPINE", "apk"),
            Map.entry("DEBIAN", "deb"),
            Map.entry("UBUNTU", "deb"),
            Map.entry("AMAZON_LINUX", "rpm"),
            Map.entry("AL2023", "rpm"),
            Map.entry("CENTOS", "rpm"),
            Map.entry("FEDORA", "rpm"),
            Map.entry("OPENSUSE", "rpm"),
            Map.entry("ORACLE", "rpm"),
            Map.entry("REDHAT", "rpm"),
            Map.entry("RHEL", "rpm"),
            Map.entry("ROCKY", "rpm"),
            Map.entry("ALMA", "rpm"),
            Map.entry("SUSE", "rpm"),
            Map.entry("SLES", "rpm"),
            Map.entry("MARINER", "rpm"),
            Map.entry("AZURE_LINUX", "rpm"));

    /**
     * A vulnerable package as a finding lists it.
     *
     * @param name the name
     * @param version the version without epoch and release
     * @param epoch the epoch
     * @param release the release
     * @param fixedInVersion the fix, or {@code NotAvailable}
     * @param packageManager Inspector's package manager
     * @param filePath the path of a language package
     * @param layer the layer that added it
     */
    record Pkg(
            String name,
            String version,
            String epoch,
            String release,
            String fixedInVersion,
            String packageManager,
            String filePath,
            String layer) {}

    /**
     * One CVSS score.
     *
     * @param source who scored it
     * @param score the base score as written
     * @param vector the vector
     */
    record Score(String source, String score, String vector) {}

    /**
     * What a finding says, and where each of it is, relative to the finding.
     *
     * @param id the vulnerability id
     * @param aliases the related vulnerability ids
     * @param severity Inspector's severity word
     * @param inspectorScore Inspector's score as written, and its vector
     * @param vendor the vendor whose record was matched, its page, its severity word and dates
     * @param cvss the CVSS scores
     * @param fixAvailable {@code YES}, {@code NO} or {@code PARTIAL}
     * @param packages the vulnerable packages
     * @param platform the image's operating system as Inspector names it, for the type of OS packages
     * @param paths where the values are
     */
    record Observed(
            String id,
            List<String> aliases,
            String severity,
            Score inspectorScore,
            Vendor vendor,
            List<Score> cvss,
            String fixAvailable,
            List<Pkg> packages,
            String platform,
            Paths paths) {}

    /**
     * The vendor of the vulnerability record.
     *
     * @param name {@code NVD}, {@code DEBIAN_CVE} …
     * @param url its page
     * @param severity its severity word
     * @param createdAt when it published the record
     * @param updatedAt when it last changed it
     */
    record Vendor(String name, String url, String severity, String createdAt, String updatedAt) {}

    /**
     * Where a format keeps each value, relative to the finding.
     *
     * @param severity the severity word
     * @param inspectorScore Inspector's score
     * @param cvss the CVSS scores
     * @param vendor the vendor's record
     * @param packages the vulnerable packages
     */
    record Paths(String severity, String inspectorScore, String cvss, String vendor, String packages) {}

    private FindingMapper() {}

    /**
     * Accounts for one finding that is a package vulnerability of the report's image.
     *
     * @param observed what it says
     * @param target the image it is about, as the finding's target
     * @param at where it starts
     * @param builder the report
     */
    static void add(Observed observed, String target, ReportLocation at, ScanReport.Builder builder) {
        Paths paths = observed.paths();
        if (isBlank(observed.id())) {
            builder.skipped("a package vulnerability without its id: not a finding", at);
            return;
        }
        List<Pkg> packages = observed.packages().stream()
                .filter(p -> p != null && !isBlank(p.name()))
                .toList();
        if (packages.isEmpty()) {
            builder.skipped(observed.id() + " names no vulnerable package: not a finding", at);
            return;
        }
        Pkg first = packages.get(0);
        if (packages.size() > 1) {
            List<String> others = new ArrayList<>();
            for (Pkg other : packages.subList(1, packages.size())) {
                others.add(describe(other));
            }
            builder.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    observed.id() + " lists " + packages.size() + " vulnerable packages, and a finding has one: it is"
                            + " read for the first, " + describe(first) + "; not read: " + String.join(", ", others),
                    field(at, paths.packages())));
        }
        builder.finding(new Finding(
                vulnerability(observed, at, builder), pkg(first, observed.platform()), fix(first, observed), target));
    }

    private static Vulnerability vulnerability(Observed observed, ReportLocation at, ScanReport.Builder builder) {
        Paths paths = observed.paths();
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(observed.id().strip());
        if (observed.aliases() != null) {
            observed.aliases().forEach(vulnerability::alias);
        }
        Severity severity = severity(observed.severity(), field(at, paths.severity()), builder);
        vulnerability.severity(severity);
        if (severity != Severity.UNKNOWN) {
            vulnerability.severitySource("inspector");
        }
        Set<Rating> ratings = new LinkedHashSet<>();
        Score inspector = observed.inspectorScore();
        if (inspector != null) {
            Optional<Double> score = score(inspector.score(), field(at, paths.inspectorScore()), builder);
            if (score.isPresent() || severity != Severity.UNKNOWN) {
                ratings.add(new Rating(
                        "inspector",
                        Optional.of(severity).filter(s -> s != Severity.UNKNOWN),
                        score,
                        Optional.ofNullable(blankToNull(inspector.vector()))));
            }
        }
        Vendor vendor = observed.vendor();
        if (vendor != null && !isBlank(vendor.name()) && !isBlank(vendor.severity())) {
            // Vendors' words (Debian's "not yet assigned", "unimportant") are theirs: a word the model
            // has no severity for gives no rating, and is no problem of the report.
            Severity.find(vendor.severity().strip())
                    .filter(s -> s != Severity.UNKNOWN)
                    .ifPresent(s -> ratings.add(
                            new Rating(source(vendor.name()), Optional.of(s), Optional.empty(), Optional.empty())));
        }
        if (observed.cvss() != null) {
            for (int i = 0; i < observed.cvss().size(); i++) {
                Score cvss = observed.cvss().get(i);
                if (cvss == null) {
                    continue;
                }
                Optional<Double> score = score(cvss.score(), field(at, paths.cvss() + "/" + i), builder);
                if (score.isPresent() || !isBlank(cvss.vector())) {
                    ratings.add(new Rating(
                            isBlank(cvss.source()) ? "inspector" : source(cvss.source()),
                            Optional.empty(),
                            score,
                            Optional.ofNullable(blankToNull(cvss.vector()))));
                }
            }
        }
        ratings.forEach(vulnerability::rating);
        if (vendor != null) {
            vulnerability.primaryUrl(vendor.url());
            instant(vendor.createdAt(), field(at, paths.vendor() + "CreatedAt"), builder)
                    .ifPresent(vulnerability::published);
            instant(vendor.updatedAt(), field(at, paths.vendor() + "UpdatedAt"), builder)
                    .ifPresent(vulnerability::modified);
        }
        return vulnerability.build();
    }

    /**
     * The installed version: {@code epoch:version-release}, as the distribution writes it and as
     * Inspector writes the fixed version; the epoch only when not 0, the release only when given.
     */
    private static InstalledPackage pkg(Pkg pkg, String platform) {
        String version = null;
        if (!isBlank(pkg.version())) {
            version = pkg.version().strip();
            if (!isBlank(pkg.release())) {
                version = version + "-" + pkg.release().strip();
            }
            if (!isBlank(pkg.epoch()) && !pkg.epoch().strip().equals("0")) {
                version = pkg.epoch().strip() + ":" + version;
            }
        }
        return InstalledPackage.builder(pkg.name().strip())
                .version(version)
                .type(type(pkg.packageManager(), platform))
                .path(blankToNull(pkg.filePath()))
                .layer(blankToNull(pkg.layer()))
                .build();
    }

    /** The package URL type of a package manager, for OS packages by the image's platform; else as written, lower case. */
    static String type(String packageManager, String platform) {
        if (isBlank(packageManager)) {
            return null;
        }
        String manager = packageManager.strip().toUpperCase(Locale.ROOT);
        if (manager.equals("OS")) {
            if (!isBlank(platform)) {
                String upper = platform.strip().toUpperCase(Locale.ROOT);
                for (Map.Entry<String, String> family : OS_PACKAGE_TYPES.entrySet()) {
                    if (upper.startsWith(family.getKey())) {
                        return family.getValue();
                    }
                }
            }
            return "os";
        }
        return PACKAGE_TYPES.getOrDefault(manager, manager.toLowerCase(Locale.ROOT));
    }

    /**
     * The package's fix: its {@code fixedInVersion} when it names one; else the finding's
     * {@code fixAvailable} {@code NO} (or {@code PARTIAL}: other packages have one) is
     * {@code NOT_FIXED}, and anything else is {@code UNKNOWN}.
     */
    private static Fix fix(Pkg pkg, Observed observed) {
        String fixed = pkg.fixedInVersion();
        if (!isBlank(fixed) && !fixed.strip().equalsIgnoreCase("NotAvailable")) {
            return Fix.fixed(fixed.strip());
        }
        String available = observed.fixAvailable() == null
                ? ""
                : observed.fixAvailable().strip().toUpperCase(Locale.ROOT);
        return switch (available) {
            case "NO", "PARTIAL" -> Fix.of(FixState.NOT_FIXED);
            default -> Fix.of(FixState.UNKNOWN);
        };
    }

    private static Severity severity(String word, ReportLocation at, ScanReport.Builder builder) {
        if (isBlank(word)) {
            return Severity.UNKNOWN;
        }
        String value = word.strip();
        if (value.equalsIgnoreCase("UNTRIAGED")) {
            // Inspector's word for a vulnerability its vendor has not rated yet.
            return Severity.UNKNOWN;
        }
        Optional<Severity> severity = Severity.find(value);
        if (severity.isEmpty()) {
            builder.problem(
                    new Problem(Problem.Kind.COERCED_VALUE, "unknown severity \"" + word + "\": read as UNKNOWN", at));
            return Severity.UNKNOWN;
        }
        return severity.get();
    }

    private static Optional<Double> score(String text, ReportLocation at, ScanReport.Builder builder) {
        if (isBlank(text)) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 0.0 && value <= 10.0) {
                return Optional.of(value);
            }
            builder.problem(new Problem(Problem.Kind.COERCED_VALUE, "score " + text + " outside 0..10: dropped", at));
        } catch (NumberFormatException notANumber) {
            builder.problem(
                    new Problem(Problem.Kind.COERCED_VALUE, "score \"" + text + "\" is not a number: dropped", at));
        }
        return Optional.empty();
    }

    /**
     * An instant as Inspector writes it ({@code 2024-02-02T16:30:33.045000+01:00}).
     *
     * @param text the text, or {@code null}
     * @param at where it is
     * @param builder the report, which receives the problem an unreadable instant raises
     * @return the instant, or empty
     */
    static Optional<Instant> instant(String text, ReportLocation at, ScanReport.Builder builder) {
        if (isBlank(text)) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty()) {
            builder.problem(
                    new Problem(Problem.Kind.COERCED_VALUE, "unreadable timestamp \"" + text + "\": dropped", at));
        }
        return instant;
    }

    private static String describe(Pkg pkg) {
        InstalledPackage installed = pkg(pkg, null);
        return installed.name()
                + installed.version().map(v -> " " + v).orElse("")
                + installed.path().map(p -> " (" + p + ")").orElse("");
    }

    private static String source(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The location of a field of a finding.
     *
     * @param at where the finding starts
     * @param field the field's pointer relative to the finding
     * @return the location
     */
    static ReportLocation field(ReportLocation at, String field) {
        return at.withPath(at.path() + "/" + field);
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text.strip();
    }
}
