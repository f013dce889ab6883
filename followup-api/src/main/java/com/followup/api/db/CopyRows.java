package com.followup.api.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one table in PostgreSQL's COPY text format, gathered in a buffer and sent with {@code COPY ... FROM STDIN}
 * when the buffer is flushed. Callers flush in foreign-key order, chunk by chunk, so memory stays bounded.
 */
public final class CopyRows {
    private final String table;
    private final String columns;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private boolean firstField = true;
    private long rows;
    private long pendingRows;

    public CopyRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    public CopyRows field(Object value) {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
        if (value == null) {
            buffer.append("\\N");
        } else {
            escape(value.toString());
        }
        return this;
    }

    public void end() {
        buffer.append('\n');
        firstField = true;
        rows++;
        pendingRows++;
    }

    public long rows() {
        return rows;
    }

    /** Rows buffered and not yet sent. */
    public long pending() {
        return pendingRows;
    }

    /** Sends what is buffered, if anything, inside the connection's current transaction. */
    public void flush(Connection connection) throws SQLException {
        if (pendingRows == 0) {
            return;
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(buffer.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
        buffer.setLength(0);
        pendingRows = 0;
    }

    private void escape(String value) {
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(character);
            }
        }
    }
}
