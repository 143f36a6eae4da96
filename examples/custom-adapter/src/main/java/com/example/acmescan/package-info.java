/**
 * A ShelfLife scanner adapter for Acme Scan, a made-up in-house scanner: an example of what a
 * third party writes so that ShelfLife reads its reports, with no change to ShelfLife.
 *
 * <p>{@link com.example.acmescan.AcmeScannerAdapter} is the only public class; ShelfLife finds
 * it through {@code META-INF/services/dev.shelflife.spi.ScannerAdapter}.
 *
 * @since 0.1
 */
package com.example.acmescan;
