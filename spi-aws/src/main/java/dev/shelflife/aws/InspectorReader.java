package dev.shelflife.aws;

import static dev.shelflife.aws.FindingMapper.field;
import static dev.shelflife.aws.FindingMapper.isBlank;

import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.aws.FindingMapper.Observed;
import dev.shelflife.aws.FindingMapper.Paths;
import dev.shelflife.aws.FindingMapper.Pkg;
import dev.shelflife.aws.FindingMapper.Score;
import dev.shelflife.aws.FindingMapper.Vendor;
import dev.shelflife.aws.FindingsDocument.Subject;
import dev.shelflife.aws.InspectorJson.EcrContainerImage;
import dev.shelflife.aws.InspectorJson.Finding;
import dev.shelflife.aws.InspectorJson.PackageVulnerabilityDetails;
import dev.shelflife.aws.InspectorJson.Resource;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Amazon Inspector's {@code ListFindings} output: {@code {"findings": [ … ], "nextToken": …}}.
 * Each finding is one raw entry: a finding of the report's image, or a skipped entry when it is
 * about another kind of resource (an EC2 instance, a Lambda function), is no package vulnerability,
 * or is one that Inspector closed or suppressed.
 */
final class InspectorReader implements FindingsDocument.Format {

    /** The format's name. */
    static final String FORMAT = "aws-inspector2";

    private static final String ECR_IMAGE = "AWS_ECR_CONTAINER_IMAGE";
    private static final Paths PATHS = new Paths(
            "severity",
            "inspectorScore",
            "packageVulnerabilityDetails/cvss",
            "packageVulnerabilityDetails/vendor",
            "packageVulnerabilityDetails/vulnerablePackages");

    @Override
    public String adapterId() {
        return InspectorScannerAdapter.ID;
    }

    @Override
    public String container() {
        return "findings";
    }

    @Override
    public String nextToken() {
        return "nextToken";
    }

    @Override
    public String description() {
        return "Amazon Inspector's ListFindings output";
    }

    /**
     * Reads the whole document.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
        return FindingsDocument.read(source, new InspectorReader());
    }

    @Override
    public void finding(JsonCursor cursor, ReportLocation at, FindingsDocument document) {
        Finding finding = cursor.read(Finding.class);
        ScanReport.Builder report = document.report();
        if (finding == null) {
            report.skipped("a null finding", at);
            return;
        }
        List<Subject> subjects = new ArrayList<>();
        for (Resource resource : finding.resources()) {
            subjects.add(resource == null ? null : subject(resource));
        }
        Optional<EcrImage> found = document.imageOf(subjects, "resources", at);
        if (found.isEmpty()) {
            return;
        }
        EcrImage image = found.get();
        String platform = image.platform();
        if (!"PACKAGE_VULNERABILITY".equals(finding.type())) {
            report.skipped(
                    (isBlank(finding.type()) ? "a finding without a type" : "a " + finding.type() + " finding")
                            + ", not a package vulnerability: not read",
                    at);
            return;
        }
        String status = finding.status() == null ? "" : finding.status().strip().toUpperCase(Locale.ROOT);
        if (status.equals("CLOSED") || status.equals("SUPPRESSED")) {
            report.skipped(
                    "Inspector "
                            + (status.equals("CLOSED")
                                    ? "closed this finding (status CLOSED): no longer found in the image"
                                    : "suppressed this finding (status SUPPRESSED) by a suppression rule; a ShelfLife"
                                            + " waiver says the same where the policy can see it")
                            + ": not a finding",
                    at);
            return;
        }
        if (finding.findingArn() != null && finding.findingArn().startsWith("arn:aws:inspector2:")) {
            report.scanner(ScannerTool.of(FindingsDocument.INSPECTOR, "2"));
        }
        document.observed(finding.lastObservedAt(), field(at, "lastObservedAt"));
        PackageVulnerabilityDetails details = finding.packageVulnerabilityDetails();
        if (details == null) {
            report.skipped("a package vulnerability without its packageVulnerabilityDetails: not a finding", at);
            return;
        }
        FindingMapper.add(observed(finding, details, platform), image.toString(), at, report);
    }

    private static Subject subject(Resource resource) {
        EcrContainerImage ecr =
                resource.details() == null ? null : resource.details().awsEcrContainerImage();
        if (!ECR_IMAGE.equals(resource.type()) || ecr == null) {
            return Subject.other(String.valueOf(resource.type()) + (isBlank(resource.id()) ? "" : " " + resource.id()));
        }
        if (isBlank(ecr.repositoryName()) || isBlank(ecr.imageHash())) {
            return Subject.other("an ECR image that names no repository or digest");
        }
        return Subject.image(new EcrImage(
                resource.partition(),
                resource.region(),
                ecr.registry(),
                ecr.repositoryName().strip(),
                EcrImage.digest(ecr.imageHash()),
                ecr.imageTags(),
                ecr.platform()));
    }

    private static Observed observed(Finding finding, PackageVulnerabilityDetails details, String platform) {
        Score inspector = new Score(
                "inspector",
                finding.inspectorScore(),
                finding.inspectorScoreDetails() == null
                                || finding.inspectorScoreDetails().adjustedCvss() == null
                        ? null
                        : finding.inspectorScoreDetails().adjustedCvss().scoringVector());
        List<Score> cvss = new ArrayList<>();
        if (details.cvss() != null) {
            details.cvss()
                    .forEach(c -> cvss.add(c == null ? null : new Score(c.source(), c.baseScore(), c.scoringVector())));
        }
        List<Pkg> packages = new ArrayList<>();
        if (details.vulnerablePackages() != null) {
            details.vulnerablePackages()
                    .forEach(p -> packages.add(
                            p == null
                                    ? null
                                    : new Pkg(
                                            p.name(),
                                            p.version(),
                                            p.epoch(),
                                            p.release(),
                                            p.fixedInVersion(),
                                            p.packageManager(),
                                            p.filePath(),
                                            p.sourceLayerHash())));
        }
        return new Observed(
                details.vulnerabilityId(),
                details.relatedVulnerabilities(),
                finding.severity(),
                inspector,
                new Vendor(
                        details.source(),
                        details.sourceUrl(),
                        details.vendorSeverity(),
                        details.vendorCreatedAt(),
                        details.vendorUpdatedAt()),
                cvss,
                finding.fixAvailable(),
                packages,
                platform,
                PATHS);
    }
}
