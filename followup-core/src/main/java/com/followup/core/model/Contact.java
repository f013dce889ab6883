package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * A person at a client company the candidate met or may write to. The addresses are the business ones the company
 * gave (a business card, the invitation email): R12 accepts touches to these and nothing else.
 */
public record Contact(
        ContactId id,
        CompanyId company,
        String name,
        String title,
        ContactRole role,
        Optional<String> businessEmail,
        Optional<String> businessPhone,
        Optional<String> linkedInUrl) {
    public Contact {
        requireNonNull(id, "id is null");
        requireNonNull(company, "company is null");
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        requireNonNull(role, "role is null");
        requireNonNull(businessEmail, "businessEmail is null");
        requireNonNull(businessPhone, "businessPhone is null");
        requireNonNull(linkedInUrl, "linkedInUrl is null");
        blankName(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        businessEmail.flatMap(Contact::notAnEmailAddress).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code name} cannot be a contact's, if it cannot: it is blank. Changeset 0015 checks the same. */
    public static Optional<String> blankName(String name) {
        return Names.blank("name", name);
    }

    /**
     * Why {@code email} cannot be a contact's business email, if it cannot: it has no {@code @} after some text. The
     * database's check (changeset 0003) is stricter (one {@code @}, no white space), as is the API's.
     */
    public static Optional<String> notAnEmailAddress(String email) {
        return email.indexOf('@') < 1
                ? Optional.of("businessEmail is not an email address: " + email)
                : Optional.empty();
    }

    /**
     * R12 at entry time: an email on a free-mail domain is most likely personal. The contact may still be saved,
     * the candidate gets advice.
     */
    public boolean businessEmailOnFreeMailDomain(Set<String> freeMailDomains) {
        return businessEmail
                .map(email -> EmailAddresses.isOnFreeMailDomain(email, freeMailDomains))
                .orElse(false);
    }

    public Contact withBusinessEmail(String businessEmail) {
        return new Contact(id, company, name, title, role, Optional.of(businessEmail), businessPhone, linkedInUrl);
    }

    public Contact withBusinessPhone(String businessPhone) {
        return new Contact(id, company, name, title, role, businessEmail, Optional.of(businessPhone), linkedInUrl);
    }

    public Contact withLinkedInUrl(String linkedInUrl) {
        return new Contact(id, company, name, title, role, businessEmail, businessPhone, Optional.of(linkedInUrl));
    }
}
