package com.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.followup.api.accounts.AccountsConfiguration;
import com.followup.api.auth.AuthConfiguration;
import com.followup.api.db.EmbeddedDatabaseFactory;
import com.followup.api.db.FollowupDataSourceFactory;
import com.followup.api.mail.SmtpConfiguration;
import com.followup.api.notifications.NotificationsConfiguration;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The YAML configuration of the server; see docs/configuration.md for every key. */
public class FollowupConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new FollowupDataSourceFactory();

    @Valid
    @NotNull
    private EmbeddedDatabaseFactory embeddedDatabase = new EmbeddedDatabaseFactory();

    @Valid
    @NotNull
    private AgencyConfiguration agency = new AgencyConfiguration();

    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    private SmtpConfiguration smtp = new SmtpConfiguration();

    @Valid
    @NotNull
    private NotificationsConfiguration notifications = new NotificationsConfiguration();

    @Valid
    @NotNull
    private ReportsConfiguration reports = new ReportsConfiguration();

    @Valid
    @NotNull
    private RequestsConfiguration requests = new RequestsConfiguration();

    private AccountsConfiguration accounts = new AccountsConfiguration();

    /** Run the Liquibase migrations when the server starts (safe with several servers: Liquibase locks). */
    private boolean migrateOnStart = true;

    /** Keep answers of the hot reads (token checks, plans, dashboards) until a change is heard (decision 0012). */
    private boolean cacheReads = true;

    /**
     * How long a cached dashboard may still be shown after another user's write about its candidates (issue 18,
     * decision 0037): under a stream of writes it is read again at most once this long; the writer sees their own
     * write at once. 0 reads it again after every write.
     */
    private io.dropwizard.util.Duration dashboardLag = io.dropwizard.util.Duration.milliseconds(500);

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    /** Read as {@link FollowupDataSourceFactory}, so keys the YAML leaves out take Followup's pool defaults. */
    @JsonProperty("database")
    @JsonDeserialize(as = FollowupDataSourceFactory.class)
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("embeddedDatabase")
    public EmbeddedDatabaseFactory getEmbeddedDatabase() {
        return embeddedDatabase;
    }

    @JsonProperty("embeddedDatabase")
    public void setEmbeddedDatabase(EmbeddedDatabaseFactory embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    @JsonProperty("agency")
    public AgencyConfiguration getAgency() {
        return agency;
    }

    @JsonProperty("agency")
    public void setAgency(AgencyConfiguration agency) {
        this.agency = agency;
    }

    @JsonProperty("auth")
    public AuthConfiguration getAuth() {
        return auth;
    }

    @JsonProperty("auth")
    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    @JsonProperty("migrateOnStart")
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty("migrateOnStart")
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    @JsonProperty("cacheReads")
    public boolean isCacheReads() {
        return cacheReads;
    }

    @JsonProperty("cacheReads")
    public void setCacheReads(boolean cacheReads) {
        this.cacheReads = cacheReads;
    }

    @JsonProperty("dashboardLag")
    public io.dropwizard.util.Duration getDashboardLag() {
        return dashboardLag;
    }

    @JsonProperty("dashboardLag")
    public void setDashboardLag(io.dropwizard.util.Duration dashboardLag) {
        this.dashboardLag = dashboardLag;
    }

    @JsonProperty("smtp")
    public SmtpConfiguration getSmtp() {
        return smtp;
    }

    @JsonProperty("smtp")
    public void setSmtp(SmtpConfiguration smtp) {
        this.smtp = smtp;
    }

    @JsonProperty("notifications")
    public NotificationsConfiguration getNotifications() {
        return notifications;
    }

    @JsonProperty("notifications")
    public void setNotifications(NotificationsConfiguration notifications) {
        this.notifications = notifications;
    }

    @JsonProperty("requests")
    public RequestsConfiguration getRequests() {
        return requests;
    }

    @JsonProperty("requests")
    public void setRequests(RequestsConfiguration requests) {
        this.requests = requests;
    }

    @JsonProperty("accounts")
    public AccountsConfiguration getAccounts() {
        return accounts;
    }

    @JsonProperty("accounts")
    public void setAccounts(AccountsConfiguration accounts) {
        this.accounts = accounts;
    }

    @JsonProperty("reports")
    public ReportsConfiguration getReports() {
        return reports;
    }

    @JsonProperty("reports")
    public void setReports(ReportsConfiguration reports) {
        this.reports = reports;
    }
}
