/**
 * The Harbor adapter: {@link dev.shelflife.harbor.HarborScannerAdapter} reads the vulnerability
 * reports of Harbor's pluggable scanner API (v1.0 and v1.1, under their MIME-type key as Harbor's
 * API returns them, or bare as a scanner adapter writes them) into the ShelfLife model. Everything
 * else here is package-private: the streaming reader, the DTOs and the mapper.
 *
 * @since 0.2
 */
package dev.shelflife.harbor;
