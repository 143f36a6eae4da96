/**
 * The Snyk adapters: {@link dev.shelflife.snyk.SnykScannerAdapter} reads the JSON output of
 * {@code snyk test} and {@code snyk container test} (single projects, {@code --all-projects}
 * arrays, nested applications, {@code --group-issues}), and
 * {@link dev.shelflife.snyk.SnykSarifScannerAdapter} reads their SARIF output.
 *
 * <p>Only the two adapters are public. Beside them, package-private: the streaming readers, the
 * DTO records that mirror Snyk's JSON and SARIF, the mappers that turn one entry into a finding,
 * and the package URL construction from Snyk's {@code packageManager}.
 *
 * @since 0.1
 */
package dev.shelflife.snyk;
