package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Candidates and the recruiters they are assigned to. */
@Path("/api/candidates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CandidateResource {
    public record CandidateView(
            long id,
            String name,
            String email,
            String zone,
            Optional<Long> userId,
            List<Long> recruiterIds,
            Instant createdAt,
            int version) {}

    public record CandidateRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email String email,
            @NotBlank String zone,
            Long userId,
            Integer version) {}

    public record Assignment(@NotNull Long recruiterId) {}

    private final Jdbi jdbi;
    private final Audit audit;

    public CandidateResource(Jdbi jdbi, Audit audit) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Page<CandidateView> list(
            @Auth UserPrincipal user,
            @QueryParam("q") String query,
            @QueryParam("recruiterId") Long recruiterId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        String where =
                """
                 WHERE c.id IN (%s)
                   AND (CAST(:q AS text) IS NULL OR c.name ILIKE '%%' || :q || '%%' OR c.email ILIKE '%%' || :q || '%%')
                   AND (CAST(:recruiter AS bigint) IS NULL OR EXISTS (SELECT 1 FROM recruiter_assignments r
                                                           WHERE r.candidate_id = c.id AND r.recruiter_id = :recruiter))
                """
                        .formatted(Visibility.VISIBLE_CANDIDATES);
        return jdbi.inTransaction(handle -> {
            List<CandidateView> items = Visibility.bind(
                            handle.createQuery(
                                    SELECT + where + " ORDER BY lower(c.name), c.id LIMIT :limit OFFSET :offset"),
                            user)
                    .bind("q", blankToNull(query))
                    .bind("recruiter", recruiterId)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, context) -> view(rs))
                    .list();
            long total = Visibility.bind(handle.createQuery("SELECT count(*) FROM candidates c" + where), user)
                    .bind("q", blankToNull(query))
                    .bind("recruiter", recruiterId)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(items, total, limit, offset);
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public CandidateView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            return find(handle, id);
        });
    }

    @POST
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "The new candidate",
            content = @Content(schema = @Schema(implementation = CandidateView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid CandidateRequest request) {
        ZoneId zone = zone(request.zone());
        CandidateView created = jdbi.inTransaction(handle -> {
            requireUnusedEmail(handle, request.email(), Optional.empty());
            Optional.ofNullable(request.userId())
                    .ifPresent(userId -> requireCandidateLogin(handle, userId, Optional.empty()));
            long id = handle.createUpdate(
                            "INSERT INTO candidates (name, email, zone, user_id) VALUES (:name, :email, :zone, :userId)")
                    .bind("name", request.name().trim())
                    .bind("email", request.email().trim())
                    .bind("zone", zone.getId())
                    .bind("userId", request.userId())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            if (user.role() == Role.RECRUITER) {
                // A recruiter who adds a candidate looks after them; otherwise the candidate would vanish from view.
                assign(handle, id, user.id());
            }
            audit.record(handle, user, "candidate.created", "candidate", id, Map.of("name", request.name()));
            return find(handle, id);
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public CandidateView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid CandidateRequest request) {
        ZoneId zone = zone(request.zone());
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            requireUnusedEmail(handle, request.email(), Optional.of(id));
            Optional.ofNullable(request.userId())
                    .ifPresent(userId -> requireCandidateLogin(handle, userId, Optional.of(id)));
            int updated = handle.createUpdate(
                            """
                            UPDATE candidates SET name = :name, email = :email, zone = :zone, user_id = :userId,
                                   version = version + 1
                             WHERE id = :id AND version = :version
                            """)
                    .bind("id", id)
                    .bind("version", version)
                    .bind("name", request.name().trim())
                    .bind("email", request.email().trim())
                    .bind("zone", zone.getId())
                    .bind("userId", request.userId())
                    .execute();
            Versions.requireUpdated(updated, "candidate " + id);
            audit.record(handle, user, "candidate.updated", "candidate", id, Map.of("name", request.name()));
            return find(handle, id);
        });
    }

    @PUT
    @Path("/{id}/recruiters/{recruiterId}")
    @RolesAllowed(Role.Names.ADMIN)
    public CandidateView assignRecruiter(
            @Auth UserPrincipal user, @PathParam("id") long id, @PathParam("recruiterId") long recruiterId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            boolean recruiter = handle.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM users WHERE id = :id AND role = 'RECRUITER' AND active)")
                    .bind("id", recruiterId)
                    .mapTo(Boolean.class)
                    .one();
            if (!recruiter) {
                throw ProblemException.badRequest(
                        ErrorCode.NOT_A_RECRUITER,
                        "User " + recruiterId + " is not an active recruiter.",
                        List.of(Problem.FieldError.of("recruiterId", "is not an active recruiter")));
            }
            if (assign(handle, id, recruiterId)) {
                audit.record(handle, user, "candidate.assigned", "candidate", id, Map.of("recruiter", recruiterId));
            }
            return find(handle, id);
        });
    }

    @DELETE
    @Path("/{id}/recruiters/{recruiterId}")
    @RolesAllowed(Role.Names.ADMIN)
    public CandidateView unassignRecruiter(
            @Auth UserPrincipal user, @PathParam("id") long id, @PathParam("recruiterId") long recruiterId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            int removed = handle.createUpdate(
                            "DELETE FROM recruiter_assignments WHERE candidate_id = :id AND recruiter_id = :recruiter")
                    .bind("id", id)
                    .bind("recruiter", recruiterId)
                    .execute();
            if (removed > 0) {
                audit.record(handle, user, "candidate.unassigned", "candidate", id, Map.of("recruiter", recruiterId));
            }
            return find(handle, id);
        });
    }

    private static final String SELECT =
            """
            SELECT c.id, c.name, c.email, c.zone, c.user_id, c.created_at, c.version,
                   ARRAY(SELECT r.recruiter_id FROM recruiter_assignments r WHERE r.candidate_id = c.id
                          ORDER BY r.recruiter_id) AS recruiter_ids
              FROM candidates c
            """;

    static CandidateView find(Handle handle, long id) {
        return handle.createQuery(SELECT + " WHERE c.id = :id")
                .bind("id", id)
                .map((rs, context) -> view(rs))
                .findOne()
                .orElseThrow(() -> ProblemException.notFound("Candidate " + id));
    }

    private static CandidateView view(ResultSet rs) throws SQLException {
        long userId = rs.getLong("user_id");
        Optional<Long> user = rs.wasNull() ? Optional.empty() : Optional.of(userId);
        Long[] recruiters = (Long[]) rs.getArray("recruiter_ids").getArray();
        return new CandidateView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("zone"),
                user,
                List.of(recruiters),
                JdbiInterviewRecords.instant(rs, "created_at"),
                rs.getInt("version"));
    }

    /** Returns whether the assignment is new; assigning twice is not an error (a retried request). */
    private static boolean assign(Handle handle, long candidateId, long recruiterId) {
        return handle.createUpdate(
                                "INSERT INTO recruiter_assignments (candidate_id, recruiter_id) VALUES (:candidate, :recruiter)"
                                        + " ON CONFLICT DO NOTHING")
                        .bind("candidate", candidateId)
                        .bind("recruiter", recruiterId)
                        .execute()
                > 0;
    }

    private static void requireUnusedEmail(Handle handle, String email, Optional<Long> except) {
        boolean taken = handle.createQuery("SELECT EXISTS (SELECT 1 FROM candidates WHERE lower(email) = lower(:email)"
                        + " AND (CAST(:except AS bigint) IS NULL OR id <> :except))")
                .bind("email", email.trim())
                .bind("except", except.orElse(null))
                .mapTo(Boolean.class)
                .one();
        if (taken) {
            throw new ProblemException(Problem.of(ErrorCode.EMAIL_TAKEN, "A candidate with this email exists.")
                    .withErrors(List.of(Problem.FieldError.of("email", "is already taken"))));
        }
    }

    private static void requireCandidateLogin(Handle handle, long userId, Optional<Long> except) {
        boolean candidateUser = handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM users WHERE id = :id AND role = 'CANDIDATE')")
                .bind("id", userId)
                .mapTo(Boolean.class)
                .one();
        if (!candidateUser) {
            throw ProblemException.badRequest(
                    ErrorCode.NOT_A_CANDIDATE_LOGIN,
                    "User " + userId + " is not a candidate login.",
                    List.of(Problem.FieldError.of("userId", "is not a user with the role CANDIDATE")));
        }
        boolean linked = handle.createQuery("SELECT EXISTS (SELECT 1 FROM candidates WHERE user_id = :user"
                        + " AND (CAST(:except AS bigint) IS NULL OR id <> :except))")
                .bind("user", userId)
                .bind("except", except.orElse(null))
                .mapTo(Boolean.class)
                .one();
        if (linked) {
            throw new ProblemException(
                    Problem.of(ErrorCode.LOGIN_IN_USE, "This login already belongs to another candidate.")
                            .withErrors(List.of(Problem.FieldError.of("userId", "belongs to another candidate"))));
        }
    }

    static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(
                    ErrorCode.UNKNOWN_TIME_ZONE,
                    "'" + zone + "' is not a time zone.",
                    List.of(Problem.FieldError.of("zone", "is not an IANA time zone such as Europe/Berlin")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
