package com.followup.api.system;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The cheapest endpoint of the server: the framework's own ceiling in load benchmarks. */
@Path("/api/ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {
    @GET
    @PermitAll
    public Map<String, String> ping() {
        return Map.of("status", "ok");
    }
}
