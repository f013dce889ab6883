package com.followup.core.policy;

import static com.followup.core.fixtures.InterviewRecordBuilder.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.core.model.Channel;
import com.followup.core.model.ClientCompany;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.Timeline;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyResolutionTest {
    private static final AgencyPolicy AGENCY = AgencyPolicy.defaults(ZoneId.of("Europe/Berlin"));
    private static final ClientCompany PLAIN = new ClientCompany(ACME, "Acme", CompanyOverrides.NONE);

    @Test
    @DisplayName("R1 R6 R7 R8 R10 R11 R18: without overrides every value is the agency's default")
    void agencyDefaults() {
        ResolvedPolicy resolved = ResolvedPolicy.resolve(AGENCY, PLAIN, Optional.empty());

        for (PolicySetting setting : PolicySetting.values()) {
            assertThat(resolved.sourceOf(setting)).as(setting.name()).isEqualTo(ValueSource.AGENCY_DEFAULT);
        }
        assertThat(resolved.thankYouDeadline().value()).isEqualTo(Duration.ofHours(48));
        assertThat(resolved.spacing().value()).isEqualTo(Duration.ofDays(14));
        assertThat(resolved.statusCheckLimit().value()).isEqualTo(2);
        assertThat(resolved.followUpChannel().value()).isEqualTo(Channel.EMAIL);
        assertThat(resolved.decisionDate().value()).isEmpty();
        assertThat(resolved.companyDoesNotReply().value()).isFalse();
    }

    @Test
    @DisplayName("R7 R8 R10 R18: the company's overrides replace the agency's values and say so")
    void companyOverrides() {
        ClientCompany strict = PLAIN.withOverrides(CompanyOverrides.NONE
                .withSpacing(Duration.ofDays(21))
                .withStatusCheckLimit(1)
                .withPreferredChannel(Channel.PHONE)
                .withDoesNotReply(true));

        ResolvedPolicy resolved = ResolvedPolicy.resolve(AGENCY, strict, Optional.of(Timeline.NOTHING_SAID));

        assertThat(resolved.spacing()).isEqualTo(Sourced.fromCompany(Duration.ofDays(21)));
        assertThat(resolved.statusCheckLimit()).isEqualTo(Sourced.fromCompany(1));
        assertThat(resolved.followUpChannel()).isEqualTo(Sourced.fromCompany(Channel.PHONE));
        assertThat(resolved.thankYouChannel()).isEqualTo(Sourced.fromCompany(Channel.PHONE));
        assertThat(resolved.companyDoesNotReply()).isEqualTo(Sourced.fromCompany(true));
        assertThat(resolved.sourceOf(PolicySetting.THANK_YOU_DEADLINE)).isEqualTo(ValueSource.AGENCY_DEFAULT);
    }

    @Test
    @DisplayName("R5 R6 R7 R10: the interview's timeline beats the company, which beats the agency")
    void interviewTimelineWins() {
        ClientCompany company = PLAIN.withOverrides(
                CompanyOverrides.NONE.withSpacing(Duration.ofDays(21)).withPreferredChannel(Channel.PHONE));
        Timeline timeline = Timeline.decisionBy(LocalDate.parse("2026-05-22"))
                .withPreferredSpacing(Duration.ofDays(10))
                .withPreferredChannel(Channel.EMAIL);

        ResolvedPolicy resolved = ResolvedPolicy.resolve(AGENCY, company, Optional.of(timeline));

        assertThat(resolved.decisionDate())
                .isEqualTo(Sourced.fromInterview(Optional.of(LocalDate.parse("2026-05-22"))));
        assertThat(resolved.spacing()).isEqualTo(Sourced.fromInterview(Duration.ofDays(10)));
        assertThat(resolved.followUpChannel()).isEqualTo(Sourced.fromInterview(Channel.EMAIL));
        assertThat(resolved.get(PolicySetting.DECISION_DATE).source()).isEqualTo(ValueSource.INTERVIEW);
    }

    @Test
    @DisplayName("R2 R7 R8: the agency policy refuses values that make no sense")
    void policyChecksItsArguments() {
        assertThatThrownBy(() -> AGENCY.withSpacing(Duration.ZERO)).hasMessageContaining("spacing");
        assertThatThrownBy(() -> AGENCY.withStatusCheckLimit(0)).hasMessageContaining("statusCheckLimit");
        assertThatThrownBy(() -> AGENCY.withThankYouDeadline(Duration.ofHours(1)))
                .hasMessageContaining("idealWindowStart");
        assertThatThrownBy(() -> CompanyOverrides.NONE.withStatusCheckLimit(0))
                .hasMessageContaining("statusCheckLimit");
    }
}
