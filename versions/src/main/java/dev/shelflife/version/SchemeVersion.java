package dev.shelflife.version;

/**
 * A version read by one scheme: ordered against versions of the same scheme, and split into the
 * parts that size a bump.
 *
 * @param <V> the scheme's version type
 */
interface SchemeVersion<V extends SchemeVersion<V>> extends Comparable<V> {

    /**
     * The parts of this version that size a bump.
     *
     * @return the release parts
     */
    Release release();
}
