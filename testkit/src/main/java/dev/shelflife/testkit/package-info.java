/**
 * Test support for ShelfLife users: {@link dev.shelflife.testkit.ScannerAdapterContract}, the
 * contract kit that every scanner adapter's tests extend, {@link dev.shelflife.testkit.BadInputMatrix},
 * the bad-input matrix they extend too, {@link dev.shelflife.testkit.FuzzTarget}, the contract a
 * fuzzer checks, and AssertJ assertions.
 *
 * @since 0.1
 */
package dev.shelflife.testkit;
