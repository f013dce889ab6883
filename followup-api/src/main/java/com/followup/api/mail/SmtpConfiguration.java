package com.followup.api.mail;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code smtp:} section of the configuration. With an empty host nothing is sent: messages wait in the outbox as
 * PENDING and the {@code mail} health check says so.
 */
public class SmtpConfiguration {
    @NotNull
    private String host = "";

    @Min(1)
    @Max(65535)
    private int port = 25;

    @NotNull
    private String from = "Followup <followup@localhost>";

    @NotNull
    private String username = "";

    @NotNull
    private String password = "";

    /** Upgrade the connection with STARTTLS, and refuse to send if the server cannot. */
    private boolean startTls = false;

    /** Connect, read and write timeouts, so a hanging server cannot stall the sender. */
    @NotNull
    private Duration timeout = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return !host.isBlank();
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = orEmpty(host);
    }

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }

    @JsonProperty
    public String getFrom() {
        return from;
    }

    @JsonProperty
    public void setFrom(String from) {
        this.from = from;
    }

    @JsonProperty
    public String getUsername() {
        return username;
    }

    @JsonProperty
    public void setUsername(String username) {
        this.username = orEmpty(username);
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = orEmpty(password);
    }

    @JsonProperty
    public boolean isStartTls() {
        return startTls;
    }

    @JsonProperty
    public void setStartTls(boolean startTls) {
        this.startTls = startTls;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * An unset variable in {@code host: ${FOLLOWUP_SMTP_HOST:-}} leaves an empty YAML value, which Jackson reads as
     * null: for these keys it means "none", as the shipped configuration intends.
     */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
