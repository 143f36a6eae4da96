package dev.shelflife.history;

/**
 * Opens one kind of history store. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.shelflife.history.HistoryStoreProvider} and give
 * it a public no-argument constructor.
 *
 * @since 0.2
 */
public interface HistoryStoreProvider {

    /**
     * Whether this provider opens stores at a URL.
     *
     * @param url the URL, such as {@code jdbc:sqlite:history.db}
     * @return {@code true} if it does
     */
    boolean accepts(String url);

    /**
     * Opens the store at a URL, creating or migrating its schema as needed.
     *
     * @param url a URL this provider {@linkplain #accepts accepts}
     * @param lineages how the store groups images into lineages
     * @return the store
     * @throws HistoryException if the store cannot be opened, with the reason
     */
    HistoryStore open(String url, LineageRule lineages);
}
