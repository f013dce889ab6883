package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;

/** Login by form or JSON, the current session, logout. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {
    public record Credentials(@NotBlank String email, @NotBlank String password) {}

    public record SessionView(UserView.Me user, Optional<String> csrfToken, Optional<Instant> expiresAt) {}

    private final Authentication authentication;
    private final SessionCookies cookies;

    public SessionResource(Authentication authentication, SessionCookies cookies) {
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
    }

    @POST
    @PermitAll
    @ApiResponse(
            responseCode = "200",
            description = "Logged in: the session cookie is set; send csrfToken with every write",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Response login(
            @NotNull @Valid Credentials credentials,
            @Context UriInfo uri,
            @Context jakarta.servlet.http.HttpServletRequest request) {
        Authentication.NewSession session = authentication.login(
                credentials.email(), credentials.password(), Optional.ofNullable(request.getRemoteAddr()));
        return Response.ok(new SessionView(
                        UserView.Me.of(session.user()),
                        Optional.of(session.csrfToken()),
                        Optional.of(session.expiresAt())))
                .cookie(cookies.cookie(
                        session.token(), uri, (int) authentication.idleTimeout().toSeconds()))
                .build();
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public SessionView current(@Auth UserPrincipal user) {
        return new SessionView(UserView.Me.of(user), user.csrfToken(), Optional.empty());
    }

    @DELETE
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @ApiResponse(responseCode = "204", description = "Logged out; the cookie is cleared")
    public Response logout(@CookieParam(AuthenticationFilter.SESSION_COOKIE) String token, @Context UriInfo uri) {
        if (token != null) {
            authentication.logout(token);
        }
        return Response.noContent().cookie(cookies.cookie("", uri, 0)).build();
    }
}
