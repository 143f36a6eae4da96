package dev.shelflife.snyk;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of Snyk's {@code --json} output that are bound to objects: one vulnerability entry at
 * a time, and the base-image advice. The project objects around them are walked field by field
 * by {@link SnykJsonReader}, never bound whole. Fields the model does not use (descriptions,
 * references, {@code from} paths) are not declared, so they are skipped while binding.
 */
final class SnykJson {

    private SnykJson() {}

    /**
     * One element of a project's {@code vulnerabilities} array.
     *
     * @param name the vulnerable package ({@code source/binary} for OS packages); with
     *     {@code --group-issues} an array of names, one per path
     * @param upgradePath {@code false} for "no upgrade at this step", then {@code name@version} strings
     */
    record VulnEntry(
            String id,
            String title,
            String severity,
            String severityWithCritical,
            String nvdSeverity,
            Double cvssScore,
            @JsonProperty("CVSSv3") String cvssV3,
            List<CvssDetail> cvssDetails,
            EpssDetails epssDetails,
            Map<String, List<String>> identifiers,
            List<String> alternativeIds,
            String publicationTime,
            String disclosureTime,
            String modificationTime,
            String packageName,
            String packageManager,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> name,

            String version,
            List<String> fixedIn,
            String nearestFixedInVersion,
            List<Object> upgradePath) {}

    /** One source's CVSS judgement in {@code cvssDetails}. */
    record CvssDetail(String assigner, String severity, String cvssV3Vector, Double cvssV3BaseScore) {}

    /** The EPSS values, which Snyk writes as strings ({@code "0.00046"}). */
    record EpssDetails(String probability, String percentile) {}

    /** {@code docker.baseImageRemediation}: a code and the advice lines the CLI prints. */
    record Remediation(String code, List<Advice> advice, String message) {}

    /** One line of base-image advice. */
    record Advice(String message) {}
}
