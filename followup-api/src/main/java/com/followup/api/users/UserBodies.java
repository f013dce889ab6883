package com.followup.api.users;

import com.followup.api.auth.ApiTokenDao;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * The request and response bodies of the user and token use cases, moved unchanged from {@code UserResource} (their
 * simple names are the OpenAPI schema names). A user is answered as {@link com.followup.api.auth.UserView}.
 */
public final class UserBodies {
    private UserBodies() {}

    public record NewUser(
            @NotBlank @Email String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            @NotNull
                    @Size(
                            min = PasswordRules.MINIMUM_LENGTH,
                            max = PasswordRules.MAXIMUM_LENGTH,
                            message = PasswordRules.MESSAGE)
                    String password,
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
}
