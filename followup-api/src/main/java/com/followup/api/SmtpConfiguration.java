package com.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The mail server reports are sent through. Mail is off while {@code host} is empty (or unset). */
public class SmtpConfiguration {
    private String host = "";

    @Min(1)
    @Max(65535)
    private int port = 587;

    @NotNull
    private String from = "followup@localhost";

    /** Empty: the server accepts mail without logging in. */
    private String username = "";

    private String password = "";

    private boolean starttls = true;

    public boolean isEnabled() {
        return !host.isBlank();
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        // An unset environment variable arrives as null: the same as empty.
        this.host = host == null ? "" : host;
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
        // An unset environment variable arrives as null: the same as empty.
        this.username = username == null ? "" : username;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        // An unset environment variable arrives as null: the same as empty.
        this.password = password == null ? "" : password;
    }

    @JsonProperty
    public boolean isStarttls() {
        return starttls;
    }

    @JsonProperty
    public void setStarttls(boolean starttls) {
        this.starttls = starttls;
    }
}
