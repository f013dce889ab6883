package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Errors on pages answer as pages: no login sends the browser to the login form (and back afterwards), any
 * other problem (404, a stale form's CSRF token, 503 while the database is away) is shown as a page that says what to
 * do, with the problem's status and headers ({@code Retry-After}). The API keeps its problem details.
 */
public final class PageErrors implements ContainerResponseFilter {
    private final Portal portal;

    public PageErrors(Portal portal) {
        this.portal = requireNonNull(portal, "portal is null");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        String normalized = path.startsWith("/") ? path.substring(1) : path;
        if (normalized.startsWith("api/") || normalized.equals("api") || normalized.startsWith("assets/")) {
            return;
        }
        if (!(response.getEntity() instanceof Problem problem)) {
            return;
        }
        if (response.getStatus() == 401) {
            String target = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String next = "GET".equals(request.getMethod()) ? target + (query == null ? "" : "?" + query) : "/";
            response.setStatus(303);
            response.getHeaders()
                    .putSingle(
                            HttpHeaders.LOCATION,
                            URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            response.setEntity(null);
            return;
        }
        boolean databaseAway = response.getStatus() == 503;
        // The viewer's time zone is read from the database; when that is what is missing, the page goes without.
        Viewer viewer = !databaseAway && request.getSecurityContext().getUserPrincipal() instanceof UserPrincipal user
                ? portal.viewer(user)
                : null;
        String advice =
                switch (response.getStatus()) {
                    case 403 ->
                        ErrorCode.CSRF_TOKEN_MISSING.code().equals(problem.code())
                                ? "This form has expired. Go back, reload the page and send it again."
                                : "Your login does not allow this page.";
                    case 404 -> "It does not exist, or it is not yours to see.";
                    case 503 -> "Reload the page in a few seconds. If you were sending a form, send it again then.";
                    default -> "";
                };
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        response.setEntity(
                new PortalView(
                        "error",
                        viewer,
                        problem.title(),
                        Map.of("detail", problem.detail() == null ? "" : problem.detail(), "advice", advice)),
                new Annotation[0],
                MediaType.TEXT_HTML_TYPE);
    }
}
