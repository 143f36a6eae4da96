/**
 * The CycloneDX adapter: {@link dev.shelflife.cyclonedx.CycloneDxScannerAdapter} reads CycloneDX
 * SBOM, vulnerability (VDR) and VEX documents, spec 1.2 to 1.7, in JSON and XML, into the
 * ShelfLife model.
 *
 * <p>Everything else here is package-private: a JSON reader on the shared streaming cursor, an
 * XML reader on a hardened StAX cursor that refuses DOCTYPEs before parsing, the format-neutral
 * {@code Bom} both fill, and the mapper that turns it into findings, components and VEX
 * statements. cyclonedx-core-java supplies the spec versions, BOM-Link parsing and the VEX
 * vocabulary; its parser is not used (see {@code docs/adapters/cyclonedx.md}).
 *
 * @since 0.1
 */
package dev.shelflife.cyclonedx;
