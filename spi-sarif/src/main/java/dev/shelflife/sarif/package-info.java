/**
 * The SARIF adapter for Trivy and Grype: {@link dev.shelflife.sarif.SarifScannerAdapter} reads the
 * vulnerabilities that each tool writes into SARIF's texts, in every shape its versions wrote, and
 * declares unknown what the texts do not state. Snyk's SARIF is read by {@code dev.shelflife.snyk}.
 *
 * @since 0.2
 */
package dev.shelflife.sarif;
