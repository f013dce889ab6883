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

    /** A session ends this long after the login, however active (besides the idle timeout). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration sessionAbsoluteTimeout = Duration.days(7);

    /** Logins an address may try back to back before each further one must wait (decision 0024). */
    @Min(1)
    @Max(100)
    private int maxFailedLogins = 5;

    /**
     * Failed logins from one client address (IP), over all e-mail addresses, before growing delays (decision 0026).
     * Higher than {@link #maxFailedLogins}: many people may share an address.
     */
    @Min(1)
    @Max(100000)
    private int maxFailedLoginsPerClient = 50;

    /** The wait after the free attempts; it doubles with each further attempt, up to {@link #lockoutDuration}. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration firstLoginDelay = Duration.seconds(1);

    /** The longest wait between two login attempts at one address. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lockoutDuration = Duration.minutes(15);

    /** An address without a login attempt for this long starts again with its free attempts. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration failedLoginMemory = Duration.hours(24);

    /**
     * Mark the session cookie Secure. Unset, it is on, except in the demo; a request that arrived over TLS (or through
     * a proxy that says so, on a connector with {@code useForwardedHeaders: true}) always gets it.
     */
    private Boolean secureCookies;

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

    /** Whether the session cookie is always Secure: as configured, else on (the demo turns it off before start). */
    @JsonProperty
    public boolean isSecureCookies() {
        return secureCookies == null || secureCookies;
    }

    @JsonProperty
    public void setSecureCookies(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    /** Whether {@code secureCookies} was set in the configuration rather than left to its default. */
    public boolean secureCookiesConfigured() {
        return secureCookies != null;
    }

    @JsonProperty
    public Duration getSessionAbsoluteTimeout() {
        return sessionAbsoluteTimeout;
    }

    @JsonProperty
    public void setSessionAbsoluteTimeout(Duration sessionAbsoluteTimeout) {
        this.sessionAbsoluteTimeout = sessionAbsoluteTimeout;
    }

    @JsonProperty
    public Duration getFirstLoginDelay() {
        return firstLoginDelay;
    }

    @JsonProperty
    public void setFirstLoginDelay(Duration firstLoginDelay) {
        this.firstLoginDelay = firstLoginDelay;
    }

    @JsonProperty
    public Duration getFailedLoginMemory() {
        return failedLoginMemory;
    }

    @JsonProperty
    public void setFailedLoginMemory(Duration failedLoginMemory) {
        this.failedLoginMemory = failedLoginMemory;
    }

    @JsonProperty
    public int getMaxFailedLoginsPerClient() {
        return maxFailedLoginsPerClient;
    }

    @JsonProperty
    public void setMaxFailedLoginsPerClient(int maxFailedLoginsPerClient) {
        this.maxFailedLoginsPerClient = maxFailedLoginsPerClient;
    }
}
