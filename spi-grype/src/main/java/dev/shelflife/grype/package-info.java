/**
 * The Grype adapter: reads {@code grype -o json} reports, every generation from 0.7 to the DB v6
 * era, into the ShelfLife model. {@link dev.shelflife.grype.GrypeScannerAdapter} is the only
 * public type; it is found with {@link java.util.ServiceLoader} under the id {@code grype}. The
 * reader, the DTO records that mirror the JSON and the mapper sit beside it, package-private.
 *
 * @since 0.1
 */
package dev.shelflife.grype;
