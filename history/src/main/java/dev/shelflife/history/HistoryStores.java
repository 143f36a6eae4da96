package dev.shelflife.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens history stores from the URLs users write: {@code jdbc:sqlite:PATH}, {@code
 * jdbc:postgresql://HOST/DATABASE?…}, or a plain file path, which means an SQLite file.
 *
 * <pre>{@code
 * try (HistoryStore history = HistoryStores.open("history.db")) {
 *     history.record(report, RecordContext.of(now, "nightly"));
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class HistoryStores {

    private HistoryStores() {}

    /**
     * Opens the store at a URL or path, grouping images by repository.
     *
     * @param url {@code jdbc:sqlite:…}, {@code jdbc:postgresql://…}, or a file path
     * @return the store
     * @throws HistoryException if no installed provider opens the URL, or the store cannot be opened
     */
    public static HistoryStore open(String url) {
        return open(url, LineageRule.repository());
    }

    /**
     * Opens the store at a URL or path.
     *
     * @param url {@code jdbc:sqlite:…}, {@code jdbc:postgresql://…}, or a file path
     * @param lineages how the store groups images into lineages
     * @return the store
     * @throws HistoryException if no installed provider opens the URL, or the store cannot be opened
     */
    public static HistoryStore open(String url, LineageRule lineages) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lineages, "lineages");
        String normalised = url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + Path.of(url);
        List<HistoryStoreProvider> providers = new ArrayList<>();
        try {
            ServiceLoader.load(HistoryStoreProvider.class, HistoryStores.class.getClassLoader())
                    .forEach(providers::add);
        } catch (ServiceConfigurationError e) {
            throw new HistoryException(
                    HistoryException.Reason.NOT_A_STORE, "cannot load a history store provider: " + e.getMessage(), e);
        }
        for (HistoryStoreProvider provider : providers) {
            if (provider.accepts(normalised)) {
                return provider.open(normalised, lineages);
            }
        }
        throw new HistoryException(
                HistoryException.Reason.NOT_A_STORE,
                "no history store opens " + redacted(url)
                        + ": give jdbc:sqlite:PATH, jdbc:postgresql://HOST/DATABASE or a file path");
    }

    /**
     * A store's URL as messages may show it: without its query string and the credentials before
     * its host, either of which may hold a password.
     *
     * @param url the URL or path a store was opened with
     * @return for example {@code jdbc:postgresql://db:5432/history} for {@code
     *     jdbc:postgresql://db:5432/history?user=ci&password=secret}
     */
    public static String redacted(String url) {
        Objects.requireNonNull(url, "url");
        String withoutQuery = url.replaceAll("[?;].*$", "");
        return withoutQuery.replaceAll("//[^/@]*@", "//");
    }
}
