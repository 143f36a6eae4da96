/**
 * The AWS adapters: {@link dev.shelflife.aws.InspectorScannerAdapter} reads Amazon Inspector's
 * findings of an ECR image as its {@code ListFindings} API returns them, and
 * {@link dev.shelflife.aws.SecurityHubScannerAdapter} the same findings as Security Hub passes them
 * on in ASFF. Both read one image per report, and skip what is not a package vulnerability of it.
 *
 * @since 0.2
 */
package dev.shelflife.aws;
