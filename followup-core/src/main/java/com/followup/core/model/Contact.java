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
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        businessEmail.ifPresent(email -> {
            if (email.indexOf('@') < 1) {
                throw new IllegalArgumentException("businessEmail is not an email address: " + email);
            }
        });
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
