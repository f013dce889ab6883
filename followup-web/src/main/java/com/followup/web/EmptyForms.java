package com.followup.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A page's form POST without a body (a bare {@code POST /login}, a form a proxy emptied) is an empty form, so the page
 * shows the form's errors instead of failing on a missing one (decision 0018). Jersey hands a resource {@code null} for
 * an empty body; {@code &} is the URL-encoded form with no fields, which it reads as an empty map. The API is left
 * alone: an empty JSON body is already a 400 naming the body.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class EmptyForms implements ContainerRequestFilter {
    private static final byte[] NO_FIELDS = "&".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String normalized = path.startsWith("/") ? path.substring(1) : path;
        if (!"POST".equals(request.getMethod()) || normalized.equals("api") || normalized.startsWith("api/")) {
            return;
        }
        MediaType type = request.getMediaType();
        boolean form = type == null || MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type);
        if (form && !request.hasEntity()) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
            request.setEntityStream(new ByteArrayInputStream(NO_FIELDS));
        }
    }
}
