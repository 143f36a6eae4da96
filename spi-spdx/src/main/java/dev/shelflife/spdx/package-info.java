/**
 * The SPDX adapter: {@link dev.shelflife.spdx.SpdxScannerAdapter} reads SPDX 2.2 and 2.3 documents
 * (JSON and tag-value) and SPDX 3.0 JSON-LD documents as inventories: their packages become
 * components, and the container image they describe becomes the report's image.
 *
 * @since 0.2
 */
package dev.shelflife.spdx;
