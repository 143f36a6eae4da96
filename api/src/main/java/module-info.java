/**
 * The ShelfLife API: the model, the scanner adapter SPI and discovery. Depends on the JDK only.
 *
 * @uses dev.shelflife.spi.ScannerAdapter
 */
module dev.shelflife {
    exports dev.shelflife;
    exports dev.shelflife.spi;

    uses dev.shelflife.spi.ScannerAdapter;
}
