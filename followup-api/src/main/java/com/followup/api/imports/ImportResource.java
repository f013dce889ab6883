package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.imports.ImportJobs.JobView;
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
import java.io.InputStream;
import java.net.URI;

/**
 * Spreadsheet imports of candidates, companies, contacts and interviews (columns: docs/import.md): in the request
 * ({@code async=false}, the report is the answer) or on a background thread ({@code async=true}: 202 with the job,
 * whose progress and report {@code GET .../jobs/{id}} shows). HTTP only: the use cases are {@link Imports}.
 */
@Path("/api/admin/import")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class ImportResource {
    public static final String CSV = "text/csv";

    private final Imports imports;

    public ImportResource(Imports imports) {
        this.imports = requireNonNull(imports, "imports is null");
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
            @QueryParam("invite") @DefaultValue("false") boolean invite,
            InputStream body) {
        JobView job = imports.start(admin, kindName, modeName, async, invite, body);
        if (async) {
            return Response.accepted(job)
                    .location(URI.create("/api/admin/import/jobs/" + job.id()))
                    .build();
        }
        return Response.ok(job).build();
    }

    @GET
    @Path("/jobs/{id}")
    public JobView job(@Auth UserPrincipal admin, @PathParam("id") long id) {
        return imports.job(id);
    }

    @GET
    @Path("/{kind}/template")
    @Produces(CSV)
    @ApiResponse(
            responseCode = "200",
            description = "The header and an example row",
            content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
    public Response template(@Auth UserPrincipal admin, @PathParam("kind") String kindName) {
        Imports.Template template = imports.template(kindName);
        return Response.ok(template.text(), CSV)
                .header("Content-Disposition", "attachment; filename=\"" + template.fileName() + "\"")
                .build();
    }
}
