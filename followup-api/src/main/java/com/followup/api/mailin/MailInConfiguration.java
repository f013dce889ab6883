package com.followup.api.mailin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * The {@code mailIn:} section (issue 19): the agency mailbox Followup reads over IMAP, and the logging addresses it
 * hands out ({@code <localPart>+<secret>@<domain>}). Off by default: with {@code enabled: false} no address is shown
 * and nothing is read. See docs/mail-in.md.
 */
public class MailInConfiguration {
    private boolean enabled = false;

    /** Read the mailbox on this server; with several servers, one or all may poll (the database keeps them apart). */
    private boolean poll = true;

    @NotNull
    private String host = "";

    @Min(1)
    @Max(65535)
    private int port = 993;

    /** IMAP over TLS (imaps, port 993); false means a plain connection, for a server on the same host or tests. */
    private boolean tls = true;

    @NotNull
    private String user = "";

    @NotNull
    private String password = "";

    @NotNull
    private String folder = "INBOX";

    @NotNull
    private String processedFolder = "Followup/Processed";

    @NotNull
    private Duration pollInterval = Duration.ofMinutes(1);

    /** Connect, read and write timeouts of the IMAP connection. */
    @NotNull
    private Duration timeout = Duration.ofSeconds(30);

    /** At most this many messages a pass; the rest wait for the next one. */
    @Min(1)
    private int batchSize = 100;

    @NotNull
    @Pattern(regexp = "[A-Za-z0-9._-]+", message = "is a mailbox's local part such as log")
    private String localPart = "log";

    /** The agency's mail domain of the logging addresses, such as {@code agency.example}. */
    @NotNull
    private String domain = "";

    @JsonIgnore
    @AssertTrue(message = "mailIn needs a host, a user and an address domain when it is enabled")
    public boolean isComplete() {
        return !enabled || (!host.isBlank() && !user.isBlank() && !domain.isBlank());
    }

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public boolean isPoll() {
        return poll;
    }

    @JsonProperty
    public void setPoll(boolean poll) {
        this.poll = poll;
    }

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = host == null ? "" : host.trim();
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
    public boolean isTls() {
        return tls;
    }

    @JsonProperty
    public void setTls(boolean tls) {
        this.tls = tls;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user == null ? "" : user;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    @JsonProperty
    public String getFolder() {
        return folder;
    }

    @JsonProperty
    public void setFolder(String folder) {
        this.folder = folder;
    }

    @JsonProperty
    public String getProcessedFolder() {
        return processedFolder;
    }

    @JsonProperty
    public void setProcessedFolder(String processedFolder) {
        this.processedFolder = processedFolder;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @JsonProperty
    public int getBatchSize() {
        return batchSize;
    }

    @JsonProperty
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @JsonProperty
    public String getLocalPart() {
        return localPart;
    }

    @JsonProperty
    public void setLocalPart(String localPart) {
        this.localPart = localPart;
    }

    @JsonProperty
    public String getDomain() {
        return domain;
    }

    @JsonProperty
    public void setDomain(String domain) {
        this.domain = domain == null ? "" : domain.trim();
    }
}
