package com.followup.reports.testing;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import com.followup.reports.ReportsModule;
import io.dropwizard.core.setup.Environment;

/** The API with the reports added, as {@code FollowupServer} does it (followup-web depends on this module). */
public class ReportsTestApplication extends FollowupApplication {
    @Override
    protected void addParts(FollowupConfiguration configuration, Environment environment, Services services) {
        ReportsModule.register(configuration, environment, services);
    }
}
