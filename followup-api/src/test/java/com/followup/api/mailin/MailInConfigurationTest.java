package com.followup.api.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code mailIn:} section: off by default, and refused at start when it is on without what it needs. */
class MailInConfigurationTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void offByDefaultAndValidSo() {
        MailInConfiguration configuration = new MailInConfiguration();
        assertThat(configuration.isEnabled()).isFalse();
        assertThat(validator.validate(configuration)).isEmpty();
    }

    @Test
    void enabledWithoutAHostAUserOrADomainIsRefused() {
        MailInConfiguration configuration = new MailInConfiguration();
        configuration.setEnabled(true);
        configuration.setHost("imap.agency.example");
        configuration.setUser("log@agency.example");
        Set<ConstraintViolation<MailInConfiguration>> violations = validator.validate(configuration);
        assertThat(violations)
                .extracting(ConstraintViolation::getMessage)
                .containsExactly("mailIn needs a host, a user and an address domain when it is enabled");

        configuration.setDomain("agency.example");
        assertThat(validator.validate(configuration)).isEmpty();
    }

    @Test
    void aLocalPartThatIsNoMailboxNameIsRefused() {
        MailInConfiguration configuration = new MailInConfiguration();
        configuration.setLocalPart("log in");
        assertThat(validator.validate(configuration)).hasSize(1);
    }
}
