package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.ProblemException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Finds the caller from a bearer token or the session cookie and, for session callers, checks the CSRF
 * token on every write. Registered on each resource method by {@link AccessFeature}.
 */
final class AuthenticationFilter implements ContainerRequestFilter {
    static final String SESSION_COOKIE = "followup_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FORM_FIELD = "_csrf";

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Authentication authentication;
    private final boolean required;

    AuthenticationFilter(Authentication authentication, boolean required) {
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.required = required;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<UserPrincipal> caller = bearerToken(request)
                .map(token -> Optional.of(authentication
                        .byApiToken(token)
                        .orElseThrow(() -> ProblemException.unauthorized("The API token is unknown or revoked."))))
                .orElseGet(() -> sessionCaller(request));
        if (caller.isEmpty()) {
            if (required) {
                throw ProblemException.unauthorized("Log in first, or send an API token as 'Authorization: Bearer'.");
            }
            return;
        }
        UserPrincipal user = caller.get();
        user.csrfToken().ifPresent(expected -> requireCsrfToken(request, expected));
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.role().name().equals(role);
            }

            @Override
            public boolean isSecure() {
                return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return user.csrfToken().isPresent() ? "SESSION" : "BEARER";
            }
        });
    }

    private Optional<UserPrincipal> sessionCaller(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        return authentication.bySession(cookie.getValue());
    }

    private static Optional<String> bearerToken(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    /** A cookie rides along on cross-site requests; the CSRF token does not, so writes must carry it. */
    private static void requireCsrfToken(ContainerRequestContext request, String expected) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String given = request.getHeaderString(CSRF_HEADER);
        if (given == null && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            ContainerRequest containerRequest = (ContainerRequest) request;
            containerRequest.bufferEntity();
            given = containerRequest.readEntity(Form.class).asMap().getFirst(CSRF_FORM_FIELD);
        }
        if (given == null || !Secrets.same(expected, given)) {
            throw ProblemException.forbidden(
                    ErrorCode.CSRF_TOKEN_MISSING,
                    "A write with a session cookie must carry the session's CSRF token in the " + CSRF_HEADER
                            + " header or the " + CSRF_FORM_FIELD + " form field.");
        }
    }
}
