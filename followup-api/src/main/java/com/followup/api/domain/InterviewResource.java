package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.interviews.InterviewBodies.DebriefRequest;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.OutcomeRequest;
import com.followup.api.interviews.InterviewBodies.TimelineRequest;
import com.followup.api.interviews.Interviews;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.representations.PlanView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Interviews with their interviewers, the timeline learned at the close, the debrief, the outcome and the plan: HTTP
 * in and out over the {@link Interviews} use cases.
 */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class InterviewResource {
    private final Interviews interviews;
    private final ObjectMapper json;

    public InterviewResource(Interviews interviews, ObjectMapper json) {
        this.interviews = requireNonNull(interviews, "interviews is null");
        this.json = requireNonNull(json, "json is null");
    }

    @GET
    public Page<InterviewView> list(
            @Auth UserPrincipal user,
            @QueryParam("candidateId") Long candidateId,
            @QueryParam("companyId") Long companyId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return interviews.list(user, candidateId, companyId, limit, offset);
    }

    @GET
    @Path("/{id}")
    public InterviewView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return interviews.get(user, id);
    }

    @POST
    @ApiResponse(
            responseCode = "201",
            description = "The new interview",
            content = @Content(schema = @Schema(implementation = InterviewView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid InterviewRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(interviews.create(user, request))
                .build();
    }

    @PUT
    @Path("/{id}")
    public InterviewView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid InterviewRequest request) {
        return interviews.update(user, id, request);
    }

    /** R5: what the company said at the close about its decision date and how it likes to be followed up. */
    @PUT
    @Path("/{id}/timeline")
    public InterviewView putTimeline(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid TimelineRequest request) {
        return interviews.putTimeline(user, id, request);
    }

    /** R4, R20: the candidate's notes right after the interview. */
    @PUT
    @Path("/{id}/debrief")
    public InterviewView putDebrief(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid DebriefRequest request) {
        return interviews.putDebrief(user, id, request);
    }

    /** The company's decision: status checks are no longer needed; after a rejection R19 opens. */
    @PUT
    @Path("/{id}/outcome")
    public InterviewView putOutcome(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid OutcomeRequest request) {
        return interviews.putOutcome(user, id, request);
    }

    /**
     * The plan: every step with its window and state, the breaches with their rule ids, advice. The plan now is written
     * once for each plan evaluated, with the mapper Jersey writes every other answer with (decision 0041).
     */
    @GET
    @Path("/{id}/plan")
    @ApiResponse(
            responseCode = "200",
            description = "The plan",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    public Response plan(@Auth UserPrincipal user, @PathParam("id") long id, @QueryParam("at") String at) {
        // "at" shows the plan as it was or will be at another instant (the recruiter's "what if").
        if (at == null || at.isBlank()) {
            return Response.ok(interviews.planJson(user, id, this::write), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        return Response.ok(interviews.plan(user, id, parseInstant(at, "at"))).build();
    }

    private byte[] write(PlanView plan) {
        try {
            return json.writeValueAsBytes(plan);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant parseInstant(String value, String field) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_INSTANT,
                    "'" + value + "' is not an instant with an offset.",
                    List.of(Problem.FieldError.of(
                            field, "is not an ISO-8601 instant such as 2026-03-30T12:00:00+02:00")));
        }
    }
}
