package com.followup.web;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import com.followup.reports.ReportCommand;
import com.followup.reports.ReportsModule;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The whole of Followup in one process: the API, the weekly reports and the portal. This is the main class of
 * the runnable jar ({@code java -jar followup-web/target/followup.jar server config/followup.yml}).
 */
public class FollowupServer extends FollowupApplication {
    public static void main(String[] args) throws Exception {
        new FollowupServer().run(args);
    }

    @Override
    public void initialize(Bootstrap<FollowupConfiguration> bootstrap) {
        super.initialize(bootstrap);
        // java -jar followup.jar report config/followup.yml --week 2026-W47 --format csv --out report.csv
        bootstrap.addCommand(new ReportCommand());
    }

    @Override
    protected void addParts(FollowupConfiguration configuration, Environment environment, Services services)
            throws Exception {
        // The reports and the portal register here as they are built.
        ReportsModule.register(configuration, environment, services);
    }
}
