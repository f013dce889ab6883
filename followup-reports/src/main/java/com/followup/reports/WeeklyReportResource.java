package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The weekly reports (issue #5): download a week, produce a new version, browse the archive. Admins see the agency and
 * any recruiter's scope; a recruiter sees only the report of their own candidates.
 */
@Path("/api/reports")
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
public class WeeklyReportResource {
    /** An archived report as the API lists it. */
    public record ArchivedReport(
            long id,
            String week,
            String scope,
            int version,
            Instant asOf,
            Optional<Long> producedBy,
            String producedVia,
            Instant producedAt,
            List<ReportArchive.FileInfo> files) {
        static ArchivedReport of(ReportArchive.Entry entry) {
            return new ArchivedReport(
                    entry.id(),
                    entry.week(),
                    entry.scope(),
                    entry.version(),
                    entry.asOf(),
                    entry.producedBy(),
                    entry.producedVia().name(),
                    entry.producedAt(),
                    entry.files());
        }
    }

    private final ReportService reports;

    public WeeklyReportResource(ReportService reports) {
        this.reports = requireNonNull(reports, "reports is null");
    }

    /**
     * The newest archived version of the week (produced and archived on first request), as PDF, CSV, or the CSV's data
     * as tidy tables in a zip.
     */
    @GET
    @Path("/weekly")
    @ApiResponse(
            responseCode = "200",
            description = "The file: format=pdf (default), csv (one long table), or zip (agency.csv, recruiters.csv,"
                    + " candidates.csv, companies.csv, hiring_managers.csv, trend.csv; docs/reports.md)",
            content = {
                @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary"))
            })
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response weekly(
            @Auth UserPrincipal user,
            @QueryParam("week") String week,
            @QueryParam("format") @DefaultValue("pdf") String format,
            @QueryParam("scope") String scope,
            @QueryParam("recruiterId") Long recruiterId) {
        IsoWeek isoWeek = week(week);
        ReportFormat reportFormat = format(format);
        ReportScope reportScope = scope(user, scope, recruiterId);
        ReportArchive.Entry entry = reports.latestOrProduce(isoWeek, reportScope, Optional.of(user.id()));
        return download(entry.id(), reportFormat);
    }

    /** Produces and archives a new version of the week; the earlier versions stay as they were. */
    @POST
    @Path("/weekly")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "The new version, archived; Location names its PDF",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ArchivedReport.class)))
    public Response produce(
            @Auth UserPrincipal user,
            @QueryParam("week") String week,
            @QueryParam("scope") String scope,
            @QueryParam("recruiterId") Long recruiterId) {
        IsoWeek isoWeek = week(week);
        ReportScope reportScope = scope(user, scope, recruiterId);
        ReportArchive.Entry entry =
                reports.produce(isoWeek, reportScope, Optional.of(user.id()), ReportArchive.Via.API);
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/reports/archive/" + entry.id() + "/file?format=pdf")
                .entity(ArchivedReport.of(entry))
                .build();
    }

    /** The archive, newest first; a recruiter sees the reports of their own scope only. */
    @GET
    @Path("/archive")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Page<ArchivedReport> archive(
            @Auth UserPrincipal user,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        Optional<ReportScope> visible = visibleScope(user);
        List<ArchivedReport> items = reports.archive().list(visible, limit, offset).stream()
                .map(ArchivedReport::of)
                .toList();
        return new Page<>(items, reports.archive().count(visible), limit, offset);
    }

    /**
     * A file of an archived report, byte for byte as it was produced; the zip of tidy tables is cut from the archived
     * CSV, so it holds the same figures.
     */
    @GET
    @Path("/archive/{id}/file")
    @ApiResponse(
            responseCode = "200",
            description = "The file: format=pdf (default), csv, or zip (the CSV's data as tidy tables)",
            content = {
                @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary"))
            })
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response file(
            @Auth UserPrincipal user,
            @PathParam("id") long id,
            @QueryParam("format") @DefaultValue("pdf") String format) {
        ReportArchive.Entry entry = reports.archive().find(id).orElseThrow(() -> notFound(id));
        Optional<ReportScope> visible = visibleScope(user);
        // Another recruiter's report is answered as missing: its existence is not the caller's business.
        if (visible.isPresent() && !visible.get().toString().equals(entry.scope())) {
            throw notFound(id);
        }
        return download(id, format(format));
    }

    private Response download(long id, ReportFormat format) {
        ReportArchive.StoredFile file = reports.archive().file(id, format).orElseThrow(() -> notFound(id));
        return Response.ok(file.content(), file.info().mediaType())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + file.info().fileName() + "\"")
                .header("ETag", "\"" + file.info().sha256() + "\"")
                .header("X-Report-Id", file.reportId())
                .header("X-Content-SHA256", file.info().sha256())
                .build();
    }

    private static Optional<ReportScope> visibleScope(UserPrincipal user) {
        return ReportAccess.visibleScope(user);
    }

    /** Admins: the agency (default) or one recruiter. Recruiters: their own candidates, never the agency. */
    private static ReportScope scope(UserPrincipal user, String scope, Long recruiterId) {
        return ReportAccess.scope(user, scope, recruiterId);
    }

    private static IsoWeek week(String week) {
        IsoWeek parsed;
        try {
            parsed = IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_WEEK, e.getMessage(), List.of(Problem.FieldError.of("week", "like 2026-W47")));
        }
        if (parsed.compareTo(WeeklyParameters.EARLIEST_WEEK) < 0) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_WEEK,
                    "reports begin at " + WeeklyParameters.EARLIEST_WEEK
                            + ": the eight-week trend cannot start before 1970",
                    List.of(Problem.FieldError.of("week", "from " + WeeklyParameters.EARLIEST_WEEK)));
        }
        return parsed;
    }

    private static ReportFormat format(String format) {
        try {
            return ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_FORMAT,
                    e.getMessage(),
                    List.of(Problem.FieldError.of("format", "pdf, csv or zip")));
        }
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Report " + id);
    }
}
