package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.MarksItsChanges;
import com.followup.api.cache.WritesNothing;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.threads.ThreadBodies.ReplyCorrection;
import com.followup.api.threads.ThreadBodies.ReplyRequest;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.api.threads.ThreadBodies.Retraction;
import com.followup.api.threads.ThreadBodies.TouchCheckView;
import com.followup.api.threads.ThreadBodies.TouchCorrection;
import com.followup.api.threads.ThreadBodies.TouchRequest;
import com.followup.api.threads.ThreadBodies.TouchView;
import com.followup.api.threads.Threads;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The thread of an interview, touches the candidate sent and replies that came back: HTTP in and out over the
 * {@link Threads} use cases. With an {@code Idempotency-Key} header a retried request answers 200 with the first
 * one's result instead of logging twice (201). A touch or reply logged by mistake is corrected ({@code PUT}) or
 * retracted ({@code POST .../retraction}) under the {@code version} the caller read (decision 0019).
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
    public List<TouchView> touches(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @Parameter(description = "Also the retracted touches, each with its retraction")
                    @QueryParam("includeRetracted")
                    boolean includeRetracted) {
        return threads.touches(user, interviewId, includeRetracted);
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
    @MarksItsChanges
    public Response logTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @HeaderParam(Threads.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid TouchRequest request) {
        return answer(threads.logTouch(user, interviewId, request, Optional.ofNullable(idempotencyKey)));
    }

    @POST
    @Path("/{id}/touches/check")
    @WritesNothing
    @Operation(
            summary = "Judge a touch before logging it",
            description = "The body of logging a touch, checked the same way and by the same access rules; nothing is"
                    + " saved. Answers the breaches the touch would cause, each with its rule id and a one-line"
                    + " warning such as \"Too early: not before Mon 7 Dec 2026, 09:00 (R6)\", the advice it would"
                    + " earn and the step it would do. The warnings' times are in the candidate's zone, or in"
                    + " `zone` when given.")
    @ApiResponse(
            responseCode = "200",
            description = "What logging the touch would do; empty breaches when it breaks no rule",
            content = @Content(schema = @Schema(implementation = TouchCheckView.class)))
    public TouchCheckView checkTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @Parameter(description = "The IANA zone the warnings' times are written in, such as Europe/Berlin")
                    @QueryParam("zone")
                    String zone,
            @NotNull @Valid TouchRequest request) {
        return threads.checkTouch(user, interviewId, request, zone(zone));
    }

    private static Optional<ZoneId> zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return Optional.empty();
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone.trim())) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_ZONE,
                    "'" + zone + "' is not an IANA time zone.",
                    List.of(Problem.FieldError.of("zone", "is not an IANA time zone such as Europe/Berlin")));
        }
        return Optional.of(ZoneId.of(zone.trim()));
    }

    @PUT
    @Path("/{id}/touches/{touchId}")
    @Operation(
            summary = "Correct a logged touch",
            description = "The whole touch as it should have been logged, with the version read; checked as a new"
                    + " touch is. 409 STALE_VERSION when it changed since, ALREADY_RETRACTED when retracted.")
    @ApiResponse(
            responseCode = "200",
            description = "The touch as corrected, with the breaches it causes now",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    public TouchView correctTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @PathParam("touchId") long touchId,
            @NotNull @Valid TouchCorrection correction) {
        return threads.correctTouch(user, interviewId, touchId, correction);
    }

    @POST
    @Path("/{id}/touches/{touchId}/retraction")
    @Operation(
            summary = "Retract a logged touch",
            description = "Kept with its reason, but no longer counts in the plan, the reports or the reminders.")
    @ApiResponse(
            responseCode = "200",
            description = "The touch as retracted",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    public TouchView retractTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @PathParam("touchId") long touchId,
            @NotNull @Valid Retraction retraction) {
        return threads.retractTouch(user, interviewId, touchId, retraction);
    }

    @GET
    @Path("/{id}/replies")
    public List<ReplyView> replies(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @Parameter(description = "Also the retracted replies, each with its retraction")
                    @QueryParam("includeRetracted")
                    boolean includeRetracted) {
        return threads.replies(user, interviewId, includeRetracted);
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

    @PUT
    @Path("/{id}/replies/{replyId}")
    @Operation(
            summary = "Correct a logged reply",
            description = "The whole reply as it should have been logged, with the version read; checked as a new"
                    + " reply is. 409 STALE_VERSION when it changed since, ALREADY_RETRACTED when retracted.")
    @ApiResponse(
            responseCode = "200",
            description = "The reply as corrected",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    public ReplyView correctReply(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @PathParam("replyId") long replyId,
            @NotNull @Valid ReplyCorrection correction) {
        return threads.correctReply(user, interviewId, replyId, correction);
    }

    @POST
    @Path("/{id}/replies/{replyId}/retraction")
    @Operation(
            summary = "Retract a logged reply",
            description = "Kept with its reason, but no longer counts in the plan, the reports or the reminders.")
    @ApiResponse(
            responseCode = "200",
            description = "The reply as retracted",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    public ReplyView retractReply(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @PathParam("replyId") long replyId,
            @NotNull @Valid Retraction retraction) {
        return threads.retractReply(user, interviewId, replyId, retraction);
    }

    private static Response answer(Threads.Logged<?> logged) {
        return Response.status(logged.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(logged.view())
                .build();
    }
}
