package com.followup.reports;

import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import io.dropwizard.core.setup.Environment;
import java.time.ZoneId;

/** Everything the reports add to the server, registered from {@code FollowupServer.addParts}. */
public final class ReportsModule {
    private ReportsModule() {}

    public static ReportService register(
            FollowupConfiguration configuration, Environment environment, Services services) {
        ReportService reports = service(configuration, services);
        environment.jersey().register(new WeeklyReportResource(reports));
        environment
                .lifecycle()
                .manage(new ReportScheduler(services.jdbi(), reports, configuration.getReports(), services.clock()));
        return reports;
    }

    public static ReportService service(FollowupConfiguration configuration, Services services) {
        return new ReportService(
                services.jdbi(),
                services.policies(),
                services.clock(),
                services.json(),
                ZoneId.of(configuration.getAgency().getZone()),
                configuration.getAgency().getName());
    }
}
