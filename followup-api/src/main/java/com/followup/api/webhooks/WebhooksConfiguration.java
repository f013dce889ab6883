package com.followup.api.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The {@code webhooks:} section (decision 0036): who may be called, how patiently, and how often the sender runs. */
public class WebhooksConfiguration {
    /**
     * Endpoints on loopback, private, link-local or otherwise internal addresses are refused (server-side request
     * forgery) unless this is true; tests and a receiver on the same host need it.
     */
    private boolean allowPrivateAddresses = false;

    /** Whether this server runs the delivery job (every {@link #jobInterval}); any number of servers may. */
    private boolean runJobs = true;

    @NotNull
    private Duration jobInterval = Duration.ofSeconds(10);

    /** How often the watch looks for new breaches, overdue steps and closed threads (it runs within the job). */
    @NotNull
    private Duration watchInterval = Duration.ofMinutes(1);

    /** The connection's and the whole request's time limits; the lease of an attempt is longer than both together. */
    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);

    @NotNull
    private Duration requestTimeout = Duration.ofSeconds(15);

    /** The wait after the first failure, doubled after each next one up to {@link #longestRetryDelay}, with jitter. */
    @NotNull
    private Duration firstRetryDelay = Duration.ofSeconds(30);

    @NotNull
    private Duration longestRetryDelay = Duration.ofHours(2);

    /** Attempts before one delivery is FAILED (the endpoint may be disabled earlier, see {@link #disableAfter}). */
    @Min(1)
    @Max(50)
    private int maxAttempts = 15;

    /** An endpoint whose every attempt failed for this long is disabled and the admins are told by e-mail. */
    @NotNull
    private Duration disableAfter = Duration.ofHours(24);

    /** How long the old secret keeps signing next to the new one after a rotation. */
    @NotNull
    private Duration rotationOverlap = Duration.ofHours(24);

    @JsonProperty
    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    @JsonProperty
    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    @JsonProperty
    public boolean isRunJobs() {
        return runJobs;
    }

    @JsonProperty
    public void setRunJobs(boolean runJobs) {
        this.runJobs = runJobs;
    }

    @JsonProperty
    public Duration getJobInterval() {
        return jobInterval;
    }

    @JsonProperty
    public void setJobInterval(Duration jobInterval) {
        this.jobInterval = jobInterval;
    }

    @JsonProperty
    public Duration getWatchInterval() {
        return watchInterval;
    }

    @JsonProperty
    public void setWatchInterval(Duration watchInterval) {
        this.watchInterval = watchInterval;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @JsonProperty
    public Duration getFirstRetryDelay() {
        return firstRetryDelay;
    }

    @JsonProperty
    public void setFirstRetryDelay(Duration firstRetryDelay) {
        this.firstRetryDelay = firstRetryDelay;
    }

    @JsonProperty
    public Duration getLongestRetryDelay() {
        return longestRetryDelay;
    }

    @JsonProperty
    public void setLongestRetryDelay(Duration longestRetryDelay) {
        this.longestRetryDelay = longestRetryDelay;
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @JsonProperty
    public Duration getDisableAfter() {
        return disableAfter;
    }

    @JsonProperty
    public void setDisableAfter(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    @JsonProperty
    public Duration getRotationOverlap() {
        return rotationOverlap;
    }

    @JsonProperty
    public void setRotationOverlap(Duration rotationOverlap) {
        this.rotationOverlap = rotationOverlap;
    }

    /** The lease of one attempt: longer than the longest the attempt can take, so it never runs out under a live one. */
    public Duration lease() {
        return connectTimeout.plus(requestTimeout).multipliedBy(2).plusSeconds(30);
    }
}
