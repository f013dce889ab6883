package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.imports.ImportJobs.JobView;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admins' spreadsheet imports of candidates, companies, contacts and interviews (columns: docs/import.md), for the
 * API's {@code ImportResource}. The file is spooled to disk, then imported at once or on the import executor (one
 * import at a time, a lifecycle executor of the server); the import itself is one transaction ({@link CsvImport}, with
 * its audit entry), while the job's progress and report are written in short transactions of their own
 * ({@link ImportJobs}), so a client polling the job sees them. Only an admin reaches these (the door's
 * {@code @RolesAllowed}); the caller is passed for the job and the audit.
 */
public final class Imports {
    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);

    /** A kind's template: the file name to offer and its text (the header and an example row). */
    public record Template(String fileName, String text) {}

    private final Jdbi jdbi;
    private final ImportJobs jobs;
    private final Audit audit;
    private final ExecutorService executor;

    /** Invites the candidates an import created, in its transaction; returns how many were invited. */
    @FunctionalInterface
    public interface Inviter {
        int invite(Handle handle, UserPrincipal admin, List<Long> candidateIds);
    }

    private final Inviter inviter;

    public Imports(Jdbi jdbi, ImportJobs jobs, Audit audit, ExecutorService executor, Inviter inviter) {
        this.inviter = requireNonNull(inviter, "inviter is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Imports {@code body} as a file of {@code kindName} in mode {@code modeName}. With {@code async} the job is
     * answered at once, started on the import executor; otherwise it is answered finished, and a file that could not
     * be imported at all is a 400 {@code INVALID_CSV}. An unknown kind is a 404, an unknown mode a 400.
     */
    public JobView start(UserPrincipal admin, String kindName, String modeName, boolean async, InputStream body) {
        return start(admin, kindName, modeName, async, false, body);
    }

    /**
     * As {@link #start(UserPrincipal, String, String, boolean, InputStream)}; with {@code invite}, a candidates file
     * also invites each candidate it creates (a login and a mailed link, as {@code POST /api/invitations} does).
     */
    public JobView start(
            UserPrincipal admin, String kindName, String modeName, boolean async, boolean invite, InputStream body) {
        ImportKind kind = kind(kindName);
        ImportMode mode = ImportMode.ofSlug(modeName.trim())
                .orElseThrow(() -> ProblemException.badRequest(
                        ErrorCode.INVALID_PARAMETER,
                        "mode must be dry-run, all-or-nothing or valid-rows",
                        List.of(Problem.FieldError.of("mode", "must be dry-run, all-or-nothing or valid-rows"))));
        Path file = spool(body);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = jobs.create(kind, mode, bytes, admin.id());
        if (async) {
            executor.execute(() -> run(id, kind, mode, file, bytes, admin, invite));
            return jobs.find(id).orElseThrow();
        }
        run(id, kind, mode, file, bytes, admin, invite);
        JobView job = jobs.find(id).orElseThrow();
        if (job.status() == ImportJobs.Status.FAILED) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_CSV, job.failure().orElse("The file could not be imported."), List.of());
        }
        return job;
    }

    /**
     * The candidates this transaction created: without a login, created at the transaction's start time
     * ({@code now()}, the column's default) and named in this file's valid rows.
     */
    private static List<Long> createdNow(Handle handle) {
        return handle.createQuery(
                        """
                        SELECT c.id FROM candidates c
                         WHERE c.user_id IS NULL AND c.created_at = now()
                           AND lower(c.email) IN (SELECT lower(email) FROM import_staging WHERE ok)
                         ORDER BY c.id
                        """)
                .mapTo(Long.class)
                .list();
    }

    /** A job with its progress, and its report once done; 404 when there is none. */
    public JobView job(long id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("Import job " + id));
    }

    /** The template of {@code kindName}; 404 for an unknown kind. */
    public Template template(String kindName) {
        ImportKind kind = kind(kindName);
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            printer.printRecord(kind.columns());
            printer.printRecord(kind.example());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Template(kind.slug() + ".csv", text.toString());
    }

    private void run(
            long id, ImportKind kind, ImportMode mode, Path file, long bytes, UserPrincipal admin, boolean invite) {
        try (InputStream raw = Files.newInputStream(file);
                CountingStream counted = new CountingStream(raw);
                Handle handle = jdbi.open()) {
            jobs.progress(id, "READING", 0, 0);
            ImportReport report = new CsvImport(kind, mode)
                    .run(
                            handle,
                            counted,
                            rows -> jobs.progress(id, "READING", counted.count.get(), rows),
                            () -> audit.record(
                                    handle,
                                    admin,
                                    "import." + kind.slug(),
                                    "import_job",
                                    id,
                                    Map.of(
                                            "mode",
                                            mode.slug(),
                                            "bytes",
                                            bytes,
                                            "invited",
                                            invite && kind == ImportKind.CANDIDATES
                                                    ? inviter.invite(handle, admin, createdNow(handle))
                                                    : 0)));
            jobs.done(id, report, bytes);
        } catch (CsvImport.BadFile e) {
            jobs.failed(id, e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("Import job {} failed", id, e);
            jobs.failed(
                    id,
                    "The import failed unexpectedly; nothing was written. ("
                            + e.getClass().getSimpleName() + ")");
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete the spooled import file {}", file, e);
            }
        }
    }

    private static ImportKind kind(String name) {
        return ImportKind.ofSlug(name).orElseThrow(() -> ProblemException.notFound("Import kind " + name));
    }

    private static Path spool(InputStream body) {
        try {
            Path file = Files.createTempFile("followup-import-", ".csv");
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes read, for the job's progress. */
    private static final class CountingStream extends FilterInputStream {
        final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count.incrementAndGet();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count.addAndGet(read);
            }
            return read;
        }
    }
}
