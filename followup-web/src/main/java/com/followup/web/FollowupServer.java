package com.followup.web;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.Services;
import com.followup.reports.ReportCommand;
import com.followup.reports.ReportService;
import com.followup.reports.ReportsModule;
import freemarker.template.Configuration;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import java.util.List;

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
        // FreeMarker renders every template in its HTML output format: ${...} is escaped unless marked safe.
        bootstrap.addBundle(new ViewBundle<FollowupConfiguration>(
                List.of(new FreemarkerViewRenderer(Configuration.VERSION_2_3_34))));
        bootstrap.addBundle(new AssetsBundle("/assets", "/assets", null, "portal-assets"));
        // java -jar followup.jar report config/followup.yml --week 2026-W47 --format csv --out report.csv
        bootstrap.addCommand(new ReportCommand());
    }

    @Override
    protected void addParts(FollowupConfiguration configuration, Environment environment, Services services)
            throws Exception {
        ReportService reports = ReportsModule.register(configuration, environment, services);
        Portal portal = Portal.create(configuration, environment.getValidator(), services);
        environment.jersey().register(new SessionPages(portal));
        environment.jersey().register(new HomePage(portal));
        environment.jersey().register(new InterviewPages(portal));
        environment.jersey().register(new CorrectionPages(portal));
        environment.jersey().register(new StaffPages(portal));
        environment.jersey().register(new AdminPages(portal));
        environment.jersey().register(new WebhookPages(portal));
        environment.jersey().register(new AccountPages(portal));
        environment.jersey().register(new ReportPages(portal, reports));
        environment.jersey().register(new SettingsPages(portal));
        environment.jersey().register(new MailInPages(portal));
        environment.jersey().register(new PrivacyPages(portal));
        environment.jersey().register(new PageErrors(portal));
        environment.jersey().register(new EmptyForms());
    }
}
