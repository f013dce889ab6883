package com.followup.api.auth;

import java.time.Instant;
import java.util.Optional;

/** A user as the API shows it: never the password hash. */
public record UserView(
        long id,
        String email,
        String displayName,
        Role role,
        boolean active,
        Instant createdAt,
        int version,
        Optional<String> zone) {
    public static UserView of(UserDao.UserRow row) {
        return new UserView(
                row.id(),
                row.email(),
                row.displayName(),
                row.role(),
                row.active(),
                row.createdAt(),
                row.version(),
                row.zone());
    }

    /** The caller, as far as the session knows it. */
    public record Me(long id, String email, String displayName, Role role) {
        public static Me of(UserPrincipal principal) {
            return new Me(principal.id(), principal.email(), principal.displayName(), principal.role());
        }
    }
}
