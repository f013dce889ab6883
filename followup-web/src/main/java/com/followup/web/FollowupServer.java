package com.followup.web;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
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
    protected void addParts(FollowupConfiguration configuration, Environment environment, Services services)
            throws Exception {
        // The reports and the portal register here as they are built.
    }
}
