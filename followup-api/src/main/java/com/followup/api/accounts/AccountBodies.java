package com.followup.api.accounts;

import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of the account use cases: passwords, reset links, invitations. */
public final class AccountBodies {
    private AccountBodies() {}

    /** A signed-in user's change of their own password; the current one is asked again. */
    public record PasswordChange(
            @NotBlank @Size(max = PasswordRules.MAXIMUM_LENGTH) String currentPassword,
            @NotNull
                    @Size(
                            min = PasswordRules.MINIMUM_LENGTH,
                            max = PasswordRules.MAXIMUM_LENGTH,
                            message = PasswordRules.MESSAGE)
                    String newPassword) {}

    /** "I forgot my password": the answer is the same whether or not the address has a login. */
    public record ResetRequest(@NotBlank @Email @Size(max = 320) String email) {}

    /** The token of a reset or invitation link, and the password to set with it. */
    public record NewPassword(
            @NotBlank @Size(max = 100) String token,
            @NotNull
                    @Size(
                            min = PasswordRules.MINIMUM_LENGTH,
                            max = PasswordRules.MAXIMUM_LENGTH,
                            message = PasswordRules.MESSAGE)
                    String password) {}

    /**
     * An invitation of a candidate (by a recruiter or an admin) or a recruiter (by an admin). {@code zone}: a
     * candidate's IANA time zone, required for a candidate.
     */
    public record NewInvitation(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            @Size(max = 100) String zone) {}

    /** An invitation not accepted yet; {@code expired} when its link no longer works (resend it). */
    public record InvitationView(
            long id,
            long userId,
            String email,
            String displayName,
            Role role,
            Long invitedBy,
            Instant invitedAt,
            Instant expiresAt,
            boolean expired) {
        static InvitationView of(AccountDao.Invitation row, Instant now) {
            return new InvitationView(
                    row.id(),
                    row.userId(),
                    row.email(),
                    row.displayName(),
                    Role.valueOf(row.role()),
                    row.createdBy().orElse(null),
                    row.createdAt(),
                    row.expiresAt(),
                    !row.expiresAt().isAfter(now));
        }
    }

    /** The invitations not accepted yet, oldest first. */
    public record Invitations(List<InvitationView> items) {
        public Invitations {
            items = List.copyOf(items);
        }
    }

    /** Whose link it is, for the page where it is used (no secret in it). */
    public record LinkHolder(String email, String displayName, AccountDao.Purpose purpose) {}
}
