package dev.shelflife.spdx;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of SPDX JSON documents that are bound to objects, one at a time: an SPDX 2.x package,
 * relationship and creation info, and an SPDX 3.0 element of the {@code @graph}. The documents'
 * outer objects are walked field by field by {@link JsonSpdxReader}. Packages and elements are
 * classes that Jackson fills field by field, so that a key spelled like one of these in another
 * case is reported, not skipped unseen.
 */
final class SpdxJson {

    private SpdxJson() {}

    /**
     * SPDX 2.x {@code creationInfo}.
     *
     * @param creators {@code Tool: trivy-0.50.1}, {@code Organization: …}, {@code Person: …}
     * @param created when the document was made
     */
    record CreationInfo(List<String> creators, String created) {}

    /** One SPDX 2.x package. */
    static final class Package {
        @JsonProperty("SPDXID")
        private String spdxId;

        @JsonProperty("name")
        private String name;

        @JsonProperty("versionInfo")
        private String versionInfo;

        @JsonProperty("externalRefs")
        private List<ExternalRef> externalRefs;

        @JsonProperty("primaryPackagePurpose")
        private String primaryPackagePurpose;

        @JsonProperty("annotations")
        private List<Annotation> annotations;

        @JsonProperty("attributionTexts")
        private List<String> attributionTexts;

        String spdxId() {
            return spdxId;
        }

        String name() {
            return name;
        }

        String versionInfo() {
            return versionInfo;
        }

        List<ExternalRef> externalRefs() {
            return externalRefs == null ? List.of() : externalRefs;
        }

        String primaryPackagePurpose() {
            return primaryPackagePurpose;
        }

        List<Annotation> annotations() {
            return annotations == null ? List.of() : annotations;
        }

        List<String> attributionTexts() {
            return attributionTexts == null ? List.of() : attributionTexts;
        }
    }

    /**
     * A package's external reference.
     *
     * @param referenceCategory {@code PACKAGE-MANAGER} (or {@code PACKAGE_MANAGER}), {@code SECURITY} …
     * @param referenceType {@code purl}, {@code cpe23Type} …
     * @param referenceLocator the reference itself
     */
    record ExternalRef(String referenceCategory, String referenceType, String referenceLocator) {}

    /**
     * An annotation; Trivy writes its package properties as their comments, {@code PkgType: conda-pkg}.
     *
     * @param comment the comment
     */
    record Annotation(String comment) {}

    /**
     * An SPDX 2.x relationship.
     *
     * @param spdxElementId the element it is from
     * @param relationshipType {@code DESCRIBES}, {@code CONTAINS} …
     * @param relatedSpdxElement the element it is to
     */
    record Relationship(String spdxElementId, String relationshipType, String relatedSpdxElement) {}

    /** One element of an SPDX 3.0 {@code @graph}: a package, a relationship, a document, a tool … */
    static final class Element {
        @JsonProperty("type")
        @JsonAlias("@type")
        private String type;

        @JsonProperty("spdxId")
        @JsonAlias("@id")
        private String spdxId;

        @JsonProperty("name")
        private String name;

        @JsonProperty("software_packageVersion")
        private String packageVersion;

        @JsonProperty("software_packageUrl")
        private String packageUrl;

        @JsonProperty("software_primaryPurpose")
        private String primaryPurpose;

        @JsonProperty("externalIdentifier")
        private List<ExternalIdentifier> externalIdentifier;

        @JsonProperty("relationshipType")
        private String relationshipType;

        @JsonProperty("from")
        private String from;

        @JsonProperty("to")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> to;

        @JsonProperty("rootElement")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> rootElement;

        @JsonProperty("creationInfo")
        private Object creationInfo;

        @JsonProperty("created")
        private String created;

        @JsonProperty("createdUsing")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> createdUsing;

        @JsonProperty("specVersion")
        private String specVersion;

        String type() {
            return type;
        }

        String spdxId() {
            return spdxId;
        }

        String name() {
            return name;
        }

        String packageVersion() {
            return packageVersion;
        }

        String packageUrl() {
            return packageUrl;
        }

        String primaryPurpose() {
            return primaryPurpose;
        }

        List<ExternalIdentifier> externalIdentifier() {
            return externalIdentifier == null ? List.of() : externalIdentifier;
        }

        String relationshipType() {
            return relationshipType;
        }

        String from() {
            return from;
        }

        List<String> to() {
            return to == null ? List.of() : to;
        }

        List<String> rootElement() {
            return rootElement == null ? List.of() : rootElement;
        }

        /** @return the id of a {@code CreationInfo} element, or an inline one as a map */
        Object creationInfo() {
            return creationInfo;
        }

        String created() {
            return created;
        }

        List<String> createdUsing() {
            return createdUsing == null ? List.of() : createdUsing;
        }

        String specVersion() {
            return specVersion;
        }
    }

    /**
     * An SPDX 3.0 external identifier.
     *
     * @param externalIdentifierType {@code packageUrl}, {@code cpe23} …
     * @param identifier the identifier itself
     */
    record ExternalIdentifier(String externalIdentifierType, String identifier) {}
}
