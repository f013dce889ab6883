package com.followup.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.followup.api.access.AccessAnnotationCheck;
import com.followup.api.accounts.AccountResource;
import com.followup.api.accounts.Accounts;
import com.followup.api.audit.Audit;
import com.followup.api.auth.AccessFeature;
import com.followup.api.auth.Authentication;
import com.followup.api.auth.LoginOriginCheck;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.SessionCookies;
import com.followup.api.auth.SessionResource;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.backup.BackupCommand;
import com.followup.api.backup.RestoreCommand;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ChangeFeedHealthCheck;
import com.followup.api.cache.LocalWrites;
import com.followup.api.cache.ReadCache;
import com.followup.api.candidates.Candidates;
import com.followup.api.companies.Companies;
import com.followup.api.dashboard.Dashboards;
import com.followup.api.dashboard.EvaluationHealthCheck;
import com.followup.api.dashboard.PlanSummaries;
import com.followup.api.dashboard.SummaryWarmUp;
import com.followup.api.db.DatabaseHealthCheck;
import com.followup.api.db.DatabaseMigrations;
import com.followup.api.db.DatabaseOutage;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.demo.DemoCommand;
import com.followup.api.domain.CandidateResource;
import com.followup.api.domain.CompanyResource;
import com.followup.api.domain.DashboardResource;
import com.followup.api.domain.InterviewResource;
import com.followup.api.domain.NoteCheckResource;
import com.followup.api.domain.ThreadResource;
import com.followup.api.generate.GenerateCommand;
import com.followup.api.http.CachedParameterNames;
import com.followup.api.http.OffsetDateTimes;
import com.followup.api.http.SecurityHeaders;
import com.followup.api.imports.ImportJobs;
import com.followup.api.imports.ImportResource;
import com.followup.api.imports.Imports;
import com.followup.api.interviews.Interviews;
import com.followup.api.jobs.PeriodicJob;
import com.followup.api.mail.SmtpMailSender;
import com.followup.api.mailin.MailIn;
import com.followup.api.mailin.MailInPoller;
import com.followup.api.mailin.MailInResource;
import com.followup.api.notifications.CalendarFeeds;
import com.followup.api.notifications.CalendarResource;
import com.followup.api.notifications.CandidateReminders;
import com.followup.api.notifications.MailHealthCheck;
import com.followup.api.notifications.Messages;
import com.followup.api.notifications.NotificationJobs;
import com.followup.api.notifications.NotificationResource;
import com.followup.api.notifications.Notifications;
import com.followup.api.notifications.OutboxSender;
import com.followup.api.notifications.ReminderPlanner;
import com.followup.api.notifications.Subscriptions;
import com.followup.api.openapi.OpenApiDocument;
import com.followup.api.openapi.OpenApiResource;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.policy.Policies;
import com.followup.api.policy.PolicyResource;
import com.followup.api.privacy.Erasures;
import com.followup.api.privacy.Privacy;
import com.followup.api.privacy.PrivacyExports;
import com.followup.api.privacy.PrivacyResource;
import com.followup.api.privacy.Retention;
import com.followup.api.problem.BodyLimit;
import com.followup.api.problem.InputBounds;
import com.followup.api.problem.ParameterChecks;
import com.followup.api.problem.ProblemErrorHandler;
import com.followup.api.problem.ProblemMappers;
import com.followup.api.settings.NotificationSettingsResource;
import com.followup.api.settings.Settings;
import com.followup.api.system.ClassDataSharing;
import com.followup.api.system.ClientGone;
import com.followup.api.system.PingResource;
import com.followup.api.threads.Threads;
import com.followup.api.users.CreateAdminCommand;
import com.followup.api.users.UserResource;
import com.followup.api.users.Users;
import com.followup.api.webhooks.WebhookJobs;
import com.followup.api.webhooks.WebhookResource;
import com.followup.api.webhooks.WebhookSender;
import com.followup.api.webhooks.WebhookWatch;
import com.followup.api.webhooks.Webhooks;
import com.followup.core.notes.NoteChecker;
import com.followup.core.rules.PlanEvaluator;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Followup server. Everything is wired here, explicitly, in {@link #run}. */
public class FollowupApplication extends Application<FollowupConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(FollowupApplication.class);
    private Notifications notifications;
    private WebhookSender webhookSender;
    private ChangeFeed changes;
    private MailIn mailIn;
    private MailInPoller mailInPoller;

    public static void main(String[] args) throws Exception {
        new FollowupApplication().run(args);
    }

    @Override
    public String getName() {
        return "followup";
    }

    /**
     * What replaces {@code ${VARIABLE:-default}} in the configuration, with values from {@code environment} (the
     * process environment when serving; an empty one in the test of the shipped files). An unset variable without a
     * default is left as written, as Dropwizard's own substitutor does when not strict.
     */
    public static StringSubstitutor substitutor(StringLookup environment) {
        StringSubstitutor substitutor = new StringSubstitutor(environment);
        substitutor.setEnableUndefinedVariableException(false);
        substitutor.setEnableSubstitutionInVariables(false);
        return substitutor;
    }

    /**
     * {@code server} and {@code check} as Dropwizard has them, except that a failure the operator can fix (another
     * server holds the data directory, say) is one line on standard error rather than a stack trace.
     */
    @Override
    protected void addDefaultCommands(Bootstrap<FollowupConfiguration> bootstrap) {
        bootstrap.addCommand(new ServerCommand<>(this) {
            @Override
            public void onError(Cli cli, Namespace namespace, Throwable error) {
                OperatorException.print(cli, error);
            }
        });
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<FollowupConfiguration> bootstrap) {
        // Instants and durations as ISO-8601 text ("2026-03-30T12:00:00+02:00", "PT336H"), never numbers; a
        // field the API does not know is an error, so a misspelt field name is not silently dropped.
        bootstrap
                .getObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // No text with a NUL character, no date outside the years 1 to 9999 (decision 0018).
                .registerModule(InputBounds.module())
                // The same text as Jackson's serializer, without DateTimeFormatter in the common case (issue 18).
                .registerModule(OffsetDateTimes.module());
        // Dropwizard's validation, with each resource method's parameter names read once instead of on every request.
        bootstrap.setValidatorFactory(Validators.newConfiguration()
                .parameterNameProvider(new CachedParameterNames(new JerseyParameterNameProvider()))
                .buildValidatorFactory());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), substitutor(System::getenv)));
        bootstrap.addBundle(new MigrationsBundle<FollowupConfiguration>() {
            @Override
            public DataSourceFactory getDataSourceFactory(FollowupConfiguration configuration) {
                // `db migrate` and `db status` work on the zero-setup database too; the JVM's shutdown
                // hook stops it when the command ends.
                configuration.getEmbeddedDatabase().startIfNoUrl(configuration.getDatabase());
                return configuration.getDatabase();
            }

            @Override
            public String getMigrationsFileName() {
                return DatabaseMigrations.CHANGELOG;
            }
        });
        // Both read the same configuration as `server`; `demo` also runs this application's run(), so the wiring stays
        // in one place.
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addCommand(new CreateAdminCommand());
        bootstrap.addCommand(new GenerateCommand());
        bootstrap.addCommand(new BackupCommand());
        bootstrap.addCommand(new RestoreCommand());
    }

    @Override
    public void run(FollowupConfiguration configuration, Environment environment) throws Exception {
        listenOnLoopbackUnlessTold(adminConnectors(configuration.getServerFactory()));
        configuration.getNotifications().defaultToPort(applicationPort(configuration.getServerFactory()));
        // Managed first, so stopped last: after Jetty, the jobs and the change feed have let go of their connections.
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startForServer(configuration.getDatabase());
        embedded.ifPresent(postgres -> environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() throws Exception {
                postgres.close();
            }
        }));
        // A client that hangs up before its answer is written is an INFO line, not Jersey's ERROR with a stack trace.
        ClientGone.install();
        environment.lifecycle().addServerLifecycleListener(server -> {
            Addresses addresses = Addresses.of(server);
            LOG.info(
                    "Followup is running: portal {}, API description {}, health checks {}",
                    addresses.portal(),
                    addresses.openApi(),
                    addresses.health());
            ClassDataSharing.warning().ifPresent(LOG::warn);
        });

        ManagedDataSource pool = pool(configuration, environment);
        Jdbi jdbi = new JdbiFactory().build(environment, configuration.getDatabase(), pool, "postgresql");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        if (configuration.isMigrateOnStart()) {
            DatabaseMigrations.migrate(configuration.getDatabase());
        }

        Clock clock = clock();
        // Started with the server (before it takes requests) only when reads are cached; never started, it is never
        // live and every read goes to the database.
        changes = new ChangeFeed(configuration.getDatabase());
        if (configuration.isCacheReads()) {
            environment.lifecycle().manage(changes);
            environment.healthChecks().register("change-feed", new ChangeFeedHealthCheck(changes));
        }
        environment
                .jersey()
                .register(new LocalWrites(
                        changes, principal -> principal instanceof UserPrincipal user ? user.id() : ReadCache.ANYONE));
        PasswordHasher passwords = new PasswordHasher();
        Authentication authentication = new Authentication(jdbi, passwords, clock, configuration.getAuth(), changes);
        environment.jersey().register(new AccessFeature(authentication));
        // Login CSRF, the browser's safety headers, Location headers as written (never built from Host): decision 0024.
        environment
                .jersey()
                .register(new LoginOriginCheck(configuration.getNotifications().getPortalBaseUrl()));
        SecurityHeaders.register(environment);
        environment.jersey().property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(UserPrincipal.class));
        String databaseUrl = configuration.getDatabase().getUrl();
        // The probe's executor is shut down with the server; the outage, managed after it, cancels a pending probe
        // first.
        ScheduledExecutorService prober = environment
                .lifecycle()
                .scheduledExecutorService("database-outage-probe-%d", true)
                .threads(1)
                .build();
        DatabaseOutage outage = new DatabaseOutage(pool, databaseUrl, prober);
        environment.lifecycle().manage(outage);
        // In place of Dropwizard's check of the pool, which says "Unable to successfully check" whatever is wrong.
        environment.healthChecks().unregister("postgresql");
        environment.healthChecks().register("database", new DatabaseHealthCheck(pool, databaseUrl));
        ProblemMappers.all(outage).forEach(environment.jersey()::register);
        // Input that would otherwise end in a 500 answers 4xx problem details (decision 0018): bodies over the size
        // limit, NUL characters and bad percent-encoding in paths, query strings and forms, and whatever Jetty refuses
        // before Jersey sees it.
        environment.jersey().register(BodyLimit.of(configuration.getRequests()));
        environment.jersey().register(new ParameterChecks.Query());
        environment.jersey().register(new ParameterChecks.Forms());
        environment
                .getApplicationContext()
                .setErrorHandler(new ProblemErrorHandler.InContext(environment.getObjectMapper()));
        ProblemErrorHandler jettyErrors = new ProblemErrorHandler(environment.getObjectMapper());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(jettyErrors);
                }
            }
        });

        environment.jersey().register(new PingResource());
        environment
                .jersey()
                .register(new SessionResource(
                        authentication,
                        new SessionCookies(configuration.getAuth().isSecureCookies())));
        Audit audit = new Audit(environment.getObjectMapper(), clock);
        JdbiPolicyStore policies = new JdbiPolicyStore(
                jdbi,
                environment.getObjectMapper(),
                ZoneId.of(configuration.getAgency().getZone()),
                clock,
                changes);
        PlanEvaluator evaluator = new PlanEvaluator();
        Policies agencyPolicy = new Policies(jdbi, policies, audit);
        environment.jersey().register(new PolicyResource(agencyPolicy));
        Candidates candidates = new Candidates(jdbi, audit);
        environment.jersey().register(new CandidateResource(candidates));
        Users users = new Users(jdbi, passwords, candidates, clock);
        environment.jersey().register(new UserResource(users));
        Accounts accounts = new Accounts(
                jdbi,
                passwords,
                candidates,
                configuration.getAccounts(),
                configuration.getNotifications().getPortalBaseUrl(),
                clock,
                authentication);
        environment.jersey().register(new AccountResource(accounts));
        Companies companies = new Companies(jdbi, audit, policies);
        environment.jersey().register(new CompanyResource(companies));
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        Interviews interviews = new Interviews(jdbi, audit, records, policies, evaluator, clock, changes);
        environment.jersey().register(new InterviewResource(interviews, environment.getObjectMapper()));
        NoteChecker noteChecker = NoteChecker.create();
        // One per server: it lets one request at a time refresh the stored plan summaries (decision 0009).
        PlanSummaries summaries = new PlanSummaries(jdbi, records, policies, evaluator);
        environment.healthChecks().register("evaluation", new EvaluationHealthCheck(jdbi));
        Threads threads = new Threads(
                jdbi,
                audit,
                records,
                policies,
                evaluator,
                noteChecker,
                summaries,
                environment.getObjectMapper(),
                clock,
                changes);
        environment.jersey().register(new ThreadResource(threads));
        environment.jersey().register(new NoteCheckResource(threads));
        Dashboards dashboards = new Dashboards(
                summaries,
                jdbi,
                audit,
                clock,
                changes,
                environment.getObjectMapper(),
                configuration.getDashboardLag().toJavaDuration());
        environment.jersey().register(new DashboardResource(dashboards));
        // Stale plan summaries evaluated in the background after the start, unhealthy until then (issue 18).
        SummaryWarmUp warmUp = new SummaryWarmUp(summaries, clock);
        environment.lifecycle().manage(warmUp);
        environment.healthChecks().register("summaries", warmUp.healthCheck());
        changes.onBulkChange(warmUp::wake);
        // One import at a time (they also take a database lock); a queued one waits its turn.
        ExecutorService imports = environment
                .lifecycle()
                .executorService("import-%d")
                .minThreads(1)
                .maxThreads(1)
                .build();
        environment
                .jersey()
                .register(new ImportResource(new Imports(
                        jdbi,
                        new ImportJobs(jdbi, environment.getObjectMapper(), clock),
                        audit,
                        imports,
                        accounts::inviteImported)));

        SmtpMailSender mail = new SmtpMailSender(configuration.getSmtp());
        CandidateReminders reminders = new CandidateReminders(
                records, policies, evaluator, configuration.getNotifications().getPortalBaseUrl());
        // Built before the jobs' executor, so stopped after it: a pass that finishes its message keeps renewing its
        // lease.
        ScheduledExecutorService leaseRenewals = environment
                .lifecycle()
                .scheduledExecutorService("outbox-lease-renewal-%d", true)
                .threads(1)
                .removeOnCancelPolicy(true)
                .build();
        notifications = new Notifications(
                new ReminderPlanner(
                        jdbi,
                        records,
                        clock,
                        policies,
                        evaluator,
                        reminders,
                        configuration.getNotifications(),
                        ZoneId.of(configuration.getAgency().getZone())),
                new OutboxSender(jdbi, clock, mail, reminders, configuration.getNotifications(), leaseRenewals));
        if (configuration.getNotifications().isRunJobs()) {
            // Dropwizard shuts the executor down when the server stops; the job, managed after it and so stopped
            // before it, interrupts a running pass.
            ScheduledExecutorService executor = environment
                    .lifecycle()
                    .scheduledExecutorService("followup-notifications-%d", true)
                    .threads(1)
                    .build();
            NotificationJobs jobs = new NotificationJobs(notifications.planner(), notifications.sender());
            Duration interval = configuration.getNotifications().getJobInterval();
            environment
                    .lifecycle()
                    .manage(new PeriodicJob("The notification jobs", executor, jobs::tick, interval, interval));
        }
        environment.healthChecks().register("mail", new MailHealthCheck(jdbi, clock, mail));
        Subscriptions subscriptions = new Subscriptions(
                jdbi, audit, clock, configuration.getNotifications().unsubscribeLinks());
        environment.jersey().register(new NotificationResource(subscriptions, new Messages(jdbi)));
        Settings settings = new Settings(jdbi, audit, configuration.getNotifications());
        environment.jersey().register(new NotificationSettingsResource(settings));
        CalendarFeeds calendarFeeds =
                new CalendarFeeds(jdbi, audit, records, policies, evaluator, clock, configuration.getNotifications());
        environment.jersey().register(new CalendarResource(calendarFeeds));
        Webhooks webhooks = webhooks(
                configuration,
                environment,
                jdbi,
                audit,
                clock,
                new WebhookWatch(
                        jdbi,
                        records,
                        policies,
                        evaluator,
                        clock,
                        configuration.getNotifications().getLookBack()));
        mailIn = new MailIn(
                jdbi,
                audit,
                threads,
                records,
                policies,
                evaluator,
                clock,
                configuration.getMailIn(),
                configuration.getNotifications().getPortalBaseUrl(),
                environment.metrics());
        environment.jersey().register(new MailInResource(mailIn));
        mailInPoller = new MailInPoller(mailIn, configuration.getMailIn(), clock);
        if (configuration.getMailIn().isEnabled() && configuration.getMailIn().isPoll()) {
            // Issue 19: the agency mailbox read every pollInterval, like the notification jobs above.
            ScheduledExecutorService mailInExecutor = environment
                    .lifecycle()
                    .scheduledExecutorService("followup-mail-in-%d", true)
                    .threads(1)
                    .build();
            Duration every = configuration.getMailIn().getPollInterval();
            environment
                    .lifecycle()
                    .manage(new PeriodicJob("Mail-in", mailInExecutor, mailInPoller::tick, every, every));
        }

        Erasures erasures = new Erasures(jdbi, audit, clock);
        Retention retention = new Retention(jdbi, erasures, audit, clock);
        Privacy privacy = new Privacy(
                new PrivacyExports(jdbi, audit, records, policies, evaluator, clock, environment.getObjectMapper()),
                erasures,
                retention);
        environment.jersey().register(new PrivacyResource(privacy.exports(), erasures, retention));
        if (configuration.getNotifications().isRunJobs()) {
            // The daily retention pass (decision 0035): woken every hour, it runs once a day across servers.
            ScheduledExecutorService retentionExecutor = environment
                    .lifecycle()
                    .scheduledExecutorService("privacy-retention-%d", true)
                    .threads(1)
                    .build();
            environment
                    .lifecycle()
                    .manage(new PeriodicJob(
                            "The retention pass",
                            retentionExecutor,
                            retention::pass,
                            Duration.ofMinutes(1),
                            Duration.ofHours(1)));
        }

        addParts(
                configuration,
                environment,
                new Services(
                        jdbi,
                        clock,
                        environment.getObjectMapper(),
                        authentication,
                        passwords,
                        audit,
                        policies,
                        agencyPolicy,
                        evaluator,
                        candidates,
                        companies,
                        interviews,
                        threads,
                        users,
                        accounts,
                        settings,
                        mail,
                        dashboards,
                        changes,
                        calendarFeeds,
                        subscriptions,
                        webhooks,
                        mailIn,
                        privacy));
        // Read from Jersey's finished resource model, so it describes exactly the routes registered above,
        // including those the added parts registered.
        OpenApiDocument openApi = new OpenApiDocument(environment.jersey(), OpenApiDocument.projectVersion());
        environment.jersey().register(openApi);
        environment.jersey().register(new OpenApiResource(openApi));

        requireAccessAnnotations(environment);
    }

    /**
     * Dropwizard's pool (tomcat-jdbc) without its statement facade: the facade wraps every statement and result set in
     * a reflective proxy, and on the dashboard that proxy was two thirds of the request's CPU samples (every
     * {@code getInt} and {@code getString} went through it). JDBI closes what it opens, which the facade guards
     * against; see docs/benchmarks.md.
     */
    private static ManagedDataSource pool(FollowupConfiguration configuration, Environment environment) {
        ManagedDataSource dataSource = configuration.getDatabase().build(environment.metrics(), "postgresql");
        if (dataSource instanceof DataSourceProxy tomcat) {
            tomcat.getPoolProperties().setUseStatementFacade(false);
        }
        return dataSource;
    }

    /**
     * Makes the connectors that name no {@code bindHost} listen on 127.0.0.1 only. The admin connector
     * (metrics, thread dumps, log levels: no authentication) always gets this; the {@code demo} command asks it for
     * the application connector too, since its passwords are published. A {@code bindHost} in the configuration
     * ({@code FOLLOWUP_ADMIN_HOST}, {@code FOLLOWUP_HOST}) is how to expose one deliberately.
     */
    public static void listenOnLoopbackUnlessTold(List<ConnectorFactory> connectors) {
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http
                    && (http.getBindHost() == null || http.getBindHost().isBlank())) {
                http.setBindHost("127.0.0.1");
            }
        }
    }

    /** The configured port of the first HTTP application connector; 0 when there is none or it is a random one. */
    public static int applicationPort(ServerFactory serverFactory) {
        List<ConnectorFactory> connectors = serverFactory instanceof DefaultServerFactory standard
                ? standard.getApplicationConnectors()
                : serverFactory instanceof SimpleServerFactory simple ? List.of(simple.getConnector()) : List.of();
        return connectors.stream()
                .filter(HttpConnectorFactory.class::isInstance)
                .map(HttpConnectorFactory.class::cast)
                .map(HttpConnectorFactory::getPort)
                .findFirst()
                .orElse(0);
    }

    /** The admin connectors; none of their own with the simple server factory, which serves admin under a path. */
    private static List<ConnectorFactory> adminConnectors(ServerFactory serverFactory) {
        return serverFactory instanceof DefaultServerFactory standard ? standard.getAdminConnectors() : List.of();
    }

    /** What tells this server's read caches of changes; set by {@link #run}. */
    public ChangeFeed changes() {
        return changes;
    }

    /** The reminder planner and the outbox sender this server runs; set by {@link #run}. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * The webhook use cases and their resource, and, when {@code webhooks.runJobs}, the delivery job on an executor of
     * its own, so a slow receiver never holds up the mail (decision 0036).
     */
    private Webhooks webhooks(
            FollowupConfiguration configuration,
            Environment environment,
            Jdbi jdbi,
            Audit audit,
            Clock clock,
            WebhookWatch watch) {
        Webhooks webhooks = new Webhooks(jdbi, audit, clock, configuration.getWebhooks());
        environment.jersey().register(new WebhookResource(webhooks));
        webhookSender = new WebhookSender(
                jdbi,
                clock,
                configuration.getWebhooks(),
                configuration.getNotifications().getPortalBaseUrl());
        if (configuration.getWebhooks().isRunJobs()) {
            ScheduledExecutorService executor = environment
                    .lifecycle()
                    .scheduledExecutorService("followup-webhooks-%d", true)
                    .threads(1)
                    .build();
            Duration interval = configuration.getWebhooks().getJobInterval();
            environment
                    .lifecycle()
                    .manage(new PeriodicJob(
                            "The webhook job",
                            executor,
                            new WebhookJobs(
                                    watch,
                                    webhookSender,
                                    clock,
                                    configuration.getWebhooks().getWatchInterval())::tick,
                            interval,
                            interval));
        }
        return webhooks;
    }

    /** The webhook sender this server runs; set by {@link #run}. */
    public WebhookSender webhookSender() {
        return webhookSender;
    }

    /** Mail-in's use cases on this server (issue 19); set by {@link #run}. */
    public MailIn mailIn() {
        return mailIn;
    }

    /** The mailbox reader of this server, which tests run by hand; set by {@link #run}. */
    public MailInPoller mailInPoller() {
        return mailInPoller;
    }

    /** The clock of every deadline the server computes; tests run the application on a clock they control. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Where modules built on the API (the portal, the reports) add their resources, tasks and health checks.
     * Runs before the access check, so their resources are held to the same fail-closed rule.
     */
    protected void addParts(FollowupConfiguration configuration, Environment environment, Services services)
            throws Exception {}

    private static void requireAccessAnnotations(Environment environment) {
        Set<Class<?>> resourceClasses =
                new HashSet<>(environment.jersey().getResourceConfig().getClasses());
        for (Object instance : environment.jersey().getResourceConfig().getInstances()) {
            resourceClasses.add(instance.getClass());
        }
        AccessAnnotationCheck.requireAnnotated(resourceClasses);
    }
}
