/**
 * Test support for ShelfLife users: {@link dev.shelflife.testkit.ScannerAdapterContract}, the
 * contract kit that every scanner adapter's tests extend, and AssertJ assertions.
 *
 * @since 0.1
 */
package dev.shelflife.testkit;
