package dev.shelflife.cyclonedx;

import dev.shelflife.ReportLocation;
import dev.shelflife.UnsupportedReportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.Format;
import org.cyclonedx.Version;

/**
 * The CycloneDX spec versions this adapter reads, and how an XML namespace names one.
 *
 * <p>cyclonedx-core-java's {@link Version} is the authority on which versions exist and which
 * have a JSON encoding (1.2 on). It does not know 1.7, which its parser accepts and then
 * validates as 1.6; ShelfLife names 1.7 itself, so that the version a document declares is the
 * version it reports. Versions before 1.2 have no vulnerabilities and no JSON encoding: they are
 * refused.
 */
final class CycloneDxSpec {

    /** The namespace every CycloneDX BOM namespace starts with. */
    static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";
    /** The 1.0 vulnerability extension that spec 1.2 and 1.3 documents nest inside components. */
    static final String VULNERABILITY_EXTENSION = "http://cyclonedx.org/schema/ext/vulnerability/1.0";

    private static final double FIRST_SUPPORTED = 1.2;
    private static final String NEWER_THAN_LIBRARY = "1.7";
    private static final List<String> SUPPORTED = supportedVersions();

    private CycloneDxSpec() {}

    /** The library's versions from 1.2 on (those that exist in JSON too), then the ones it does not know yet. */
    private static List<String> supportedVersions() {
        List<String> versions = new ArrayList<>();
        for (Version version : Version.values()) {
            if (version.getVersion() >= FIRST_SUPPORTED && version.getFormats().contains(Format.JSON)) {
                versions.add(version.getVersionString());
            }
        }
        versions.sort(String::compareTo);
        if (!versions.contains(NEWER_THAN_LIBRARY)) {
            versions.add(NEWER_THAN_LIBRARY);
        }
        return List.copyOf(versions);
    }

    /**
     * The spec version a BOM namespace stands for, supported or not.
     *
     * @param namespace the root element's namespace
     * @return {@code 1.4} for {@code http://cyclonedx.org/schema/bom/1.4}; empty for a namespace that is not CycloneDX's
     */
    static Optional<String> versionOfNamespace(String namespace) {
        if (namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(namespace.substring(NAMESPACE_PREFIX.length()));
    }

    /**
     * Checks that a declared spec version is one this adapter reads.
     *
     * @param version the version the document declares
     * @param at where it declares it
     * @return the version
     * @throws UnsupportedReportException if the version is unknown or older than 1.2
     */
    static String require(String version, ReportLocation at) {
        if (!SUPPORTED.contains(version)) {
            throw new UnsupportedReportException(
                    at,
                    "CycloneDX spec version \"" + version + "\" is not supported (supported: "
                            + String.join(", ", SUPPORTED) + ")");
        }
        return version;
    }
}
