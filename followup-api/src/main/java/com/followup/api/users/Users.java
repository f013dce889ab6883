package com.followup.api.users;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.AuditDao;
import com.followup.api.auth.ApiTokenDao;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.SessionDao;
import com.followup.api.auth.UserDao;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.auth.UserView;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.Candidates;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.users.UserBodies.IssuedToken;
import com.followup.api.users.UserBodies.NewToken;
import com.followup.api.users.UserBodies.NewUser;
import com.followup.api.users.UserBodies.TokenView;
import com.followup.api.users.UserBodies.UserChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;

/**
 * The admin's use cases on users, API tokens and the audit log, for the API's {@code UserResource} and the portal's
 * {@code AdminPages} alike. Each runs in one transaction and writes the audit entry of a change; the SQL is in the
 * {@link UserDao}, {@link ApiTokenDao}, {@link SessionDao} and {@link AuditDao} SqlObjects attached to its handle.
 * Only an admin reaches them (the doors' {@code @RolesAllowed}); the caller is passed for the audit. The one
 * exception is {@link #ownZone}: every user reads their own.
 */
public final class Users {
    private final Jdbi jdbi;
    private final PasswordHasher passwords;
    private final Candidates candidates;
    private final Clock clock;

    public Users(Jdbi jdbi, PasswordHasher passwords, Candidates candidates, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.candidates = requireNonNull(candidates, "candidates is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Page<UserView> list(int limit, long offset) {
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            List<UserView> items =
                    users.list(limit, offset).stream().map(UserView::of).toList();
            return new Page<>(items, users.count(), limit, offset);
        });
    }

    public UserView get(long id) {
        return jdbi.onDemand(UserDao.class)
                .findById(id)
                .map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    /** The time zone set on the caller's own user, which their pages show times in; empty for the agency's. */
    public Optional<ZoneId> ownZone(UserPrincipal user) {
        return jdbi.onDemand(UserDao.class)
                .findById(user.id())
                .flatMap(UserDao.UserRow::zone)
                .map(ZoneId::of);
    }

    public UserView create(UserPrincipal admin, NewUser user) {
        String zone = zone(user.zone());
        String hash = passwords.hash(user.password());
        return uniqueEmail(() -> jdbi.inTransaction(handle -> insert(handle, admin, user, zone, hash)));
    }

    /**
     * A candidate's login and their candidate profile (in {@code candidateZone}, an IANA zone), in one transaction:
     * if the profile is refused (its email taken, say), no login is left behind without a candidate.
     */
    public UserView createCandidateLogin(UserPrincipal admin, NewUser user, String candidateZone) {
        if (user.role() != Role.CANDIDATE) {
            throw new IllegalArgumentException("not a candidate's login: " + user.role());
        }
        String zone = zone(user.zone());
        String hash = passwords.hash(user.password());
        return uniqueEmail(() -> jdbi.inTransaction(handle -> {
            UserView created = insert(handle, admin, user, zone, hash);
            candidates.create(
                    handle,
                    admin,
                    new CandidateRequest(created.displayName(), created.email(), candidateZone, created.id(), null));
            return created;
        }));
    }

    public UserView update(UserPrincipal admin, long id, UserChange change) {
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

    /** A new API token of the user; its secret is in this answer only, the database keeps its hash. */
    public IssuedToken issueToken(UserPrincipal admin, long userId, NewToken request) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
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
    }

    public Page<TokenView> tokens(int limit, long offset) {
        return jdbi.inTransaction(handle -> {
            ApiTokenDao tokens = handle.attach(ApiTokenDao.class);
            return new Page<>(
                    tokens.list(limit, offset).stream().map(TokenView::of).toList(), tokens.count(), limit, offset);
        });
    }

    public void revoke(UserPrincipal admin, long id) {
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
    }

    /** The audit log, newest first, optionally of one entity type. */
    public Page<AuditDao.Entry> audit(String entityType, int limit, long offset) {
        return jdbi.inTransaction(handle -> {
            AuditDao audit = handle.attach(AuditDao.class);
            return new Page<>(audit.list(entityType, limit, offset), audit.count(entityType), limit, offset);
        });
    }

    /** The database's unique index decides a taken email: a check before the insert would race another admin. */
    public static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof PSQLException psql && "23505".equals(psql.getSQLState());
    }

    private UserView insert(Handle handle, UserPrincipal admin, NewUser user, String zone, String hash) {
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
    }

    private interface Insert {
        UserView run();
    }

    private static UserView uniqueEmail(Insert insert) {
        try {
            return insert.run();
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw new ProblemException(Problem.of(ErrorCode.EMAIL_TAKEN, "A user with this email already exists.")
                        .withErrors(List.of(Problem.FieldError.of("email", "is already taken"))));
            }
            throw e;
        }
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
}
