package com.example.acmescan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The DTOs of Acme Scan's JSON: one record per object bound on its own. Every field may be
 * missing or {@code null}; {@link AcmeMapper} decides what that means.
 */
final class AcmeJson {

    private AcmeJson() {}

    /**
     * One element of {@code findings}. Numbers where text belongs bind as their digits; an object
     * or array where text belongs is a located error.
     */
    record Finding(
            String id,
            @JsonProperty("package") String pkg,
            String version,
            String fixedIn,
            String severity,
            String location) {}
}
