package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.ContactRole;
import com.followup.core.repository.PolicyStore;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PGInterval;

/** Client companies with their rule overrides (R7, R8, R10, R11, R18), and their contacts. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyResource {
    public record Overrides(
            Optional<Duration> spacing,
            Optional<Integer> statusCheckLimit,
            Optional<Channel> preferredChannel,
            boolean doesNotReply) {}

    public record CompanyView(long id, String name, Overrides overrides, int version) {}

    public record CompanyRequest(
            @NotBlank @Size(max = 200) String name,
            Duration spacing,
            @Min(1) @Max(10) Integer statusCheckLimit,
            Channel preferredChannel,
            boolean doesNotReply,
            Integer version) {}

    public record ContactView(
            long id,
            long companyId,
            String name,
            String title,
            ContactRole role,
            Optional<String> businessEmail,
            Optional<String> businessPhone,
            Optional<String> linkedInUrl,
            List<String> warnings,
            int version) {}

    public record ContactRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String title,
            @NotNull ContactRole role,
            @Email String businessEmail,
            @Pattern(regexp = "^[+0-9 ()./-]{5,30}$", message = "is not a phone number") String businessPhone,
            @Pattern(regexp = "^https?://.+", message = "must be an http(s) link") String linkedInUrl,
            Integer version) {}

    private final Jdbi jdbi;
    private final Audit audit;
    private final PolicyStore policies;

    public CompanyResource(Jdbi jdbi, Audit audit, PolicyStore policies) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    @GET
    @Path("/companies")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public Page<CompanyView> list(
            @Auth UserPrincipal user,
            @QueryParam("q") String query,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        String where =
                """
                 WHERE (CAST(:q AS text) IS NULL OR co.name ILIKE '%' || :q || '%')
                   AND co.id IN (%s)
                """
                        .replace("%s", Visibility.VISIBLE_COMPANIES);
        String q = query == null || query.isBlank() ? null : query.trim();
        return jdbi.inTransaction(handle -> {
            List<CompanyView> items = Visibility.bind(
                            handle.createQuery(
                                    SELECT_COMPANY + where + " ORDER BY lower(co.name) LIMIT :limit OFFSET :offset"),
                            user)
                    .bind("q", q)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, context) -> company(rs))
                    .list();
            long total = Visibility.bind(handle.createQuery("SELECT count(*) FROM companies co" + where), user)
                    .bind("q", q)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(items, total, limit, offset);
        });
    }

    @GET
    @Path("/companies/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public CompanyView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, id);
            return findCompany(handle, id);
        });
    }

    @POST
    @Path("/companies")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    @ApiResponse(
            responseCode = "201",
            description = "The new company",
            content = @Content(schema = @Schema(implementation = CompanyView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid CompanyRequest request) {
        CompanyView created = jdbi.inTransaction(handle -> {
            requireUnusedName(handle, request.name(), Optional.empty());
            long id = handle.createUpdate(
                            """
                            INSERT INTO companies (name, spacing, status_check_limit, preferred_channel, does_not_reply)
                            VALUES (:name, :spacing, :limit, :channel, :doesNotReply)
                            """)
                    .bind("name", request.name().trim())
                    .bind("spacing", interval(request.spacing()))
                    .bind("limit", request.statusCheckLimit())
                    .bind(
                            "channel",
                            request.preferredChannel() == null
                                    ? null
                                    : request.preferredChannel().name())
                    .bind("doesNotReply", request.doesNotReply())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            audit.record(handle, user, "company.created", "company", id, Map.of("name", request.name()));
            return findCompany(handle, id);
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("/companies/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public CompanyView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid CompanyRequest request) {
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            findCompany(handle, id);
            requireUnusedName(handle, request.name(), Optional.of(id));
            int updated = handle.createUpdate(
                            """
                            UPDATE companies SET name = :name, spacing = :spacing, status_check_limit = :limit,
                                   preferred_channel = :channel, does_not_reply = :doesNotReply, version = version + 1
                             WHERE id = :id AND version = :version
                            """)
                    .bind("id", id)
                    .bind("version", version)
                    .bind("name", request.name().trim())
                    .bind("spacing", interval(request.spacing()))
                    .bind("limit", request.statusCheckLimit())
                    .bind(
                            "channel",
                            request.preferredChannel() == null
                                    ? null
                                    : request.preferredChannel().name())
                    .bind("doesNotReply", request.doesNotReply())
                    .execute();
            Versions.requireUpdated(updated, "company " + id);
            audit.record(
                    handle,
                    user,
                    "company.updated",
                    "company",
                    id,
                    Map.of("name", request.name(), "doesNotReply", request.doesNotReply()));
            return findCompany(handle, id);
        });
    }

    @GET
    @Path("/companies/{id}/contacts")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public List<ContactView> contacts(@Auth UserPrincipal user, @PathParam("id") long companyId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, companyId);
            return handle.createQuery(SELECT_CONTACT + " WHERE company_id = :company ORDER BY lower(name), id")
                    .bind("company", companyId)
                    .map((rs, context) -> contact(rs))
                    .list();
        });
    }

    @POST
    @Path("/companies/{id}/contacts")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    @ApiResponse(
            responseCode = "201",
            description = "The new contact",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response createContact(
            @Auth UserPrincipal user, @PathParam("id") long companyId, @NotNull @Valid ContactRequest request) {
        ContactView created = jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, companyId);
            long id = insertContact(handle, companyId, request);
            audit.record(handle, user, "contact.created", "contact", id, Map.of("company", companyId));
            return findContact(handle, id);
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/contacts/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public ContactView getContact(@Auth UserPrincipal user, @PathParam("id") long id) {
        return jdbi.inTransaction(handle -> {
            ContactView contact = findContactOrNotFound(handle, id);
            try {
                Visibility.requireCompany(handle, user, contact.companyId());
            } catch (ProblemException e) {
                throw ProblemException.notFound("Contact " + id);
            }
            return contact;
        });
    }

    @PUT
    @Path("/contacts/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public ContactView updateContact(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid ContactRequest request) {
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            findContactOrNotFound(handle, id);
            int updated = handle.createUpdate(
                            """
                            UPDATE contacts SET name = :name, title = :title, role = :role,
                                   business_email = :email, business_phone = :phone, linkedin_url = :linkedIn,
                                   version = version + 1
                             WHERE id = :id AND version = :version
                            """)
                    .bind("id", id)
                    .bind("version", version)
                    .bind("name", request.name().trim())
                    .bind(
                            "title",
                            request.title() == null ? "" : request.title().trim())
                    .bind("role", request.role().name())
                    .bind("email", blankToNull(request.businessEmail()))
                    .bind("phone", blankToNull(request.businessPhone()))
                    .bind("linkedIn", blankToNull(request.linkedInUrl()))
                    .execute();
            Versions.requireUpdated(updated, "contact " + id);
            audit.record(handle, user, "contact.updated", "contact", id, Map.of());
            return findContact(handle, id);
        });
    }

    public static long insertContact(Handle handle, long companyId, ContactRequest request) {
        return handle.createUpdate(
                        """
                        INSERT INTO contacts (company_id, name, title, role, business_email, business_phone, linkedin_url)
                        VALUES (:company, :name, :title, :role, :email, :phone, :linkedIn)
                        """)
                .bind("company", companyId)
                .bind("name", request.name().trim())
                .bind("title", request.title() == null ? "" : request.title().trim())
                .bind("role", request.role().name())
                .bind("email", blankToNull(request.businessEmail()))
                .bind("phone", blankToNull(request.businessPhone()))
                .bind("linkedIn", blankToNull(request.linkedInUrl()))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static final String SELECT_COMPANY =
            "SELECT co.id, co.name, co.spacing, co.status_check_limit, co.preferred_channel, co.does_not_reply,"
                    + " co.version FROM companies co";
    private static final String SELECT_CONTACT =
            "SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url, version"
                    + " FROM contacts";

    static CompanyView findCompany(Handle handle, long id) {
        return handle.createQuery(SELECT_COMPANY + " WHERE co.id = :id")
                .bind("id", id)
                .map((rs, context) -> company(rs))
                .findOne()
                .orElseThrow(() -> ProblemException.notFound("Company " + id));
    }

    /** Finds a company by name (any case) or creates it: how a candidate names a new employer. */
    public static long findOrCreateCompany(Handle handle, String name) {
        return handle.createQuery("SELECT id FROM companies WHERE lower(name) = lower(:name)")
                .bind("name", name.trim())
                .mapTo(Long.class)
                .findOne()
                .orElseGet(() -> handle.createUpdate("INSERT INTO companies (name) VALUES (:name)")
                        .bind("name", name.trim())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    }

    private ContactView findContact(Handle handle, long id) {
        return findContactOrNotFound(handle, id);
    }

    private ContactView findContactOrNotFound(Handle handle, long id) {
        java.util.Set<String> freeMail = policies.current().freeMailDomains();
        return handle.createQuery(SELECT_CONTACT + " WHERE id = :id")
                .bind("id", id)
                .map((rs, context) -> contactView(rs, freeMail))
                .findOne()
                .orElseThrow(() -> ProblemException.notFound("Contact " + id));
    }

    private ContactView contact(ResultSet rs) throws SQLException {
        return contactView(rs, policies.current().freeMailDomains());
    }

    private static ContactView contactView(ResultSet rs, java.util.Set<String> freeMail) throws SQLException {
        Contact contact = JdbiInterviewRecords.contact(rs);
        List<String> warnings = contact.businessEmailOnFreeMailDomain(freeMail)
                ? List.of("R12: " + contact.businessEmail().orElseThrow()
                        + " is on a free-mail domain; follow-ups should go to a company address.")
                : List.of();
        return new ContactView(
                contact.id().value(),
                contact.company().value(),
                contact.name(),
                contact.title(),
                contact.role(),
                contact.businessEmail(),
                contact.businessPhone(),
                contact.linkedInUrl(),
                warnings,
                rs.getInt("version"));
    }

    private static CompanyView company(ResultSet rs) throws SQLException {
        int limit = rs.getInt("status_check_limit");
        Optional<Integer> statusCheckLimit = rs.wasNull() ? Optional.empty() : Optional.of(limit);
        return new CompanyView(
                rs.getLong("id"),
                rs.getString("name"),
                new Overrides(
                        JdbiInterviewRecords.interval(rs, "spacing"),
                        statusCheckLimit,
                        Optional.ofNullable(rs.getString("preferred_channel")).map(Channel::valueOf),
                        rs.getBoolean("does_not_reply")),
                rs.getInt("version"));
    }

    private static void requireUnusedName(Handle handle, String name, Optional<Long> except) {
        boolean taken = handle.createQuery("SELECT EXISTS (SELECT 1 FROM companies WHERE lower(name) = lower(:name)"
                        + " AND (CAST(:except AS bigint) IS NULL OR id <> :except))")
                .bind("name", name.trim())
                .bind("except", except.orElse(null))
                .mapTo(Boolean.class)
                .one();
        if (taken) {
            throw new ProblemException(Problem.of(ErrorCode.NAME_TAKEN, "A company with this name exists.")
                    .withErrors(List.of(Problem.FieldError.of("name", "is already taken"))));
        }
    }

    public static PGInterval interval(Duration duration) {
        if (duration == null) {
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_DURATION,
                    "A spacing must be positive.",
                    List.of(Problem.FieldError.of("spacing", "must be positive, e.g. P14D")));
        }
        long days = duration.toDays();
        Duration rest = duration.minusDays(days);
        return new PGInterval(0, 0, (int) days, (int) rest.toHours(), rest.toMinutesPart(), rest.toSecondsPart());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
