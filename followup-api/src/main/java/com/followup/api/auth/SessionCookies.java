package com.followup.api.auth;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The session cookie, as the API's {@code /api/session} and the portal's login form set and clear it.
 *
 * @param secureCookies whether the cookie is Secure even on a plain-HTTP request (a server behind a TLS proxy)
 */
public record SessionCookies(boolean secureCookies) {
    /** The cookie's name, for a door that needs to know which session a request came from. */
    public static final String NAME = AuthenticationFilter.SESSION_COOKIE;

    /** HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post with it, Secure over TLS. */
    public NewCookie cookie(String value, UriInfo uri, int maxAgeSeconds) {
        boolean secure =
                secureCookies || "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return new NewCookie.Builder(AuthenticationFilter.SESSION_COOKIE)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAgeSeconds)
                .build();
    }
}
