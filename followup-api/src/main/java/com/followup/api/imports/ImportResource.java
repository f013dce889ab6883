package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.imports.ImportJobs.JobView;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
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
 * Spreadsheet imports of candidates, companies, contacts and interviews (columns: docs/import.md). The file is
 * spooled to disk, then imported in the request ({@code async=false}, the report is the answer) or on a background
 * thread ({@code async=true}: 202 with the job, whose progress and report {@code GET .../jobs/{id}} shows).
 */
@Path("/api/admin/import")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class ImportResource {
    public static final String CSV = "text/csv";
    private static final Logger LOG = LoggerFactory.getLogger(ImportResource.class);

    private final Jdbi jdbi;
    private final ImportJobs jobs;
    private final Audit audit;
    private final ExecutorService executor;

    public ImportResource(Jdbi jdbi, ImportJobs jobs, Audit audit, ExecutorService executor) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    @POST
    @Path("/{kind}")
    @Consumes({CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @ApiResponse(
            responseCode = "200",
            description = "The finished job with its report (async=false)",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "202",
            description = "The job, started (async=true); poll its Location for progress and the report",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response importFile(
            @Auth UserPrincipal admin,
            @PathParam("kind") String kindName,
            @QueryParam("mode") @DefaultValue("dry-run") String modeName,
            @QueryParam("async") @DefaultValue("false") boolean async,
            InputStream body) {
        ImportKind kind = kind(kindName);
        ImportMode mode = ImportMode.ofSlug(modeName.trim())
                .orElseThrow(() -> ProblemException.badRequest(
                        ErrorCode.INVALID_PARAMETER,
                        "mode must be dry-run, all-or-nothing or valid-rows",
                        List.of(Problem.FieldError.of("mode", "must be dry-run, all-or-nothing or valid-rows"))));
        java.nio.file.Path file = spool(body);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = jobs.create(kind, mode, bytes, admin.id());
        if (async) {
            executor.execute(() -> run(id, kind, mode, file, bytes, admin));
            return Response.accepted(jobs.find(id).orElseThrow())
                    .location(URI.create("/api/admin/import/jobs/" + id))
                    .build();
        }
        run(id, kind, mode, file, bytes, admin);
        JobView job = jobs.find(id).orElseThrow();
        if (job.status() == ImportJobs.Status.FAILED) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_CSV, job.failure().orElse("The file could not be imported."), List.of());
        }
        return Response.ok(job).build();
    }

    @GET
    @Path("/jobs/{id}")
    public JobView job(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("Import job " + id));
    }

    @GET
    @Path("/{kind}/template")
    @Produces(CSV)
    @ApiResponse(
            responseCode = "200",
            description = "The header and an example row",
            content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
    public Response template(@Auth UserPrincipal admin, @PathParam("kind") String kindName) {
        ImportKind kind = kind(kindName);
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            printer.printRecord(kind.columns());
            printer.printRecord(kind.example());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(text.toString(), CSV)
                .header("Content-Disposition", "attachment; filename=\"" + kind.slug() + ".csv\"")
                .build();
    }

    private void run(
            long id, ImportKind kind, ImportMode mode, java.nio.file.Path file, long bytes, UserPrincipal admin) {
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
                                    Map.of("mode", mode.slug(), "bytes", bytes)));
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

    private static java.nio.file.Path spool(InputStream body) {
        try {
            java.nio.file.Path file = Files.createTempFile("followup-import-", ".csv");
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
