package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.WritesNothing;
import com.followup.api.threads.ThreadBodies.DraftRequest;
import com.followup.api.threads.ThreadBodies.NoteCheckView;
import com.followup.api.threads.Threads;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Checks a thank-you draft (R14 to R17) without saving anything, as the candidate types: HTTP over
 * {@link Threads#checkNote}. Shares the interviews' root path so that Jersey merges the routes (see
 * {@link ThreadResource}).
 */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class NoteCheckResource {
    private final Threads threads;

    public NoteCheckResource(Threads threads) {
        this.threads = requireNonNull(threads, "threads is null");
    }

    @POST
    @Path("/{id}/note-check")
    @WritesNothing
    public NoteCheckView check(
            @Auth UserPrincipal user, @PathParam("id") long interviewId, @NotNull @Valid DraftRequest request) {
        return threads.checkNote(user, interviewId, request);
    }
}
