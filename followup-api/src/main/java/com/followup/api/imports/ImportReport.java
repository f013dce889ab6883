package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an import found and did.
 *
 * @param rowsRead data rows in the file (the header and blank lines not counted)
 * @param valid rows without an error, references to existing records included
 * @param inserted new records written (for a dry run, or an all-or-nothing import with bad rows: what would have been)
 * @param skipped valid rows whose record already exists (an earlier import of the same file) or that repeat an earlier
 *     row of the file
 * @param written whether anything was committed
 * @param errors every bad row's problems, in line order, up to {@link CsvImport#MAX_ERRORS}
 * @param errorsTruncated true when there were more errors than listed ({@code invalid} still counts every bad row)
 */
public record ImportReport(
        ImportKind kind,
        ImportMode mode,
        long rowsRead,
        long valid,
        long invalid,
        long inserted,
        long skipped,
        boolean written,
        List<RowError> errors,
        boolean errorsTruncated,
        long millis) {
    /** One problem of one row: the file's line (1 is the header), the column and why. */
    public record RowError(long line, String column, String reason) {
        public RowError {
            requireNonNull(column, "column is null");
            requireNonNull(reason, "reason is null");
        }
    }

    public ImportReport {
        requireNonNull(kind, "kind is null");
        requireNonNull(mode, "mode is null");
        errors = List.copyOf(errors);
    }
}
