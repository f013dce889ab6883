package com.followup.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.accounts.Accounts;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Authentication;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.candidates.Candidates;
import com.followup.api.companies.Companies;
import com.followup.api.dashboard.Dashboards;
import com.followup.api.interviews.Interviews;
import com.followup.api.mail.MailSender;
import com.followup.api.mailin.MailIn;
import com.followup.api.notifications.CalendarFeeds;
import com.followup.api.notifications.Subscriptions;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.policy.Policies;
import com.followup.api.privacy.Privacy;
import com.followup.api.settings.Settings;
import com.followup.api.threads.Threads;
import com.followup.api.users.Users;
import com.followup.api.webhooks.Webhooks;
import com.followup.core.rules.PlanEvaluator;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** What the server built in {@link FollowupApplication#run}, handed to the modules that add parts to it. */
public record Services(
        Jdbi jdbi,
        Clock clock,
        ObjectMapper json,
        Authentication authentication,
        PasswordHasher passwords,
        Audit audit,
        JdbiPolicyStore policyStore,
        Policies policies,
        PlanEvaluator evaluator,
        Candidates candidates,
        Companies companies,
        Interviews interviews,
        Threads threads,
        Users users,
        Accounts accounts,
        Settings settings,
        MailSender mail,
        Dashboards dashboards,
        ChangeFeed changes,
        CalendarFeeds calendarFeeds,
        Subscriptions subscriptions,
        Webhooks webhooks,
        MailIn mailIn,
        Privacy privacy) {
    public Services {
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(json, "json is null");
        requireNonNull(authentication, "authentication is null");
        requireNonNull(passwords, "passwords is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(policyStore, "policyStore is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(evaluator, "evaluator is null");
        requireNonNull(candidates, "candidates is null");
        requireNonNull(companies, "companies is null");
        requireNonNull(interviews, "interviews is null");
        requireNonNull(threads, "threads is null");
        requireNonNull(users, "users is null");
        requireNonNull(accounts, "accounts is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(mail, "mail is null");
        requireNonNull(dashboards, "dashboards is null");
        requireNonNull(changes, "changes is null");
        requireNonNull(calendarFeeds, "calendarFeeds is null");
        requireNonNull(subscriptions, "subscriptions is null");
        requireNonNull(webhooks, "webhooks is null");
        requireNonNull(mailIn, "mailIn is null");
        requireNonNull(privacy, "privacy is null");
    }
}
