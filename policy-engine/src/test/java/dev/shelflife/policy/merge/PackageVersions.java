package dev.shelflife.policy.merge;

import dev.shelflife.Finding;

/** For the engine's tests in other packages: how merging keys a finding's package version. */
public final class PackageVersions {

    private PackageVersions() {}

    /**
     * The installed version of a finding's package as merging compares it.
     *
     * @param finding the finding
     * @return the version, {@code ""} when unknown
     */
    public static String versionKey(Finding finding) {
        return MergedFindings.packageVersion(finding).version();
    }
}
