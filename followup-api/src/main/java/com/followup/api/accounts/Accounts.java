package com.followup.api.accounts;

import static java.util.Objects.requireNonNull;

import com.followup.api.accounts.AccountBodies.InvitationView;
import com.followup.api.accounts.AccountBodies.LinkHolder;
import com.followup.api.accounts.AccountBodies.NewInvitation;
import com.followup.api.accounts.AccountBodies.PasswordChange;
import com.followup.api.accounts.AccountDao.Purpose;
import com.followup.api.audit.AuditDao;
import com.followup.api.auth.Authentication;
import com.followup.api.auth.LoginThrottle;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserDao;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.Candidates;
import com.followup.api.notifications.MailText;
import com.followup.api.notifications.Outbox;
import com.followup.api.notifications.OutboxKind;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.users.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The account use cases (issue 15, decision 0023): change one's own password, forgot password, invitations and an
 * admin's forced reset. A reset or invitation is a single-use link mailed through the outbox, in the transaction that
 * makes it; the database keeps only the SHA-256 of the link's token ({@link Secrets#hash}). Using a link or changing
 * a password ends sessions in the same transaction.
 */
public final class Accounts {
    /** At most this many reset mails per user in {@link #RESET_WINDOW}: asking again and again floods no mailbox. */
    static final int RESETS_PER_WINDOW = 3;

    static final Duration RESET_WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Jdbi jdbi;
    private final PasswordHasher passwords;
    private final Candidates candidates;
    private final AccountsConfiguration configuration;
    private final String portalBaseUrl;
    private final Clock clock;
    private final Authentication authentication;

    public Accounts(
            Jdbi jdbi,
            PasswordHasher passwords,
            Candidates candidates,
            AccountsConfiguration configuration,
            String portalBaseUrl,
            Clock clock,
            Authentication authentication) {
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.candidates = requireNonNull(candidates, "candidates is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.portalBaseUrl = stripSlash(requireNonNull(portalBaseUrl, "portalBaseUrl is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The caller's own password, given the current one. Every other session of the user ends; the one the change came
     * from ({@code sessionToken}, absent for an API token) stays. API tokens stay: they belong to integrations.
     */
    public void changePassword(UserPrincipal user, PasswordChange change, Optional<String> sessionToken) {
        requireValid("newPassword", change.newPassword());
        UserDao.UserRow row = jdbi.onDemand(UserDao.class).findById(user.id()).orElseThrow();
        if (!authentication.checkCurrentPassword(row.email(), change.currentPassword(), row.passwordHash())) {
            throw ProblemException.badRequest(
                    ErrorCode.WRONG_CURRENT_PASSWORD,
                    "The current password is wrong; nothing was changed.",
                    List.of(Problem.FieldError.of("currentPassword", "is not your current password")));
        }
        String hash = passwords.hash(change.newPassword());
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            AccountDao accounts = handle.attach(AccountDao.class);
            accounts.setPassword(user.id(), hash);
            int ended = sessionToken
                    .map(token -> accounts.endSessionsExcept(user.id(), Secrets.hash(token)))
                    .orElseGet(() -> accounts.endSessions(user.id()));
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            user.id(),
                            "user.password_changed",
                            "user",
                            Long.toString(user.id()),
                            "{\"sessionsEnded\":" + ended + "}");
        });
    }

    /**
     * Mails a reset link to {@code email} if it is an active user's; otherwise does nothing. The caller answers the
     * same either way, so the answer tells nobody which addresses have a login.
     */
    public void requestReset(String email) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            Optional<UserDao.UserRow> user =
                    handle.attach(UserDao.class).findByEmail(email.trim()).filter(UserDao.UserRow::active);
            if (user.isEmpty()) {
                return;
            }
            AccountDao accounts = handle.attach(AccountDao.class);
            if (accounts.resetsSince(user.get().id(), now.minus(RESET_WINDOW)) >= RESETS_PER_WINDOW) {
                return;
            }
            mailReset(handle, user.get(), null, now);
        });
    }

    /**
     * An admin forces a reset of another user: the password stops working, their sessions end, their API tokens are
     * revoked, and a reset link is mailed to them.
     */
    public void forceReset(UserPrincipal admin, long userId) {
        if (admin.id() == userId) {
            throw ProblemException.conflict(
                    ErrorCode.CANNOT_RESET_SELF, "An admin changes their own password with the current one instead.");
        }
        String unusable = passwords.hash(Secrets.newToken());
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            UserDao.UserRow user = handle.attach(UserDao.class)
                    .findById(userId)
                    .orElseThrow(() -> ProblemException.notFound("User " + userId));
            AccountDao accounts = handle.attach(AccountDao.class);
            accounts.setPassword(userId, unusable);
            int sessions = accounts.endSessions(userId);
            int tokens = accounts.revokeApiTokens(userId, now);
            mailReset(handle, user, admin.id(), now);
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            admin.id(),
                            "user.password_reset_forced",
                            "user",
                            Long.toString(userId),
                            "{\"sessionsEnded\":" + sessions + ",\"tokensRevoked\":" + tokens + "}");
        });
    }

    /**
     * Sets a new password with a reset link's token: the link is used up, every session of the user ends and every API
     * token is revoked, the account is unlocked. A used, revoked, expired or unknown token is refused alike.
     */
    public void completeReset(String token, String password) {
        usePasswordLink(token, password, Purpose.RESET);
    }

    /** Accepts an invitation: the person sets their password with the link's token, which is used up. */
    public void acceptInvitation(String token, String password) {
        usePasswordLink(token, password, Purpose.INVITATION);
    }

    /** Whose a link is while it can be used, for the page that asks for the new password; empty otherwise. */
    public Optional<LinkHolder> holder(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> handle.attach(AccountDao.class)
                .findByHash(Secrets.hash(token))
                .filter(link -> matches(link, token, purpose, now))
                .flatMap(link -> handle.attach(UserDao.class).findById(link.userId()))
                .filter(UserDao.UserRow::active)
                .map(user -> new LinkHolder(user.email(), user.displayName(), purpose)));
    }

    /**
     * Invites a person by e-mail: their login (with no usable password yet), for a candidate their candidate profile
     * (a recruiter who invites is assigned to them), and a link mailed to them where they set their password. A
     * recruiter invites candidates; an admin candidates and recruiters.
     */
    public InvitationView invite(UserPrincipal inviter, NewInvitation invitation) {
        requireMayInvite(inviter, invitation.role());
        String zone = invitation.zone() == null ? "" : invitation.zone().trim();
        if (invitation.role() == Role.CANDIDATE && zone.isEmpty()) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_ZONE,
                    "A candidate's invitation names their time zone.",
                    List.of(Problem.FieldError.of("zone", "is required for a candidate, such as Europe/Berlin")));
        }
        String unusable = passwords.hash(Secrets.newToken());
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                long userId = users.insert(
                        invitation.email().trim(), invitation.displayName().trim(), invitation.role(), unusable);
                if (invitation.role() == Role.CANDIDATE) {
                    candidates.create(
                            handle,
                            inviter,
                            new CandidateRequest(
                                    invitation.displayName().trim(),
                                    invitation.email().trim(),
                                    zone,
                                    userId,
                                    null));
                }
                long id = mailInvitation(handle, users.findById(userId).orElseThrow(), inviter, now);
                handle.attach(AuditDao.class)
                        .record(
                                now,
                                inviter.id(),
                                "user.invited",
                                "user",
                                Long.toString(userId),
                                "{\"role\":\"" + invitation.role() + "\",\"invitation\":" + id + "}");
                return InvitationView.of(
                        handle.attach(AccountDao.class).invitation(id).orElseThrow(), now);
            });
        } catch (UnableToExecuteStatementException e) {
            if (Users.isUniqueViolation(e)) {
                // An admin sees every user and is told; a recruiter gets the answer an e-mail of another recruiter's
                // candidate gets (Candidates), which says nothing of whose the address is (issue 15, decision 0026).
                throw new ProblemException(
                        inviter.role() == Role.ADMIN
                                ? Problem.of(ErrorCode.EMAIL_TAKEN, "A user with this email already exists.")
                                        .withErrors(List.of(Problem.FieldError.of("email", "is already taken")))
                                : Problem.of(
                                                ErrorCode.EMAIL_TAKEN,
                                                "This email cannot be used for a candidate; an admin can say why.")
                                        .withErrors(List.of(Problem.FieldError.of("email", "cannot be used"))));
            }
            throw e;
        }
    }

    /**
     * Invites the candidates an import just created, in the import's transaction (issue 15, opt-in): each candidate
     * without a login gets one (no usable password yet) linked to them, and a single-use link mailed through the
     * outbox, as {@link #invite} does. A candidate whose address a login already has is skipped. Returns how many
     * were invited.
     */
    public int inviteImported(Handle handle, UserPrincipal admin, List<Long> candidateIds) {
        requireStaff(admin);
        Instant now = clock.instant();
        String unusable = passwords.hash(Secrets.newToken());
        UserDao users = handle.attach(UserDao.class);
        int invited = 0;
        for (long candidateId : candidateIds) {
            Optional<Long> userId = handle.createQuery(
                            """
                            INSERT INTO users (email, display_name, role, password_hash)
                            SELECT c.email, c.name, 'CANDIDATE', :hash FROM candidates c
                             WHERE c.id = :candidate AND c.user_id IS NULL
                            ON CONFLICT DO NOTHING
                            RETURNING id
                            """)
                    .bind("hash", unusable)
                    .bind("candidate", candidateId)
                    .mapTo(Long.class)
                    .findOne();
            if (userId.isEmpty()) {
                continue;
            }
            handle.createUpdate("UPDATE candidates SET user_id = :user WHERE id = :candidate")
                    .bind("user", userId.get())
                    .bind("candidate", candidateId)
                    .execute();
            long id = mailInvitation(handle, users.findById(userId.get()).orElseThrow(), admin, now);
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            admin.id(),
                            "user.invited",
                            "user",
                            Long.toString(userId.get()),
                            "{\"role\":\"CANDIDATE\",\"invitation\":" + id + ",\"by\":\"import\"}");
            invited++;
        }
        return invited;
    }

    /** The invitations not accepted yet: an admin sees all, a recruiter those they sent. */
    public List<InvitationView> pendingInvitations(UserPrincipal viewer) {
        requireStaff(viewer);
        Instant now = clock.instant();
        Long inviter = viewer.role() == Role.ADMIN ? null : viewer.id();
        return jdbi.onDemand(AccountDao.class).invitations(inviter).stream()
                .map(row -> InvitationView.of(row, now))
                .toList();
    }

    /** Sends the invitation again with a new link (the old one stops working); the same id is answered no more. */
    public InvitationView resendInvitation(UserPrincipal viewer, long id) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            AccountDao.Invitation invitation = requireInvitation(handle, viewer, id);
            AccountDao accounts = handle.attach(AccountDao.class);
            accounts.revoke(id, now);
            UserDao.UserRow user =
                    handle.attach(UserDao.class).findById(invitation.userId()).orElseThrow();
            long newId = mailInvitation(handle, user, viewer, now);
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            viewer.id(),
                            "user.invitation_resent",
                            "user",
                            Long.toString(user.id()),
                            "{\"invitation\":" + newId + ",\"replaces\":" + id + "}");
            return InvitationView.of(accounts.invitation(newId).orElseThrow(), now);
        });
    }

    /** Revokes an invitation: its link stops working and the login it made is deactivated (an admin can revive it). */
    public void revokeInvitation(UserPrincipal viewer, long id) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            AccountDao.Invitation invitation = requireInvitation(handle, viewer, id);
            AccountDao accounts = handle.attach(AccountDao.class);
            accounts.revoke(id, now);
            accounts.deactivate(invitation.userId());
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            viewer.id(),
                            "user.invitation_revoked",
                            "user",
                            Long.toString(invitation.userId()),
                            "{\"invitation\":" + id + "}");
        });
    }

    private void usePasswordLink(String token, String password, Purpose purpose) {
        requireValid("password", password);
        String hash = passwords.hash(password);
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            AccountDao accounts = handle.attach(AccountDao.class);
            AccountDao.Link link = accounts.lockByHash(Secrets.hash(token))
                    .filter(found -> matches(found, token, purpose, now))
                    .orElseThrow(Accounts::linkNotUsable);
            UserDao.UserRow user = handle.attach(UserDao.class)
                    .findById(link.userId())
                    .filter(UserDao.UserRow::active)
                    .orElseThrow(Accounts::linkNotUsable);
            accounts.markUsed(link.id(), now);
            accounts.revokeOthers(user.id(), link.id(), now);
            accounts.setPassword(user.id(), hash);
            // The person proved they read the address's mailbox: its login throttle starts again (decision 0026).
            LoginThrottle.forget(handle, user.email());
            int sessions = accounts.endSessions(user.id());
            int tokens = accounts.revokeApiTokens(user.id(), now);
            handle.attach(AuditDao.class)
                    .record(
                            now,
                            null,
                            purpose == Purpose.RESET ? "user.password_reset" : "user.invitation_accepted",
                            "user",
                            Long.toString(user.id()),
                            "{\"link\":" + link.id() + ",\"sessionsEnded\":" + sessions + ",\"tokensRevoked\":" + tokens
                                    + "}");
        });
    }

    /**
     * The row was found by the token's hash; the stored hash is compared again in constant time, so no code path's
     * timing depends on how much of a guessed hash matched.
     */
    private static boolean matches(AccountDao.Link link, String token, Purpose purpose, Instant now) {
        return Secrets.same(link.tokenHash(), Secrets.hash(token)) && link.purpose() == purpose && link.open(now);
    }

    private void mailReset(Handle handle, UserDao.UserRow user, Long createdBy, Instant now) {
        String token = Secrets.newToken();
        Instant expiresAt = now.plus(configuration.getResetLinkValidity().toJavaDuration());
        long id = handle.attach(AccountDao.class)
                .insert(user.id(), Purpose.RESET, Secrets.hash(token), createdBy, now, expiresAt);
        String link = portalBaseUrl + "/reset-password?token=" + token;
        MailText text = MailText.account(
                "Reset your Followup password",
                "Hello " + user.displayName() + ",",
                createdBy == null
                        ? "Someone, probably you, asked to reset the password of your Followup login " + user.email()
                                + ". Choose a new password here:"
                        : "An admin reset the password of your Followup login " + user.email()
                                + "; you were logged out everywhere. Choose a new password here:",
                "Choose a new password",
                link,
                "The link works once, until " + UNTIL.format(expiresAt) + ".",
                "If you did not ask for this, ignore this e-mail: your password stays as it is.");
        enqueue(handle, user, "account:reset:" + id, text, now);
    }

    private long mailInvitation(Handle handle, UserDao.UserRow user, UserPrincipal inviter, Instant now) {
        String token = Secrets.newToken();
        Instant expiresAt = now.plus(configuration.getInvitationValidity().toJavaDuration());
        long id = handle.attach(AccountDao.class)
                .insert(user.id(), Purpose.INVITATION, Secrets.hash(token), inviter.id(), now, expiresAt);
        String link = portalBaseUrl + "/accept-invitation?token=" + token;
        MailText text = MailText.account(
                "You are invited to Followup",
                "Hello " + user.displayName() + ",",
                inviter.displayName() + " invited you to Followup, where "
                        + (user.role() == Role.CANDIDATE
                                ? "you keep track of your interviews and what to send after each."
                                : "you follow your candidates' interviews.")
                        + " Your login is " + user.email() + ". Choose your password here:",
                "Choose your password",
                link,
                "The link works once, until " + UNTIL.format(expiresAt) + ".",
                "If you did not expect this invitation, ignore this e-mail.");
        enqueue(handle, user, "account:invitation:" + id, text, now);
        return id;
    }

    private static void enqueue(Handle handle, UserDao.UserRow user, String key, MailText text, Instant now) {
        Outbox.enqueue(
                handle,
                new Outbox.NewMessage(
                        user.id(),
                        user.email(),
                        OutboxKind.ACCOUNT,
                        key,
                        text.subject(),
                        text.text(),
                        Optional.of(text.html()),
                        now),
                now);
    }

    private static AccountDao.Invitation requireInvitation(Handle handle, UserPrincipal viewer, long id) {
        requireStaff(viewer);
        return handle.attach(AccountDao.class)
                .invitation(id)
                .filter(invitation -> viewer.role() == Role.ADMIN
                        || invitation.createdBy().map(by -> by == viewer.id()).orElse(false))
                .orElseThrow(() -> ProblemException.notFound("Invitation " + id));
    }

    private static void requireStaff(UserPrincipal viewer) {
        if (viewer.role() == Role.CANDIDATE) {
            throw ProblemException.forbidden(ErrorCode.INVITATION_FORBIDDEN, "Only staff invite people.");
        }
    }

    private static void requireMayInvite(UserPrincipal inviter, Role role) {
        boolean allowed =
                switch (inviter.role()) {
                    case ADMIN -> role == Role.CANDIDATE || role == Role.RECRUITER;
                    case RECRUITER -> role == Role.CANDIDATE;
                    case CANDIDATE -> false;
                };
        if (!allowed) {
            throw ProblemException.forbidden(
                    ErrorCode.INVITATION_FORBIDDEN,
                    "A recruiter invites candidates; an admin invites candidates and recruiters (an admin is made with"
                            + " create-admin or POST /api/users).");
        }
    }

    private static void requireValid(String field, String password) {
        Optional<String> problem = PasswordRules.problem(password);
        if (problem.isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.VALIDATION_FAILED,
                    "The password does not meet the rules: " + PasswordRules.RULE + ".",
                    List.of(Problem.FieldError.of(field, problem.get())));
        }
    }

    private static ProblemException linkNotUsable() {
        return ProblemException.badRequest(
                ErrorCode.LINK_NOT_USABLE,
                "This link was already used, was replaced by a newer one, or has expired. Ask for a new one.",
                List.of(Problem.FieldError.of("token", "is not a link that can be used now")));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
