package com.followup.reports;

import com.followup.api.FollowupConfiguration;
import com.followup.api.ReportsConfiguration;
import com.followup.api.Services;
import com.followup.api.jobs.PeriodicJob;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ScheduledExecutorService;

/** Everything the reports add to the server, registered from {@code FollowupServer.addParts}. */
public final class ReportsModule {
    private ReportsModule() {}

    public static ReportService register(
            FollowupConfiguration configuration, Environment environment, Services services) {
        ReportService reports = service(configuration, services);
        environment.jersey().register(new WeeklyReportResource(reports));
        // An erasure re-produces the archived reports that name the person (decision 0035).
        services.privacy().erasures().addListener(new ReportRedaction(reports));
        ReportsConfiguration schedule = configuration.getReports();
        if (schedule.isEnabled()) {
            // Dropwizard shuts the executor down when the server stops; the job, managed after it and so stopped
            // before it, interrupts a running check, which returns between reports.
            ScheduledExecutorService executor = environment
                    .lifecycle()
                    .scheduledExecutorService("weekly-report-scheduler-%d", true)
                    .threads(1)
                    .build();
            ReportScheduler scheduler = new ReportScheduler(services.jdbi(), reports, schedule, services.clock());
            environment
                    .lifecycle()
                    .manage(new PeriodicJob(
                            "The weekly report run",
                            executor,
                            scheduler::check,
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(schedule.getCheckEverySeconds())));
        }
        return reports;
    }

    public static ReportService service(FollowupConfiguration configuration, Services services) {
        return new ReportService(
                services.jdbi(),
                services.policyStore(),
                services.clock(),
                services.json(),
                ZoneId.of(configuration.getAgency().getZone()),
                configuration.getAgency().getName());
    }
}
