package dev.shelflife.history.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of every table of a store, as text: two stores hold the same when their contents are equal. */
final class StoreContent {

    private StoreContent() {}

    /** The rows of every table of an SQLite file, read with a read-only connection. */
    static Map<String, List<String>> ofSqlite(String path) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path + "?open_mode=1")) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return rows(connection, tables);
        }
    }

    static Map<String, List<String>> rows(Connection connection, List<String> tables) throws SQLException {
        Map<String, List<String>> content = new TreeMap<>();
        for (String table : tables) {
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = rows.getObject(column);
                        line.append(
                                        value instanceof byte[] bytes
                                                ? HexFormat.of().formatHex(bytes)
                                                : String.valueOf(value))
                                .append('|');
                    }
                    lines.add(line.toString());
                }
            }
            lines.sort(String::compareTo);
            content.put(table, lines);
        }
        return content;
    }
}
