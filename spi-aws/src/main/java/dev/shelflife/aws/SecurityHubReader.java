package dev.shelflife.aws;

import static dev.shelflife.aws.FindingMapper.field;
import static dev.shelflife.aws.FindingMapper.isBlank;

import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.aws.AsffJson.EcrContainerImage;
import dev.shelflife.aws.AsffJson.Finding;
import dev.shelflife.aws.AsffJson.Resource;
import dev.shelflife.aws.AsffJson.Vulnerability;
import dev.shelflife.aws.FindingMapper.Observed;
import dev.shelflife.aws.FindingMapper.Paths;
import dev.shelflife.aws.FindingMapper.Pkg;
import dev.shelflife.aws.FindingMapper.Score;
import dev.shelflife.aws.FindingMapper.Vendor;
import dev.shelflife.aws.FindingsDocument.Subject;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads AWS Security Hub findings in the AWS Security Finding Format ({@code aws securityhub
 * get-findings}: {@code {"Findings": [ … ], "NextToken": …}}) that Amazon Inspector sent there from
 * its scans of ECR images. Each finding is one raw entry: a finding of the report's image, or a
 * skipped entry when it is about another kind of resource, names no vulnerability (the findings of
 * GuardDuty, Config and the security standards), comes from another product than the first, or was
 * archived, suppressed or closed.
 */
final class SecurityHubReader implements FindingsDocument.Format {

    /** The format's name. */
    static final String FORMAT = "aws-securityhub";

    private static final String ECR_IMAGE = "AwsEcrContainerImage";
    private static final String STATUS = "aws/inspector/FindingStatus";
    private static final String SCORE = "aws/inspector/inspectorScore";
    private static final String PLATFORM =
            "aws/inspector/resources/1/resourceDetails/awsEcrContainerImageDetails/platform";
    private static final String PRODUCT_VERSION = "aws/inspector/ProductVersion";

    /** The product of the first finding read, which names the report's scanner. */
    private String product;

    @Override
    public String adapterId() {
        return SecurityHubScannerAdapter.ID;
    }

    @Override
    public String container() {
        return "Findings";
    }

    @Override
    public String nextToken() {
        return "NextToken";
    }

    @Override
    public String description() {
        return "AWS Security Hub's GetFindings output";
    }

    /**
     * Reads the whole document.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
        return FindingsDocument.read(source, new SecurityHubReader());
    }

    @Override
    public void finding(JsonCursor cursor, ReportLocation at, FindingsDocument document) {
        Finding finding = cursor.read(Finding.class);
        ScanReport.Builder report = document.report();
        if (finding == null) {
            report.skipped("a null finding", at);
            return;
        }
        Map<String, String> fields = finding.productFields();
        List<Subject> subjects = new ArrayList<>();
        for (Resource resource : finding.resources()) {
            subjects.add(resource == null ? null : subject(resource, fields.get(PLATFORM)));
        }
        Optional<EcrImage> found = document.imageOf(subjects, "Resources", at);
        if (found.isEmpty()) {
            return;
        }
        EcrImage image = found.get();
        String archived = upper(finding.recordState());
        String workflow =
                finding.workflow() == null ? "" : upper(finding.workflow().status());
        String status = upper(fields.get(STATUS));
        if (archived.equals("ARCHIVED")) {
            report.skipped(
                    "Security Hub archived this finding (RecordState ARCHIVED): its product no longer reports it", at);
            return;
        }
        if (workflow.equals("SUPPRESSED") || status.equals("SUPPRESSED")) {
            report.skipped(
                    "this finding is suppressed (" + (workflow.equals("SUPPRESSED") ? "Workflow.Status" : STATUS)
                            + " SUPPRESSED); a ShelfLife waiver says the same where the policy can see it: not a finding",
                    at);
            return;
        }
        if (status.equals("CLOSED")) {
            report.skipped("Inspector closed this finding (" + STATUS + " CLOSED): no longer found in the image", at);
            return;
        }
        if (finding.vulnerabilities().isEmpty()) {
            report.skipped(
                    "a finding of " + productOf(finding) + " without Vulnerabilities, not a package vulnerability:"
                            + " not read",
                    at);
            return;
        }
        String named = productOf(finding);
        if (product == null) {
            product = named;
            report.scanner(ScannerTool.of(named, fields.get(PRODUCT_VERSION)));
            report.format(ReportFormat.of(SecurityHubScannerAdapter.ID, FORMAT, "2018-10-08"));
        } else if (!product.equals(named)) {
            report.skipped(
                    "a finding of " + named + ", after those of " + product
                            + ": a report is one scanner's evidence, read each product's findings on their own",
                    at);
            return;
        }
        document.observed(finding.lastObservedAt(), field(at, "LastObservedAt"));
        Vulnerability first = finding.vulnerabilities().get(0);
        if (finding.vulnerabilities().size() > 1) {
            List<String> ids = new ArrayList<>();
            for (Vulnerability other : finding.vulnerabilities()
                    .subList(1, finding.vulnerabilities().size())) {
                ids.add(other == null || isBlank(other.id()) ? "one without an Id" : other.id());
            }
            report.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "this finding names " + finding.vulnerabilities().size()
                            + " vulnerabilities, and a finding has one: it is read for the first; not read: "
                            + String.join(", ", ids),
                    field(at, "Vulnerabilities")));
        }
        if (first == null) {
            report.skipped("a null vulnerability: not a finding", at);
            return;
        }
        FindingMapper.add(observed(finding, first, fields), image.toString(), at, report);
    }

    private static Subject subject(Resource resource, String platform) {
        EcrContainerImage ecr =
                resource.details() == null ? null : resource.details().awsEcrContainerImage();
        if (!ECR_IMAGE.equals(resource.type()) || ecr == null) {
            return Subject.other(String.valueOf(resource.type()) + (isBlank(resource.id()) ? "" : " " + resource.id()));
        }
        if (isBlank(ecr.repositoryName()) || isBlank(ecr.imageDigest())) {
            return Subject.other("an ECR image that names no repository or digest");
        }
        return Subject.image(new EcrImage(
                resource.partition(),
                resource.region(),
                ecr.registryId(),
                ecr.repositoryName().strip(),
                EcrImage.digest(ecr.imageDigest()),
                ecr.imageTags(),
                platform));
    }

    /** {@code Amazon Inspector}: the company and the product, as Security Hub names both. */
    private static String productOf(Finding finding) {
        String name = isBlank(finding.productName())
                ? "an unnamed product"
                : finding.productName().strip();
        if (isBlank(finding.companyName())
                || name.startsWith(finding.companyName().strip())) {
            return name;
        }
        return finding.companyName().strip() + " " + name;
    }

    private static Observed observed(Finding finding, Vulnerability vulnerability, Map<String, String> fields) {
        List<Score> cvss = new ArrayList<>();
        if (vulnerability.cvss() != null) {
            vulnerability
                    .cvss()
                    .forEach(c -> cvss.add(c == null ? null : new Score(c.source(), c.baseScore(), c.baseVector())));
        }
        List<Pkg> packages = new ArrayList<>();
        if (vulnerability.vulnerablePackages() != null) {
            vulnerability
                    .vulnerablePackages()
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
        AsffJson.Vendor vendor = vulnerability.vendor();
        return new Observed(
                vulnerability.id(),
                vulnerability.relatedVulnerabilities(),
                finding.severity() == null ? null : finding.severity().label(),
                new Score("inspector", fields.get(SCORE), null),
                vendor == null
                        ? null
                        : new Vendor(
                                vendor.name(),
                                vendor.url(),
                                vendor.vendorSeverity(),
                                vendor.vendorCreatedAt(),
                                vendor.vendorUpdatedAt()),
                cvss,
                vulnerability.fixAvailable(),
                packages,
                fields.get(PLATFORM),
                new Paths(
                        "Severity/Label",
                        "ProductFields/" + SCORE.replace("~", "~0").replace("/", "~1"),
                        "Vulnerabilities/0/Cvss",
                        "Vulnerabilities/0/Vendor/Vendor",
                        "Vulnerabilities/0/VulnerablePackages"));
    }

    private static String upper(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    }
}
