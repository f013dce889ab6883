package com.followup.api.auth;

import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a login posted from another site (login CSRF: a hidden form that logs the victim in as the attacker, issue
 * 15, decision 0024). A browser names the page's origin in {@code Origin} (or, failing that, {@code Referer}) on every
 * POST; a login is taken only when that origin is this server as the request addressed it ({@code Host}) or the
 * configured {@code notifications.portalBaseUrl}. A request with neither header does not come from a browser page,
 * so it cannot be forged this way, and is let through; {@code Origin: null} (a sandboxed or privacy-stripped page) is
 * refused. The session's CSRF token protects every other write; a login has no session yet.
 */
public final class LoginOriginCheck implements ContainerRequestFilter {
    private final Optional<String> configuredOrigin;

    public LoginOriginCheck(String portalBaseUrl) {
        this.configuredOrigin = origin(portalBaseUrl);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String normalized = path.startsWith("/") ? path.substring(1) : path;
        if (!normalized.equals("login") && !normalized.equals("api/session")) {
            return;
        }
        String claimed = request.getHeaderString("Origin");
        if (claimed == null) {
            claimed = request.getHeaderString("Referer");
            if (claimed == null) {
                return;
            }
        }
        Optional<String> origin = origin(claimed);
        if (origin.isPresent()
                && (origin.equals(configuredOrigin)
                        || sameAuthority(origin.get(), request.getHeaderString(HttpHeaders.HOST)))) {
            return;
        }
        throw ProblemException.of(ErrorCode.CROSS_SITE_LOGIN, "A login is taken only from this site's own login form.");
    }

    /** {@code scheme://host[:port]} of a URL, lower case and without a default port; empty for anything else. */
    static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(
                    scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the origin names the host (and port) the request was sent to, whatever the scheme a proxy ended. */
    private static boolean sameAuthority(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String authority = origin.substring(origin.indexOf("://") + 3);
        // The Host header may name the default port ("example.test:443") that the origin leaves out.
        String asSent = host.trim().toLowerCase(Locale.ROOT).replaceFirst(":(80|443)$", "");
        return authority.equals(asSent);
    }
}
