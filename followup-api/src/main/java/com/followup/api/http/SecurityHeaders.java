package com.followup.api.http;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * The browser-facing safety headers on every answer of the application port, API and portal alike (issue 15, decision
 * 0024): a Content-Security-Policy that allows scripts, styles and connections from this site only (no inline script,
 * no plugin, no framing by anyone), {@code nosniff}, no referrer to other sites, and {@code Cache-Control: no-store} on everything
 * but the static assets, so no shared or browser cache keeps a page or an answer that was meant for one login.
 */
public final class SecurityHeaders implements Filter {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; object-src 'none'";

    /**
     * No referrer to any other site (a URL with a token in it never leaves), but the site's own: with
     * {@code no-referrer} browsers send {@code Origin: null} on the portal's own form posts (Fetch standard, "serialize
     * a request origin"), and the login's origin check could no longer tell them from a forged one.
     */
    public static final String REFERRER_POLICY = "same-origin";

    /** Adds the filter in front of every path of the application port. */
    public static void register(Environment environment) {
        environment
                .servlets()
                .addFilter("security-headers", new SecurityHeaders())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http && request instanceof HttpServletRequest in) {
            http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Referrer-Policy", REFERRER_POLICY);
            String path = in.getRequestURI();
            if (path == null || !path.startsWith("/assets/")) {
                http.setHeader("Cache-Control", "no-store");
            }
        }
        chain.doFilter(request, response);
    }
}
