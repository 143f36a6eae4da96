/**
 * The CSAF adapter: reads CSAF 2.0 documents ({@code csaf_vex} and {@code csaf_security_advisory},
 * as vendors such as Red Hat publish them) into assessments whose product statuses the policy
 * engine applies as waivers. {@link dev.shelflife.csaf.CsafScannerAdapter} is the only public type;
 * it is found with {@link java.util.ServiceLoader} under the id {@code csaf}. The reader, the DTO
 * records that mirror the JSON and the mapper, which resolves product ids through the product
 * tree, sit beside it, package-private.
 *
 * @since 0.2
 */
package dev.shelflife.csaf;
