/**
 * What scanner adapter authors implement: {@link dev.shelflife.spi.ScannerAdapter}, found with
 * {@link java.util.ServiceLoader}, reading a {@link dev.shelflife.spi.ReportSource} under
 * {@link dev.shelflife.spi.ReadLimits}.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.spi;

import org.jspecify.annotations.NullMarked;
