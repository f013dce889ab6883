package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a backup or restore prints as it goes: a line per table, and every few seconds a line on a table still being
 * copied, so a long run shows it is moving.
 */
final class Progress {
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final long started = System.nanoTime();
    private String table = "";
    private long tableStarted;
    private long lastPrinted;

    Progress(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    void start(String table) {
        this.table = table;
        this.tableStarted = System.nanoTime();
        this.lastPrinted = tableStarted;
    }

    /** Called as data passes, with the rows so far (negative when not known yet); prints every few seconds. */
    void during(long rows, long bytes) {
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            out.printf(
                    Locale.ROOT,
                    "  %-26s %14s %10s  ... %.0f s so far%n",
                    table,
                    rows < 0 ? "" : rows(rows),
                    size(bytes),
                    (now - tableStarted) / 1e9);
            out.flush();
        }
    }

    void done(long rows, long bytes) {
        out.printf(
                Locale.ROOT,
                "  %-26s %14s %10s  %6.1f s%n",
                table,
                rows(rows),
                size(bytes),
                (System.nanoTime() - tableStarted) / 1e9);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    static String rows(long rows) {
        return String.format(Locale.ROOT, rows == 1 ? "%,d row" : "%,d rows", rows);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
