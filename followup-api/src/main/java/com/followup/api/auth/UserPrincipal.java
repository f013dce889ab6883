package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import java.security.Principal;
import java.util.Optional;

/**
 * The authenticated caller of a request.
 *
 * @param csrfToken the session's CSRF token when the caller came with a session cookie; empty for a bearer token
 */
public record UserPrincipal(long id, String email, String displayName, Role role, Optional<String> csrfToken)
        implements Principal {
    public UserPrincipal {
        requireNonNull(email, "email is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(role, "role is null");
        requireNonNull(csrfToken, "csrfToken is null");
    }

    @Override
    public String getName() {
        return email;
    }

    public boolean is(Role wanted) {
        return role == wanted;
    }
}
