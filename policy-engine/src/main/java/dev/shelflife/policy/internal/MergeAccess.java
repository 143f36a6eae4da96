package dev.shelflife.policy.internal;

import dev.shelflife.ScanReport;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.SeverityRule;
import java.util.List;

/**
 * What the engine asks of the merge package beyond its API: a merge that shares the evaluation's
 * {@link PackageIdentities}, and a baseline comparison of merges already made (the image's own is
 * the one the rules judge). {@link MergedFindings} installs the one implementation when it is
 * initialised; nothing else may.
 *
 * @since 0.2
 */
public abstract class MergeAccess {

    private static volatile MergeAccess installed;

    /** For the merge package's implementation only. */
    protected MergeAccess() {}

    /**
     * Installs the implementation, once.
     *
     * @param access the merge package's implementation
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(MergeAccess access) {
        if (installed != null) {
            throw new IllegalStateException("the merge access is installed already");
        }
        installed = access;
    }

    /**
     * The implementation, initialising {@link MergedFindings} (which installs it) if need be.
     *
     * @return the implementation
     */
    public static MergeAccess get() {
        MergeAccess access = installed;
        if (access == null) {
            try {
                Class.forName(MergedFindings.class.getName(), true, MergedFindings.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = installed;
        }
        return access;
    }

    /**
     * Merges reports, taking package identities from, and adding them to, an evaluation's.
     *
     * @param reports the reports
     * @param severityRule how to choose a group's severity
     * @param identities the evaluation's package identities
     * @return the merge
     */
    public abstract MergedFindings merge(
            List<ScanReport> reports, SeverityRule severityRule, PackageIdentities identities);

    /**
     * Compares an image's merged reports with a baseline's.
     *
     * @param baselineReports the mainline image's reports
     * @param baseline their merge
     * @param currentReports the image's reports
     * @param current their merge
     * @return the comparison
     */
    public abstract BaselineDiff diff(
            List<ScanReport> baselineReports,
            MergedFindings baseline,
            List<ScanReport> currentReports,
            MergedFindings current);
}
