/**
 * The ShelfLife API: the model, the scanner adapter SPI and discovery. Depends on the JDK, and on
 * JSpecify's nullness annotations to compile against it.
 *
 * @uses dev.shelflife.spi.ScannerAdapter
 */
module dev.shelflife {
    requires static transitive org.jspecify;

    exports dev.shelflife;
    exports dev.shelflife.spi;

    uses dev.shelflife.spi.ScannerAdapter;
}
