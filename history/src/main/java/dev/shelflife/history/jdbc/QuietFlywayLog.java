package dev.shelflife.history.jdbc;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Flyway's messages, sent to {@link System.Logger} at debug level rather than printed: creating or
 * migrating a store is not news for the person running {@code shelflife record}, and what fails
 * reaches them as a {@link dev.shelflife.history.HistoryException}. Not API: public only because
 * Flyway instantiates its loggers by class name.
 *
 * @since 0.2
 */
public final class QuietFlywayLog implements LogCreator {

    /** The constructor Flyway calls. */
    public QuietFlywayLog() {}

    @Override
    public Log createLogger(Class<?> type) {
        System.Logger logger = System.getLogger("dev.shelflife.history.flyway");
        return new Log() {
            @Override
            public void debug(String message) {
                logger.log(System.Logger.Level.TRACE, message);
            }

            @Override
            public void info(String message) {
                logger.log(System.Logger.Level.DEBUG, message);
            }

            @Override
            public void warn(String message) {
                logger.log(System.Logger.Level.DEBUG, message);
            }

            @Override
            public void error(String message) {
                logger.log(System.Logger.Level.DEBUG, message);
            }

            @Override
            public void error(String message, Exception e) {
                logger.log(System.Logger.Level.DEBUG, message, e);
            }

            @Override
            public void notice(String message) {
                logger.log(System.Logger.Level.DEBUG, message);
            }
        };
    }
}
