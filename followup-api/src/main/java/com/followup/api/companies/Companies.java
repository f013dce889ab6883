package com.followup.api.companies;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.companies.CompanyBodies.CompanyRequest;
import com.followup.api.companies.CompanyBodies.CompanyView;
import com.followup.api.companies.CompanyBodies.ContactRequest;
import com.followup.api.companies.CompanyBodies.ContactView;
import com.followup.api.companies.CompanyBodies.ResponseSpeed;
import com.followup.api.companies.CompanyRepository.ContactRow;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import com.followup.api.representations.Page;
import com.followup.core.model.ClientCompany;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.Contact;
import com.followup.core.repository.PolicyStore;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PGInterval;

/**
 * The company use cases, for the API's {@code CompanyResource} and the portal's pages alike: client companies with
 * their rule overrides (R7, R8, R10, R11, R18), and their contacts. Each takes the caller and a request, checks that
 * the caller may see the company ({@link Visibility}: 404 otherwise) and that the request is valid, runs in one
 * transaction, writes the audit entry of a change, and returns a view.
 */
public final class Companies {
    private final Jdbi jdbi;
    private final Audit audit;
    private final PolicyStore policies;

    public Companies(Jdbi jdbi, Audit audit, PolicyStore policies) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    // ---- companies

    /** The caller's companies whose name contains {@code query} (any case), by name. */
    public Page<CompanyView> list(UserPrincipal user, String query, int limit, long offset) {
        String name = query == null || query.isBlank() ? null : query.trim();
        return jdbi.inTransaction(handle -> {
            CompanyRepository companies = handle.attach(CompanyRepository.class);
            String role = user.role().name();
            List<CompanyView> items = companies.visible(role, user.id(), name, limit, offset);
            long total = companies.countVisible(role, user.id(), name);
            return new Page<>(items, total, limit, offset);
        });
    }

    public CompanyView get(UserPrincipal user, long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, id);
            return requireCompany(handle.attach(CompanyRepository.class), id);
        });
    }

    public CompanyView create(UserPrincipal user, CompanyRequest request) {
        requireName(request.name(), ClientCompany::blankName);
        return jdbi.inTransaction(handle -> {
            CompanyRepository companies = handle.attach(CompanyRepository.class);
            requireUnusedName(companies, request.name(), Optional.empty());
            long id = companies.insertCompany(
                    request.name().trim(),
                    interval(request.spacing()),
                    request.statusCheckLimit(),
                    channelName(request),
                    request.doesNotReply());
            audit.record(handle, user, "company.created", "company", id, Map.of("name", request.name()));
            return requireCompany(companies, id);
        });
    }

    public CompanyView update(UserPrincipal user, long id, CompanyRequest request) {
        requireName(request.name(), ClientCompany::blankName);
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            CompanyRepository companies = handle.attach(CompanyRepository.class);
            requireCompany(companies, id);
            requireUnusedName(companies, request.name(), Optional.of(id));
            int updated = companies.updateCompany(
                    id,
                    version,
                    request.name().trim(),
                    interval(request.spacing()),
                    request.statusCheckLimit(),
                    channelName(request),
                    request.doesNotReply());
            Versions.requireUpdated(updated, "company " + id);
            audit.record(
                    handle,
                    user,
                    "company.updated",
                    "company",
                    id,
                    Map.of("name", request.name(), "doesNotReply", request.doesNotReply()));
            return requireCompany(companies, id);
        });
    }

    /** How fast a company the caller may see answers follow-ups, over all its interviews. */
    public ResponseSpeed responseSpeed(UserPrincipal user, long companyId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, companyId);
            return handle.attach(CompanyRepository.class).responseSpeed(companyId);
        });
    }

    // ---- contacts

    /**
     * The company's contacts the caller may see, by name: all of them for staff, for a candidate only those on their
     * own interviews (decision 0025).
     */
    public List<ContactView> contacts(UserPrincipal user, long companyId) {
        Set<String> freeMail = policies.current().freeMailDomains();
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, companyId);
            return handle
                    .attach(CompanyRepository.class)
                    .visibleContacts(companyId, user.role().name(), user.id())
                    .stream()
                    .map(row -> contactView(row, freeMail))
                    .toList();
        });
    }

    public ContactView createContact(UserPrincipal user, long companyId, ContactRequest request) {
        requireName(request.name(), Contact::blankName);
        return jdbi.inTransaction(handle -> {
            Visibility.requireCompany(handle, user, companyId);
            CompanyRepository companies = handle.attach(CompanyRepository.class);
            long id = companies.insertContact(user.id(), companyId, request);
            audit.record(handle, user, "contact.created", "contact", id, Map.of("company", companyId));
            return requireContact(companies, id);
        });
    }

    /** A contact the caller may see ({@link Visibility#VISIBLE_CONTACTS}); 404 like a missing contact otherwise. */
    public ContactView contact(UserPrincipal user, long id) {
        return jdbi.inTransaction(handle -> {
            if (!Visibility.canSeeContact(handle, user, id)) {
                throw ProblemException.notFound("Contact " + id);
            }
            return requireContact(handle.attach(CompanyRepository.class), id);
        });
    }

    public ContactView updateContact(UserPrincipal user, long id, ContactRequest request) {
        requireName(request.name(), Contact::blankName);
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            CompanyRepository companies = handle.attach(CompanyRepository.class);
            requireContact(companies, id);
            Versions.requireUpdated(companies.updateContact(id, version, request), "contact " + id);
            audit.record(handle, user, "contact.updated", "contact", id, Map.of());
            return requireContact(companies, id);
        });
    }

    /** A company's spacing override as stored; none stays none. A second to a year (400 otherwise). */
    public static PGInterval interval(Duration duration) {
        return interval(duration, "spacing", CompanyOverrides::nonPositiveSpacing);
    }

    /**
     * A spacing as stored, in whole seconds (changeset 0015); none stays none. The core's {@code check} is asked of
     * the value as it will be stored and read back, so a spacing of less than a second is refused (400 naming
     * {@code field}), not stored as zero.
     */
    public static PGInterval interval(Duration duration, String field, Function<Duration, Optional<String>> check) {
        if (duration == null) {
            return null;
        }
        Optional<String> refused = check.apply(duration.truncatedTo(ChronoUnit.SECONDS));
        if (refused.isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_DURATION,
                    "A spacing must be at least a second and at most 365 days (R7): " + refused.get() + ".",
                    List.of(Problem.FieldError.of(field, "must be between 1 second and 365 days, e.g. P14D")));
        }
        long days = duration.toDays();
        Duration rest = duration.minusDays(days);
        return new PGInterval(0, 0, (int) days, (int) rest.toHours(), rest.toMinutesPart(), rest.toSecondsPart());
    }

    private static CompanyView requireCompany(CompanyRepository companies, long id) {
        return companies.company(id).orElseThrow(() -> ProblemException.notFound("Company " + id));
    }

    private ContactView requireContact(CompanyRepository companies, long id) {
        Set<String> freeMail = policies.current().freeMailDomains();
        return companies
                .contact(id)
                .map(row -> contactView(row, freeMail))
                .orElseThrow(() -> ProblemException.notFound("Contact " + id));
    }

    private static void requireUnusedName(CompanyRepository companies, String name, Optional<Long> except) {
        if (companies.nameTaken(name.trim(), except.orElse(null))) {
            throw new ProblemException(Problem.of(ErrorCode.NAME_TAKEN, "A company with this name exists.")
                    .withErrors(List.of(Problem.FieldError.of("name", "is already taken"))));
        }
    }

    private static String channelName(CompanyRequest request) {
        return request.preferredChannel() == null
                ? null
                : request.preferredChannel().name();
    }

    /** R12: a business address on a free-mail domain is kept, with a warning that follow-ups should not go there. */
    private static ContactView contactView(ContactRow row, Set<String> freeMail) {
        Contact contact = row.contact();
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
                row.version());
    }

    /** The core's rule that a company's or a contact's name is not blank, refused before it is written. */
    private static void requireName(String name, Function<String, Optional<String>> blank) {
        if (name != null && blank.apply(name).isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.BLANK_NAME,
                    "A name needs a letter or a digit, not only white space.",
                    List.of(Problem.FieldError.of("name", "is blank")));
        }
    }
}
