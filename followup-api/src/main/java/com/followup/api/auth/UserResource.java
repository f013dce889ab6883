package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.AuditDao;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.representations.UserView;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;

/** Admin: users and their roles, and the API tokens of integrations. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class UserResource {
    public record NewUser(
            @NotBlank @Email String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            @NotNull @Size(min = PasswordHasher.MINIMUM_LENGTH, max = 200) String password,
            @Size(max = 100) String zone) {}

    /** {@code zone}: the IANA zone the user's pages show times in; absent, the agency's. */
    public record UserChange(
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            boolean active,
            @Min(1) int version,
            @Size(max = 100) String zone) {}

    public record NewToken(@NotBlank @Size(max = 100) String name) {}

    /** The token itself appears only in the answer to its creation. */
    public record IssuedToken(long id, long userId, String name, String token, Instant createdAt) {}

    public record TokenView(
            long id,
            long userId,
            String name,
            long createdBy,
            Instant createdAt,
            Optional<Instant> revokedAt,
            Optional<Instant> lastUsedAt) {
        static TokenView of(ApiTokenDao.TokenRow row) {
            return new TokenView(
                    row.id(),
                    row.userId(),
                    row.name(),
                    row.createdBy(),
                    row.createdAt(),
                    row.revokedAt(),
                    row.lastUsedAt());
        }
    }

    private final Jdbi jdbi;
    private final PasswordHasher passwords;
    private final Clock clock;

    public UserResource(Jdbi jdbi, PasswordHasher passwords, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    @Path("/users")
    public Page<UserView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            List<UserView> items =
                    users.list(limit, offset).stream().map(UserView::of).toList();
            return new Page<>(items, users.count(), limit, offset);
        });
    }

    @GET
    @Path("/users/{id}")
    public UserView get(@PathParam("id") long id) {
        return jdbi.onDemand(UserDao.class)
                .findById(id)
                .map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    @POST
    @Path("/users")
    @ApiResponse(
            responseCode = "201",
            description = "The new user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response create(@Auth UserPrincipal admin, @NotNull @Valid NewUser user) {
        String zone = zone(user.zone());
        String hash = passwords.hash(user.password());
        try {
            UserView created = jdbi.inTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                long id = users.insert(user.email().trim(), user.displayName().trim(), user.role(), hash);
                if (zone != null) {
                    users.setZone(id, zone);
                }
                handle.attach(AuditDao.class)
                        .record(
                                clock.instant(),
                                admin.id(),
                                "user.created",
                                "user",
                                Long.toString(id),
                                "{\"role\":\"" + user.role() + "\"}");
                return UserView.of(users.findById(id).orElseThrow());
            });
            return Response.status(Response.Status.CREATED).entity(created).build();
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new ProblemException(Problem.of(ErrorCode.EMAIL_TAKEN, "A user with this email already exists.")
                        .withErrors(List.of(Problem.FieldError.of("email", "is already taken"))));
            }
            throw e;
        }
    }

    @PUT
    @Path("/users/{id}")
    public UserView update(@Auth UserPrincipal admin, @PathParam("id") long id, @NotNull @Valid UserChange change) {
        String zone = zone(change.zone());
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            users.findById(id).orElseThrow(() -> ProblemException.notFound("User " + id));
            if (admin.id() == id && (!change.active() || change.role() != Role.ADMIN)) {
                throw ProblemException.conflict(
                        ErrorCode.CANNOT_DEMOTE_SELF, "An admin cannot deactivate or demote their own account.");
            }
            int updated = users.update(
                    id, change.version(), change.displayName().trim(), change.role(), change.active(), zone);
            if (updated == 0) {
                throw ProblemException.conflict(
                        ErrorCode.STALE_VERSION,
                        "The user was changed by someone else; reload it and apply your change again.");
            }
            if (!change.active()) {
                handle.attach(SessionDao.class).deleteAllOf(id);
            }
            handle.attach(AuditDao.class)
                    .record(
                            clock.instant(),
                            admin.id(),
                            "user.updated",
                            "user",
                            Long.toString(id),
                            "{\"role\":\"" + change.role() + "\",\"active\":" + change.active() + "}");
            return UserView.of(users.findById(id).orElseThrow());
        });
    }

    @POST
    @Path("/users/{id}/tokens")
    @ApiResponse(
            responseCode = "201",
            description = "The new token; the only time its secret is shown",
            content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    public Response issueToken(
            @Auth UserPrincipal admin, @PathParam("id") long userId, @NotNull @Valid NewToken request) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        IssuedToken issued = jdbi.inTransaction(handle -> {
            handle.attach(UserDao.class)
                    .findById(userId)
                    .orElseThrow(() -> ProblemException.notFound("User " + userId));
            long id = handle.attach(ApiTokenDao.class)
                    .insert(userId, request.name().trim(), Secrets.hash(token), admin.id(), now);
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            admin.id(),
                            "token.issued",
                            "api_token",
                            Long.toString(id),
                            "{\"user\":" + userId + "}");
            return new IssuedToken(id, userId, request.name().trim(), token, now);
        });
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @GET
    @Path("/tokens")
    public Page<TokenView> tokens(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return jdbi.inTransaction(handle -> {
            ApiTokenDao tokens = handle.attach(ApiTokenDao.class);
            return new Page<>(
                    tokens.list(limit, offset).stream().map(TokenView::of).toList(), tokens.count(), limit, offset);
        });
    }

    @DELETE
    @Path("/tokens/{id}")
    @ApiResponse(responseCode = "204", description = "Revoked (also when it already was)")
    public Response revoke(@Auth UserPrincipal admin, @PathParam("id") long id) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            ApiTokenDao tokens = handle.attach(ApiTokenDao.class);
            tokens.findById(id).orElseThrow(() -> ProblemException.notFound("API token " + id));
            // Revoking twice is not an error: a retried request must not fail.
            if (tokens.revoke(id, now) > 0) {
                handle.attach(AuditDao.class)
                        .record(now, admin.id(), "token.revoked", "api_token", Long.toString(id), "{}");
            }
        });
        return Response.noContent().build();
    }

    @GET
    @Path("/audit")
    public Page<AuditDao.Entry> audit(
            @QueryParam("entityType") String entityType,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        return jdbi.inTransaction(handle -> {
            AuditDao audit = handle.attach(AuditDao.class);
            return new Page<>(audit.list(entityType, limit, offset), audit.count(entityType), limit, offset);
        });
    }

    /** An IANA zone id such as Europe/Berlin, or null for none; a fixed offset is not a zone people live in. */
    static String zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return null;
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone.trim())) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_ZONE,
                    "'" + zone + "' is not an IANA time zone.",
                    List.of(Problem.FieldError.of("zone", "is not an IANA time zone such as Europe/Berlin")));
        }
        return zone.trim();
    }

    static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof PSQLException psql && "23505".equals(psql.getSQLState());
    }
}
