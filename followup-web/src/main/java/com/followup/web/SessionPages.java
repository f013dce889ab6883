package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Authentication;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ProblemException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Log in and out with a form; the same session cookie as the API's {@code /api/session}. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SessionPages {
    private static final String SESSION_COOKIE = "followup_session";

    private final Portal portal;

    public SessionPages(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    @GET
    @Path("login")
    @PermitAll
    public Response loginForm(@Context SecurityContext security, @QueryParam("next") String next) {
        if (security.getUserPrincipal() instanceof UserPrincipal) {
            return Portal.seeOther(safeNext(next));
        }
        return Response.ok(page(FormState.of("login", Map.of("next", next == null ? "" : next))))
                .build();
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(
            MultivaluedMap<String, String> form,
            @Context UriInfo uri,
            @Context jakarta.servlet.http.HttpServletRequest request) {
        FormState typed = FormState.typed("login", form);
        String email = typed.values().getOrDefault("email", "");
        String password = form.getFirst("password");
        if (email.isBlank() || password == null || password.isBlank()) {
            return Response.status(400)
                    .entity(page(typed.withErrors(
                            email.isBlank()
                                    ? Map.of("email", "Enter your email.")
                                    : Map.of("password", "Enter your password."),
                            "Enter your email and password.")))
                    .build();
        }
        try {
            Authentication.NewSession session = portal.services()
                    .authentication()
                    .login(email, password, java.util.Optional.ofNullable(request.getRemoteAddr()));
            return Response.seeOther(java.net.URI.create(safeNext(typed.values().get("next"))))
                    .cookie(portal.sessionCookies().cookie(session.token(), uri, (int)
                            portal.services().authentication().idleTimeout().toSeconds()))
                    .build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(page(typed.withMessage(e.problem().detail())))
                    .build();
        }
    }

    @POST
    @Path("logout")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@Auth UserPrincipal user, @CookieParam(SESSION_COOKIE) String token, @Context UriInfo uri) {
        if (token != null) {
            portal.services().authentication().logout(token);
        }
        return Response.seeOther(java.net.URI.create("/login"))
                .cookie(portal.sessionCookies().cookie("", uri, 0))
                .build();
    }

    private static PortalView page(FormState form) {
        return new PortalView("login", null, "Log in", Map.of("form", form));
    }

    /**
     * Only a path on this site, so a crafted link cannot send a fresh login elsewhere; and only one that is a valid URI
     * without control characters or spaces (a tab, a CR or LF would split or break the {@code Location} header), else
     * the home page (decision 0018).
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        if (next.chars().anyMatch(character -> character <= ' ' || character == 0x7f)) {
            return "/";
        }
        try {
            URI parsed = new URI(next);
            return parsed.getScheme() == null && parsed.getRawAuthority() == null ? next : "/";
        } catch (URISyntaxException notAUri) {
            return "/";
        }
    }
}
