package com.followup.api.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How long the links of password resets and invitations stay valid ({@code accounts:} in the YAML). */
public class AccountsConfiguration {
    /** A reset link is short-lived: whoever reads the mailbox later must not be able to use it. */
    @NotNull
    @MinDuration(value = 5, unit = TimeUnit.MINUTES)
    @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration resetLinkValidity = Duration.hours(1);

    /** An invitation waits a few days for its person to accept it; it can be sent again with a new link. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    @MaxDuration(value = 30, unit = TimeUnit.DAYS)
    private Duration invitationValidity = Duration.days(7);

    @JsonProperty
    public Duration getResetLinkValidity() {
        return resetLinkValidity;
    }

    @JsonProperty
    public void setResetLinkValidity(Duration resetLinkValidity) {
        this.resetLinkValidity = resetLinkValidity;
    }

    @JsonProperty
    public Duration getInvitationValidity() {
        return invitationValidity;
    }

    @JsonProperty
    public void setInvitationValidity(Duration invitationValidity) {
        this.invitationValidity = invitationValidity;
    }
}
