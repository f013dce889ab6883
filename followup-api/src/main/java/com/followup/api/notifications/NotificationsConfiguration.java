package com.followup.api.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;

/** The {@code notifications:} section: when reminders and digests go out, and where their links point. */
public class NotificationsConfiguration {
    /**
     * Where the links in e-mails and calendar feeds point: the portal, which also serves {@code /api}. Unless set, it
     * follows the port the server listens on ({@link #defaultToPort}), so a server started on another port than 8080
     * does not send people to 8080 (issue 17).
     */
    @NotNull
    private String portalBaseUrl = "http://localhost:8080";

    /** Whether the configuration named {@link #portalBaseUrl}; an empty value (an unset variable) does not count. */
    private boolean portalBaseUrlConfigured;

    /** The hour (agency time zone) of the recruiters' daily digest. */
    @Min(0)
    @Max(23)
    private int recruiterDigestHour = 8;

    /**
     * Candidates get e-mail only from this local time until {@link #candidateSendUntil} (quiet hours outside), unless
     * a deadline would pass before the next morning.
     */
    @NotNull
    private LocalTime candidateSendFrom = LocalTime.of(8, 0);

    @NotNull
    private LocalTime candidateSendUntil = LocalTime.of(20, 0);

    /**
     * Attempts before a message is FAILED; the wait doubles after each failure, from {@link #firstRetryDelay}, up to six
     * hours: 12 attempts ride out an SMTP outage of about 20 hours (8 gave up after 2).
     */
    @Min(1)
    @Max(30)
    private int maxAttempts = 12;

    /**
     * Attempts before a message the SMTP server refused for good (a 5xx reply to its recipient or content) is FAILED:
     * fewer than {@link #maxAttempts}, since such a refusal rarely passes, but more than one, since some servers
     * answer 5xx for what is only a passing trouble.
     */
    @Min(1)
    @Max(30)
    private int maxAttemptsWhenRefused = 3;

    @NotNull
    private Duration firstRetryDelay = Duration.ofMinutes(1);

    /**
     * How long a sender holds a message it claimed before another may claim it again; renewed every third of it
     * while the SMTP conversation lasts, so only a sender that died (or lost the database) lets it run out.
     */
    @NotNull
    private Duration sendLease = Duration.ofMinutes(5);

    /** How often the planner and the sender run. */
    @NotNull
    private Duration jobInterval = Duration.ofMinutes(1);

    /** Tests drive the planner and the sender themselves. */
    private boolean runJobs = true;

    /** Interviews that ended longer ago than this are not looked at any more. */
    @NotNull
    private Duration lookBack = Duration.ofDays(90);

    /**
     * The key of the unsubscribe links' HMAC (decision 0026), at least 32 characters. Empty: the key in
     * {@link #unsubscribeKeyFile}, made at the first start. Servers that share a database must share the key.
     */
    private String unsubscribeKey = "";

    /** Where the generated unsubscribe key is kept (owner-only) when {@link #unsubscribeKey} is empty. */
    @NotNull
    private String unsubscribeKeyFile = "data/unsubscribe-key";

    private UnsubscribeLinks unsubscribeLinks;

    @JsonProperty
    public String getPortalBaseUrl() {
        return portalBaseUrl;
    }

    @JsonProperty
    public void setPortalBaseUrl(String portalBaseUrl) {
        if (portalBaseUrl == null || portalBaseUrl.isBlank()) {
            return;
        }
        String trimmed = portalBaseUrl.strip();
        this.portalBaseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.portalBaseUrlConfigured = true;
    }

    /**
     * When no {@code portalBaseUrl} was configured, makes it {@code http://localhost:{port}}, the port the server's
     * portal listens on; a port of 0 (a random one, as in tests) leaves the default.
     */
    public void defaultToPort(int port) {
        if (!portalBaseUrlConfigured && port > 0) {
            this.portalBaseUrl = "http://localhost:" + port;
        }
    }

    @JsonProperty
    public int getRecruiterDigestHour() {
        return recruiterDigestHour;
    }

    @JsonProperty
    public void setRecruiterDigestHour(int recruiterDigestHour) {
        this.recruiterDigestHour = recruiterDigestHour;
    }

    @JsonProperty
    public LocalTime getCandidateSendFrom() {
        return candidateSendFrom;
    }

    @JsonProperty
    public void setCandidateSendFrom(LocalTime candidateSendFrom) {
        this.candidateSendFrom = candidateSendFrom;
    }

    @JsonProperty
    public LocalTime getCandidateSendUntil() {
        return candidateSendUntil;
    }

    @JsonProperty
    public void setCandidateSendUntil(LocalTime candidateSendUntil) {
        this.candidateSendUntil = candidateSendUntil;
    }

    /** Whether {@link #getCandidateSendFrom()} is before {@link #getCandidateSendUntil()}. */
    @jakarta.validation.constraints.AssertTrue(message = "candidateSendFrom must be before candidateSendUntil")
    public boolean isSendingHoursOrdered() {
        return candidateSendFrom.isBefore(candidateSendUntil);
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
    public int getMaxAttemptsWhenRefused() {
        return maxAttemptsWhenRefused;
    }

    @JsonProperty
    public void setMaxAttemptsWhenRefused(int maxAttemptsWhenRefused) {
        this.maxAttemptsWhenRefused = maxAttemptsWhenRefused;
    }

    @JsonProperty
    public Duration getSendLease() {
        return sendLease;
    }

    @JsonProperty
    public void setSendLease(Duration sendLease) {
        this.sendLease = sendLease;
    }

    /** A lease shorter than a second would be renewed more often than the database can be asked. */
    @jakarta.validation.constraints.AssertTrue(message = "sendLease must be at least one second")
    public boolean isSendLeaseLongEnough() {
        return sendLease.compareTo(Duration.ofSeconds(1)) >= 0;
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
    public Duration getJobInterval() {
        return jobInterval;
    }

    @JsonProperty
    public void setJobInterval(Duration jobInterval) {
        this.jobInterval = jobInterval;
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
    public Duration getLookBack() {
        return lookBack;
    }

    @JsonProperty
    public void setLookBack(Duration lookBack) {
        this.lookBack = lookBack;
    }

    @JsonProperty
    public String getUnsubscribeKey() {
        return unsubscribeKey;
    }

    @JsonProperty
    public void setUnsubscribeKey(String unsubscribeKey) {
        this.unsubscribeKey = unsubscribeKey == null ? "" : unsubscribeKey;
        this.unsubscribeLinks = null;
    }

    @JsonProperty
    public String getUnsubscribeKeyFile() {
        return unsubscribeKeyFile;
    }

    @JsonProperty
    public void setUnsubscribeKeyFile(String unsubscribeKeyFile) {
        this.unsubscribeKeyFile = unsubscribeKeyFile;
        this.unsubscribeLinks = null;
    }

    /** The unsubscribe links' key, read (or made) the first time it is needed; the application asks at start. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public synchronized UnsubscribeLinks unsubscribeLinks() {
        if (unsubscribeLinks == null) {
            unsubscribeLinks = UnsubscribeLinks.of(
                    java.util.Optional.of(unsubscribeKey), java.nio.file.Path.of(unsubscribeKeyFile));
        }
        return unsubscribeLinks;
    }

    /** The one-click unsubscribe link of a user, as every e-mail to them carries it. */
    public String unsubscribeUrl(long userId) {
        return portalBaseUrl + "/api/unsubscribe/" + unsubscribeLinks().token(userId);
    }
}
