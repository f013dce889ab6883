package com.followup.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Login, session and lockout settings ({@code auth:} in the YAML). */
public class AuthConfiguration {
    /** A session ends after this long without a request. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration sessionIdleTimeout = Duration.hours(8);

    /** Failed logins in a row before the account is locked for {@link #lockoutDuration}. */
    @Min(1)
    @Max(100)
    private int maxFailedLogins = 5;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lockoutDuration = Duration.minutes(15);

    /** Always mark the session cookie Secure (besides requests that arrive over TLS, which always are). */
    private boolean secureCookies = false;

    @JsonProperty
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @JsonProperty
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    @JsonProperty
    public int getMaxFailedLogins() {
        return maxFailedLogins;
    }

    @JsonProperty
    public void setMaxFailedLogins(int maxFailedLogins) {
        this.maxFailedLogins = maxFailedLogins;
    }

    @JsonProperty
    public Duration getLockoutDuration() {
        return lockoutDuration;
    }

    @JsonProperty
    public void setLockoutDuration(Duration lockoutDuration) {
        this.lockoutDuration = lockoutDuration;
    }

    @JsonProperty
    public boolean isSecureCookies() {
        return secureCookies;
    }

    @JsonProperty
    public void setSecureCookies(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }
}
