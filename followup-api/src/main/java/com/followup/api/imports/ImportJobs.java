package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The import_jobs table: a job is created when a file arrives, its progress is written while the import runs (in
 * short transactions of their own, so a client polling the job sees them), and its report when it ends.
 */
public final class ImportJobs {
    /** Where a job stands. */
    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * A job as the API shows it.
     *
     * @param percent how much of the file has been read, by bytes
     * @param phase QUEUED, READING (rows are parsed and staged), WRITING (references checked, records written), ENDED
     * @param report the report once the job is done
     * @param failure why a failed job failed
     */
    public record JobView(
            long id,
            ImportKind kind,
            ImportMode mode,
            Status status,
            String phase,
            long fileBytes,
            long bytesRead,
            int percent,
            long rowsRead,
            Optional<ImportReport> report,
            Optional<String> failure,
            OffsetDateTime createdAt,
            Optional<OffsetDateTime> finishedAt) {}

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;

    public ImportJobs(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public long create(ImportKind kind, ImportMode mode, long fileBytes, long userId) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        """
                        INSERT INTO import_jobs (kind, mode, status, file_bytes, created_by, created_at)
                        VALUES (:kind, :mode, 'RUNNING', :bytes, :user, :at)
                        """)
                .bind("kind", kind.name())
                .bind("mode", mode.name())
                .bind("bytes", fileBytes)
                .bind("user", userId)
                .bind("at", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    public void progress(long id, String phase, long bytesRead, long rowsRead) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE import_jobs SET phase = :phase, bytes_read = :bytes, rows_read = :rows WHERE id = :id")
                .bind("phase", phase)
                .bind("bytes", bytesRead)
                .bind("rows", rowsRead)
                .bind("id", id)
                .execute());
    }

    public void done(long id, ImportReport report, long fileBytes) {
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        finish(id, Status.DONE, text, fileBytes, report.rowsRead());
    }

    public void failed(long id, String reason) {
        String text;
        try {
            text = json.writeValueAsString(java.util.Map.of("failure", reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useHandle(handle -> handle.createUpdate(
                        """
                        UPDATE import_jobs SET status = 'FAILED', phase = 'ENDED', report = CAST(:report AS jsonb),
                               finished_at = :at
                         WHERE id = :id
                        """)
                .bind("report", text)
                .bind("at", clock.instant())
                .bind("id", id)
                .execute());
    }

    private void finish(long id, Status status, String report, long bytes, long rows) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        """
                        UPDATE import_jobs SET status = :status, phase = 'ENDED', report = CAST(:report AS jsonb),
                               bytes_read = :bytes, rows_read = :rows, finished_at = :at
                         WHERE id = :id
                        """)
                .bind("status", status.name())
                .bind("report", report)
                .bind("bytes", bytes)
                .bind("rows", rows)
                .bind("at", clock.instant())
                .bind("id", id)
                .execute());
    }

    public Optional<JobView> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT id, kind, mode, status, phase, file_bytes, bytes_read, rows_read, report::text AS report,
                               created_at, finished_at
                          FROM import_jobs WHERE id = :id
                        """)
                .bind("id", id)
                .map((rs, context) -> {
                    Status status = Status.valueOf(rs.getString("status"));
                    String report = rs.getString("report");
                    long fileBytes = rs.getLong("file_bytes");
                    long bytesRead = rs.getLong("bytes_read");
                    Optional<ImportReport> parsed = Optional.empty();
                    Optional<String> failure = Optional.empty();
                    try {
                        if (report != null && status == Status.DONE) {
                            parsed = Optional.of(json.readValue(report, ImportReport.class));
                        } else if (report != null) {
                            failure = Optional.of(
                                    json.readTree(report).path("failure").asText());
                        }
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    Instant finished = rs.getObject("finished_at", OffsetDateTime.class) == null
                            ? null
                            : rs.getObject("finished_at", OffsetDateTime.class).toInstant();
                    return new JobView(
                            rs.getLong("id"),
                            ImportKind.valueOf(rs.getString("kind")),
                            ImportMode.valueOf(rs.getString("mode")),
                            status,
                            rs.getString("phase"),
                            fileBytes,
                            bytesRead,
                            fileBytes == 0 ? 100 : (int) Math.min(100, bytesRead * 100 / fileBytes),
                            rs.getLong("rows_read"),
                            parsed,
                            failure,
                            rs.getObject("created_at", OffsetDateTime.class)
                                    .toInstant()
                                    .atOffset(ZoneOffset.UTC),
                            Optional.ofNullable(finished).map(at -> at.atOffset(ZoneOffset.UTC)));
                })
                .findOne());
    }
}
