/**
 * The OpenVEX adapter: reads OpenVEX documents (v0.2.0, and the older shape whose vulnerability
 * and products are plain strings) into assessments whose statements the policy engine applies as
 * waivers. {@link dev.shelflife.openvex.OpenVexScannerAdapter} is the only public type; it is found
 * with {@link java.util.ServiceLoader} under the id {@code openvex}. The reader, which walks the
 * document with the shared JSON cursor, and the mapper sit beside it, package-private.
 *
 * @since 0.2
 */
package dev.shelflife.openvex;
