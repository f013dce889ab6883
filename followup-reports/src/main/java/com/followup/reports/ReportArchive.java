package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.webhooks.WebhookEventType;
import com.followup.api.webhooks.WebhookEvents;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every report produced, with its files as they were sent: a past week downloads byte for byte even after the data
 * changed. Producing a week again adds a version; nothing is overwritten or deleted.
 */
public final class ReportArchive {
    /** How a report came to be. */
    public enum Via {
        API,
        SCHEDULE,
        COMMAND
    }

    /** A file of an archived report, without its bytes. */
    public record FileInfo(ReportFormat format, String fileName, String mediaType, String sha256, int size) {}

    /** An archived report: who produced it, when, with which parameters, and its files. */
    public record Entry(
            long id,
            String week,
            String scope,
            int version,
            Instant asOf,
            String zone,
            String parameters,
            Optional<Long> producedBy,
            Via producedVia,
            Instant producedAt,
            List<FileInfo> files) {
        public Entry {
            files = List.copyOf(files);
        }
    }

    /** A stored file with its bytes. */
    public record StoredFile(long reportId, FileInfo info, byte[] content) {}

    private final Jdbi jdbi;

    public ReportArchive(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Stores a new version of the week and scope, in the caller's transaction. */
    public static Entry store(
            Handle handle,
            WeeklyParameters parameters,
            String parametersJson,
            Optional<Long> producedBy,
            Via via,
            Instant producedAt,
            Map<ReportFormat, byte[]> files) {
        String week = parameters.week().toString();
        String scope = parameters.scope().toString();
        // Two servers producing the same week at once: the second waits and takes the next version.
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 5))) AS locked")
                .bind("key", "report:" + week + ":" + scope)
                .mapTo(Integer.class)
                .one();
        int version = handle.createQuery(
                        "SELECT COALESCE(max(version), 0) + 1 FROM reports WHERE week = :week AND scope = :scope")
                .bind("week", week)
                .bind("scope", scope)
                .mapTo(Integer.class)
                .one();
        long id = handle.createQuery(
                        """
                        INSERT INTO reports (week, scope, version, as_of, zone, parameters, produced_by, produced_via,
                                             produced_at)
                        VALUES (:week, :scope, :version, :as_of, :zone, CAST(:parameters AS jsonb), :produced_by,
                                :produced_via, :produced_at)
                        RETURNING id
                        """)
                .bind("week", week)
                .bind("scope", scope)
                .bind("version", version)
                .bind("as_of", parameters.asOf().atOffset(ZoneOffset.UTC))
                .bind("zone", parameters.zone().getId())
                .bind("parameters", parametersJson)
                .bind("produced_by", producedBy.orElse(null))
                .bind("produced_via", via.name())
                .bind("produced_at", producedAt.atOffset(ZoneOffset.UTC))
                .mapTo(Long.class)
                .one();
        List<FileInfo> infos = new ArrayList<>();
        for (Map.Entry<ReportFormat, byte[]> file : new EnumMap<>(files).entrySet()) {
            ReportFormat format = file.getKey();
            byte[] content = file.getValue();
            FileInfo info = new FileInfo(
                    format, fileName(parameters, version, format), format.mediaType(), sha256(content), content.length);
            handle.createUpdate(
                            """
                            INSERT INTO report_files (report_id, format, file_name, media_type, content, sha256, size)
                            VALUES (:report_id, :format, :file_name, :media_type, :content, :sha256, :size)
                            """)
                    .bind("report_id", id)
                    .bind("format", format.name())
                    .bind("file_name", info.fileName())
                    .bind("media_type", info.mediaType())
                    .bind("content", content)
                    .bind("sha256", info.sha256())
                    .bind("size", info.size())
                    .execute();
            infos.add(info);
        }
        WebhookEvents.emit(
                handle,
                WebhookEventType.REPORT_PRODUCED,
                Map.of(
                        "reportId", id,
                        "week", week,
                        "scope", scope,
                        "version", version,
                        "via", via.name(),
                        "formats",
                                infos.stream().map(info -> info.format().name()).toList()));
        return new Entry(
                id,
                week,
                scope,
                version,
                parameters.asOf(),
                parameters.zone().getId(),
                parametersJson,
                producedBy,
                via,
                producedAt,
                infos);
    }

    /** The newest version of a week and scope, if it was ever produced. */
    public Optional<Entry> latest(IsoWeek week, ReportScope scope) {
        return jdbi.withHandle(
                        handle -> handle.createQuery("SELECT id FROM reports WHERE week = :week AND scope = :scope"
                                        + " ORDER BY version DESC LIMIT 1")
                                .bind("week", week.toString())
                                .bind("scope", scope.toString())
                                .mapTo(Long.class)
                                .findOne())
                .flatMap(this::find);
    }

    /** Every version of a week and scope, newest first: what the reports page lists with its checksums. */
    public List<Entry> versions(IsoWeek week, ReportScope scope) {
        return jdbi
                .withHandle(handle -> handle.createQuery(
                                "SELECT id FROM reports WHERE week = :week AND scope = :scope ORDER BY version DESC")
                        .bind("week", week.toString())
                        .bind("scope", scope.toString())
                        .mapTo(Long.class)
                        .list())
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    public Optional<Entry> find(long id) {
        return jdbi.withHandle(handle -> {
            Optional<Entry> entry = handle.createQuery(
                            """
                            SELECT id, week, scope, version, as_of, zone, parameters::text AS parameters, produced_by,
                                   produced_via, produced_at
                              FROM reports WHERE id = :id
                            """)
                    .bind("id", id)
                    .map((rs, context) -> new Entry(
                            rs.getLong("id"),
                            rs.getString("week"),
                            rs.getString("scope"),
                            rs.getInt("version"),
                            JdbiInterviewRecords.instant(rs, "as_of"),
                            rs.getString("zone"),
                            rs.getString("parameters"),
                            Optional.ofNullable((Long) rs.getObject("produced_by")),
                            Via.valueOf(rs.getString("produced_via")),
                            JdbiInterviewRecords.instant(rs, "produced_at"),
                            List.of()))
                    .findOne();
            return entry.map(found -> withFiles(handle, found));
        });
    }

    /** A page of the archive, newest first; {@code scope} empty for every scope (admins). */
    public List<Entry> list(Optional<ReportScope> scope, int limit, long offset) {
        return jdbi
                .withHandle(handle -> handle.createQuery(
                                """
                                SELECT id FROM reports
                                 WHERE CAST(:scope AS text) IS NULL OR scope = CAST(:scope AS text)
                                 ORDER BY produced_at DESC, id DESC LIMIT :limit OFFSET :offset
                                """)
                        .bind("scope", scope.map(ReportScope::toString).orElse(null))
                        .bind("limit", limit)
                        .bind("offset", offset)
                        .mapTo(Long.class)
                        .list())
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    public long count(Optional<ReportScope> scope) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM reports WHERE CAST(:scope AS text) IS NULL OR scope = CAST(:scope AS text)")
                .bind("scope", scope.map(ReportScope::toString).orElse(null))
                .mapTo(Long.class)
                .one());
    }

    /**
     * A file of an archived report. The zip of tidy tables is not stored: it is cut from the archived CSV on every
     * request, deterministically, so it holds the archived figures and its SHA-256 does not change either.
     */
    public Optional<StoredFile> file(long reportId, ReportFormat format) {
        if (format == ReportFormat.ZIP) {
            return file(reportId, ReportFormat.CSV).map(csv -> {
                byte[] zip = TidyCsvReport.zip(csv.content());
                String name = csv.info().fileName().replaceFirst("\\.csv$", "") + "-tables.zip";
                return new StoredFile(
                        reportId,
                        new FileInfo(ReportFormat.ZIP, name, ReportFormat.ZIP.mediaType(), sha256(zip), zip.length),
                        zip);
            });
        }
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                                SELECT report_id, format, file_name, media_type, sha256, size, content
                                  FROM report_files WHERE report_id = :id AND format = :format
                                """)
                .bind("id", reportId)
                .bind("format", format.name())
                .map((rs, context) -> new StoredFile(
                        rs.getLong("report_id"),
                        new FileInfo(
                                ReportFormat.valueOf(rs.getString("format")),
                                rs.getString("file_name"),
                                rs.getString("media_type"),
                                rs.getString("sha256"),
                                rs.getInt("size")),
                        rs.getBytes("content")))
                .findOne());
    }

    private static Entry withFiles(Handle handle, Entry entry) {
        List<FileInfo> files = handle.createQuery(
                        "SELECT format, file_name, media_type, sha256, size FROM report_files WHERE report_id = :id"
                                + " ORDER BY format")
                .bind("id", entry.id())
                .map((rs, context) -> new FileInfo(
                        ReportFormat.valueOf(rs.getString("format")),
                        rs.getString("file_name"),
                        rs.getString("media_type"),
                        rs.getString("sha256"),
                        rs.getInt("size")))
                .list();
        return new Entry(
                entry.id(),
                entry.week(),
                entry.scope(),
                entry.version(),
                entry.asOf(),
                entry.zone(),
                entry.parameters(),
                entry.producedBy(),
                entry.producedVia(),
                entry.producedAt(),
                files);
    }

    static String fileName(WeeklyParameters parameters, int version, ReportFormat format) {
        String scope = parameters.scope().isAgency()
                ? "agency"
                : "recruiter-" + parameters.scope().recruiterId().orElseThrow();
        return "followup-" + parameters.week() + "-" + scope + "-v" + version + "." + format.extension();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
