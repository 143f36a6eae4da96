/**
 * The Trivy adapter: {@link dev.shelflife.trivy.TrivyScannerAdapter} reads Trivy's JSON reports
 * (SchemaVersion 2, the legacy array, {@code trivy k8s}) into the ShelfLife model. Everything else
 * here is package-private: the streaming reader, the DTO records that mirror Trivy's JSON, and
 * the mapper from them to the model.
 *
 * @since 0.1
 */
package dev.shelflife.trivy;
