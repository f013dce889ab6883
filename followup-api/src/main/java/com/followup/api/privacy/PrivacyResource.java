package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.privacy.Erasures.ErasureRequest;
import com.followup.api.privacy.Erasures.ErasureView;
import com.followup.api.privacy.Retention.Preview;
import com.followup.api.privacy.Retention.RetentionPolicy;
import com.followup.api.privacy.Retention.RetentionPolicyRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Export, erasure and retention of personal data (issue 20). HTTP only: the use cases are in this package. */
@Path("/api")
public class PrivacyResource {
    public static final String ZIP = "application/zip";

    private final PrivacyExports exports;
    private final Erasures erasures;
    private final Retention retention;

    public PrivacyResource(PrivacyExports exports, Erasures erasures, Retention retention) {
        this.exports = requireNonNull(exports, "exports is null");
        this.erasures = requireNonNull(erasures, "erasures is null");
        this.retention = requireNonNull(retention, "retention is null");
    }

    /** The caller's own data, as a candidate: one ZIP of JSON and CSV files. */
    @GET
    @Path("/me/export")
    @RolesAllowed(Role.Names.CANDIDATE)
    @Produces(ZIP)
    @ApiResponse(responseCode = "200", description = "data.json, a CSV file a section, README.txt")
    public Response ownExport(@Auth UserPrincipal user) {
        return zip(exports.own(user));
    }

    @GET
    @Path("/privacy/candidates/{id}/export")
    @RolesAllowed(Role.Names.ADMIN)
    @Produces(ZIP)
    @ApiResponse(responseCode = "200", description = "data.json, a CSV file a section, README.txt")
    public Response candidateExport(@Auth UserPrincipal user, @PathParam("id") long id) {
        return zip(exports.of(user, PersonKind.CANDIDATE, id));
    }

    @GET
    @Path("/privacy/contacts/{id}/export")
    @RolesAllowed(Role.Names.ADMIN)
    @Produces(ZIP)
    @ApiResponse(responseCode = "200", description = "data.json, a CSV file a section, README.txt")
    public Response contactExport(@Auth UserPrincipal user, @PathParam("id") long id) {
        return zip(exports.of(user, PersonKind.CONTACT, id));
    }

    /** Erases a candidate: the body names them again, {@code {"confirmName": "..."}}. */
    @POST
    @Path("/privacy/candidates/{id}/erasure")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "Erased",
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    public ErasureView eraseCandidate(@Auth UserPrincipal user, @PathParam("id") long id, ErasureRequest request) {
        return erasures.erase(user, PersonKind.CANDIDATE, id, request);
    }

    @POST
    @Path("/privacy/contacts/{id}/erasure")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "Erased",
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    public ErasureView eraseContact(@Auth UserPrincipal user, @PathParam("id") long id, ErasureRequest request) {
        return erasures.erase(user, PersonKind.CONTACT, id, request);
    }

    @GET
    @Path("/privacy/retention")
    @RolesAllowed(Role.Names.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public RetentionPolicy retentionPolicy(@Auth UserPrincipal user) {
        return retention.policy(user);
    }

    @PUT
    @Path("/privacy/retention")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RetentionPolicy updateRetentionPolicy(@Auth UserPrincipal user, RetentionPolicyRequest request) {
        return retention.update(user, request);
    }

    /** Who the policy erases at the next daily pass or within 30 days, and when. */
    @GET
    @Path("/privacy/retention/preview")
    @RolesAllowed(Role.Names.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Preview retentionPreview(@Auth UserPrincipal user) {
        return retention.preview(user);
    }

    private static Response zip(PrivacyExports.Export export) {
        StreamingOutput body = export::writeTo;
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .build();
    }
}
