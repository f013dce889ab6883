package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.WritesNothing;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.core.model.Contact;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.notes.NoteChecker;
import com.followup.core.repository.PolicyStore;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks a thank-you draft (R14 to R17) without saving anything, as the candidate types. Shares the
 * interviews' root path so that Jersey merges the routes (see {@link ThreadResource}).
 */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class NoteCheckResource {
    public record DraftRequest(@NotNull Long recipientId, @NotNull @Size(max = 20000) String text) {}

    private final Jdbi jdbi;
    private final NoteChecker checker;
    private final PolicyStore policies;

    public NoteCheckResource(Jdbi jdbi, NoteChecker checker, PolicyStore policies) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.checker = requireNonNull(checker, "checker is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    @POST
    @Path("/{id}/note-check")
    @WritesNothing
    public NoteDrafts.NoteCheckView check(
            @Auth UserPrincipal user, @PathParam("id") long interviewId, @NotNull @Valid DraftRequest request) {
        record Loaded(InterviewRecord record, Contact recipient) {}
        Loaded loaded = jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            InterviewRecord record = JdbiInterviewRecords.load(handle, List.of(new InterviewId(interviewId)))
                    .get(0);
            return new Loaded(record, recipient(handle, record, request.recipientId()));
        });
        return NoteDrafts.NoteCheckView.of(checker.check(NoteDrafts.draft(
                loaded.record(),
                loaded.recipient(),
                request.text(),
                Optional.empty(),
                policies.current().noteChecks())));
    }

    static Contact recipient(Handle handle, InterviewRecord record, long contactId) {
        return record.contacts().stream()
                .filter(contact -> contact.id().value() == contactId)
                .findFirst()
                .or(() -> handle.createQuery(
                                "SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url"
                                        + " FROM contacts WHERE id = :id AND company_id = :company")
                        .bind("id", contactId)
                        .bind("company", record.company().id().value())
                        .map((rs, context) -> JdbiInterviewRecords.contact(rs))
                        .findOne())
                .orElseThrow(() -> ProblemException.badRequest(
                        ErrorCode.UNKNOWN_CONTACT,
                        "Contact " + contactId + " is not a contact of "
                                + record.company().name() + ".",
                        List.of(Problem.FieldError.of("recipientId", "is not a contact of this interview's company"))));
    }
}
