package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.threads.ThreadBodies.ReplyRequest;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.api.threads.ThreadBodies.TouchRequest;
import com.followup.api.threads.ThreadBodies.TouchView;
import com.followup.api.threads.Threads;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The thread of an interview, touches the candidate sent and replies that came back: HTTP in and out over the
 * {@link Threads} use cases. With an {@code Idempotency-Key} header a retried request answers 200 with the first
 * one's result instead of logging twice (201).
 *
 * <p>Its root path is the interviews' own: Jersey merges resources of one path, whereas a longer root path
 * ({@code /api/interviews/{id}}) would capture {@code /api/interviews/7/plan} and answer 404 (JAX-RS
 * matching does not backtrack to another root resource).
 */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class ThreadResource {
    private final Threads threads;

    public ThreadResource(Threads threads) {
        this.threads = requireNonNull(threads, "threads is null");
    }

    @GET
    @Path("/{id}/touches")
    public List<TouchView> touches(@Auth UserPrincipal user, @PathParam("id") long interviewId) {
        return threads.touches(user, interviewId);
    }

    @POST
    @Path("/{id}/touches")
    @ApiResponse(
            responseCode = "201",
            description = "The touch as logged, with the breaches it causes",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A retry with the same Idempotency-Key: the first request's touch",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    public Response logTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @HeaderParam(Threads.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid TouchRequest request) {
        return answer(threads.logTouch(user, interviewId, request, Optional.ofNullable(idempotencyKey)));
    }

    @GET
    @Path("/{id}/replies")
    public List<ReplyView> replies(@Auth UserPrincipal user, @PathParam("id") long interviewId) {
        return threads.replies(user, interviewId);
    }

    @POST
    @Path("/{id}/replies")
    @ApiResponse(
            responseCode = "201",
            description = "The reply as logged",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A retry with the same Idempotency-Key: the first request's reply",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    public Response logReply(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @HeaderParam(Threads.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid ReplyRequest request) {
        return answer(threads.logReply(user, interviewId, request, Optional.ofNullable(idempotencyKey)));
    }

    private static Response answer(Threads.Logged<?> logged) {
        return Response.status(logged.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(logged.view())
                .build();
    }
}
