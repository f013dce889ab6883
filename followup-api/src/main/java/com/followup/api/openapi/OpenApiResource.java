package com.followup.api.openapi;

import static java.util.Objects.requireNonNull;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The API's own description, public like the API's shape is: generated clients and people read it. */
@Path("/api")
public class OpenApiResource {
    public static final String YAML = "application/yaml";

    private final OpenApiDocument document;

    public OpenApiResource(OpenApiDocument document) {
        this.document = requireNonNull(document, "document is null");
    }

    @GET
    @Path("/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public String json() {
        return document.rendered().json();
    }

    @GET
    @Path("/openapi.yaml")
    @Produces(YAML)
    @PermitAll
    public String yaml() {
        return document.rendered().yaml();
    }
}
