package dev.shelflife;

/**
 * What a document says about an image, and so what it may prove. The adapter that reads a document
 * decides its kind from what the document says, and each adapter's page in {@code docs/adapters/}
 * says how.
 *
 * <p>Only a {@link #SCAN} says "this was checked for vulnerabilities, and this is what was found
 * (possibly nothing)". An SBOM that lists packages says nothing about their vulnerabilities: read
 * as a scan, it would be a clean one, and a gate would pass on it. So rules that need a scan (the
 * findings, the scan's age, the coverage rule's "no scan") see scans only; inventories and
 * assessments are kept beside them for what they do say.
 *
 * @since 0.2
 */
public enum EvidenceKind {
    /**
     * A vulnerability scan: a scanner checked the image and reports its findings, possibly none.
     * Its findings are judged and its date is the date of a scan.
     */
    SCAN,
    /**
     * An inventory: the packages of the image (an SBOM) without any vulnerability analysis. Its
     * components are known; it is never a scan, never a clean one.
     */
    INVENTORY,
    /**
     * An assessment: statements about vulnerabilities (VEX, waivers imported from a scanner's
     * ignore file) made by a person or a vendor. Its statements act as waivers; its findings, if
     * any, only restate what the statements are about and are not judged; its date is when the
     * statements were made, not when the image was scanned.
     */
    ASSESSMENT;

    /**
     * The kind's name in lower case, as the CLI's JSON and text outputs write it.
     *
     * @return {@code scan}, {@code inventory} or {@code assessment}
     */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
