package com.followup.api.demo;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.AuditDao;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.UserDao;
import com.followup.api.demo.DemoAgency.DemoCandidate;
import com.followup.api.demo.DemoAgency.DemoCompany;
import com.followup.api.demo.DemoAgency.DemoConcern;
import com.followup.api.demo.DemoAgency.DemoContact;
import com.followup.api.demo.DemoAgency.DemoDebrief;
import com.followup.api.demo.DemoAgency.DemoInterview;
import com.followup.api.demo.DemoAgency.DemoReply;
import com.followup.api.demo.DemoAgency.DemoTouch;
import com.followup.api.demo.DemoAgency.Login;
import com.followup.core.model.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PGInterval;

/**
 * Writes the {@link DemoAgency} to an empty database, in one transaction, with plain SQL. A database that already has
 * users is left alone, so restarting the demo keeps whatever was done in it.
 */
public final class DemoData {
    /** Serialises concurrent loaders (two demo servers on one fresh database): the second one finds users. */
    private static final long LOAD_LOCK = 0x466f6c6c6f7755L;

    /** What a call found and did. */
    public enum Status {
        /** The database had no users: the demo agency is in it now. */
        LOADED,
        /** The database already had the demo's users (an earlier run): nothing written. */
        KEPT_DEMO_DATA,
        /** The database has users that are not the demo's: nothing written, the demo logins do not apply. */
        KEPT_OTHER_DATA
    }

    /**
     * @param agency the agency that was loaded; for the other statuses the one that would have been, whose logins
     *     are still valid after {@link Status#KEPT_DEMO_DATA} unless someone changed their passwords
     */
    public record Result(Status status, DemoAgency agency) {
        public Result {
            requireNonNull(status, "status is null");
            requireNonNull(agency, "agency is null");
        }
    }

    private final PasswordHasher passwords;

    public DemoData(PasswordHasher passwords) {
        this.passwords = requireNonNull(passwords, "passwords is null");
    }

    /** Loads the demo agency, its moments relative to {@code clock}'s instant, if the database has no users. */
    public Result loadIfEmpty(Jdbi jdbi, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return jdbi.inTransaction(handle -> loadIfEmpty(handle, now));
    }

    /** As {@link #loadIfEmpty(Jdbi, Clock)}, inside the caller's transaction. */
    public Result loadIfEmpty(Handle handle, Instant now) {
        DemoAgency agency = DemoAgency.at(now);
        handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .bind("key", LOAD_LOCK)
                .mapTo(Integer.class)
                .one();
        UserDao users = handle.attach(UserDao.class);
        if (users.count() > 0) {
            String admin = agency.staff().get(0).email();
            return new Result(
                    users.findByEmail(admin).isPresent() ? Status.KEPT_DEMO_DATA : Status.KEPT_OTHER_DATA, agency);
        }
        new Writer(handle, agency).write();
        return new Result(Status.LOADED, agency);
    }

    /** One load: the ids the database gave, by the demo's own keys. */
    private final class Writer {
        private final Handle handle;
        private final DemoAgency agency;
        private final Map<String, Long> userIds = new HashMap<>();
        private final Map<String, Long> companyIds = new HashMap<>();
        private final Map<String, Long> contactIds = new HashMap<>();
        private final Map<String, Long> candidateIds = new HashMap<>();

        Writer(Handle handle, DemoAgency agency) {
            this.handle = handle;
            this.agency = agency;
        }

        void write() {
            writeUsers();
            agency.companies().forEach(this::writeCompany);
            agency.candidates().forEach(this::writeCandidate);
            agency.interviews().forEach(this::writeInterview);
            handle.attach(AuditDao.class)
                    .record(
                            agency.loadedAt(),
                            null,
                            "demo.loaded",
                            "agency",
                            null,
                            "{\"users\":" + userIds.size() + ",\"companies\":" + companyIds.size() + ",\"interviews\":"
                                    + agency.interviews().size() + "}");
        }

        private void writeUsers() {
            UserDao users = handle.attach(UserDao.class);
            // One hash per password, not per user: argon2id is slow on purpose, these passwords are published anyway,
            // and fourteen hashes would add seconds to every demo start.
            Map<String, String> hashes = new HashMap<>();
            for (Login login : agency.logins()) {
                String hash = hashes.computeIfAbsent(login.password(), passwords::hash);
                userIds.put(login.email(), users.insert(login.email(), login.name(), login.role(), hash));
            }
        }

        private void writeCompany(DemoCompany company) {
            long id = handle.createUpdate(
                            """
                            INSERT INTO companies (name, spacing, status_check_limit, preferred_channel, does_not_reply)
                            VALUES (:name, :spacing, :limit, :channel, :doesNotReply)
                            """)
                    .bind("name", company.name())
                    .bind("spacing", interval(company.overrides().spacing()))
                    .bind("limit", company.overrides().statusCheckLimit().orElse(null))
                    .bind(
                            "channel",
                            company.overrides()
                                    .preferredChannel()
                                    .map(Enum::name)
                                    .orElse(null))
                    .bind("doesNotReply", company.overrides().doesNotReply())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            companyIds.put(company.name(), id);
            for (DemoContact contact : company.contacts()) {
                contactIds.put(
                        contact.key(),
                        handle.createUpdate(
                                        """
                                        INSERT INTO contacts (company_id, name, title, role, business_email,
                                                              business_phone, linkedin_url)
                                        VALUES (:company, :name, :title, :role, :email, :phone, :linkedIn)
                                        """)
                                .bind("company", id)
                                .bind("name", contact.name())
                                .bind("title", contact.title())
                                .bind("role", contact.role().name())
                                .bind("email", contact.businessEmail().orElse(null))
                                .bind("phone", contact.businessPhone().orElse(null))
                                .bind("linkedIn", contact.linkedInUrl().orElse(null))
                                .executeAndReturnGeneratedKeys("id")
                                .mapTo(Long.class)
                                .one());
            }
        }

        private void writeCandidate(DemoCandidate candidate) {
            long id = handle.createUpdate(
                            "INSERT INTO candidates (name, email, zone, user_id) VALUES (:name, :email, :zone, :user)")
                    .bind("name", candidate.name())
                    .bind("email", candidate.email())
                    .bind("zone", candidate.zone().getId())
                    .bind("user", userIds.get(candidate.email()))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            candidateIds.put(candidate.email(), id);
            handle.createUpdate(
                            """
                            INSERT INTO recruiter_assignments (candidate_id, recruiter_id, assigned_at)
                            VALUES (:candidate, :recruiter, :at)
                            """)
                    .bind("candidate", id)
                    .bind("recruiter", id(userIds, candidate.recruiterEmail()))
                    .bind("at", agency.loadedAt())
                    .execute();
        }

        private void writeInterview(DemoInterview interview) {
            long id = handle.createUpdate(
                            """
                            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format, round)
                            VALUES (:candidate, :company, :role, :start, :end, :format, :round)
                            """)
                    .bind("candidate", id(candidateIds, interview.candidateEmail()))
                    .bind("company", id(companyIds, interview.companyName()))
                    .bind("role", interview.role())
                    .bind("start", interview.start())
                    .bind("end", interview.end())
                    .bind("format", interview.format().name())
                    .bind("round", interview.round())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            for (int position = 0; position < interview.interviewers().size(); position++) {
                handle.createUpdate("INSERT INTO interview_interviewers (interview_id, contact_id, position)"
                                + " VALUES (:interview, :contact, :position)")
                        .bind("interview", id)
                        .bind("contact", id(contactIds, interview.interviewers().get(position)))
                        .bind("position", position)
                        .execute();
            }
            interview.timeline().ifPresent(timeline -> writeTimeline(id, timeline, interview.end()));
            interview.debrief().ifPresent(debrief -> writeDebrief(id, debrief));
            long author = id(userIds, interview.candidateEmail());
            interview.touches().forEach(touch -> writeTouch(id, touch, author));
            interview.replies().forEach(reply -> writeReply(id, reply, author));
            interview.outcome().ifPresent(outcome -> handle.createUpdate(
                            "INSERT INTO outcomes (interview_id, kind, at) VALUES (:interview, :kind, :at)")
                    .bind("interview", id)
                    .bind("kind", outcome.kind().name())
                    .bind("at", outcome.at())
                    .execute());
        }

        // Recorded at the end of the interview: R5 asks for it at the close.
        private void writeTimeline(long interview, Timeline timeline, Instant recordedAt) {
            handle.createUpdate(
                            """
                            INSERT INTO timelines (interview_id, decision_date, preferred_channel, preferred_spacing,
                                                   recorded_at)
                            VALUES (:interview, :date, :channel, :spacing, :recordedAt)
                            """)
                    .bind("interview", interview)
                    .bind("date", timeline.decisionDate().orElse(null))
                    .bind("channel", timeline.preferredChannel().map(Enum::name).orElse(null))
                    .bind("spacing", interval(timeline.preferredSpacing()))
                    .bind("recordedAt", recordedAt)
                    .execute();
        }

        private void writeDebrief(long interview, DemoDebrief debrief) {
            handle.createUpdate("INSERT INTO debriefs (interview_id, notes, unasked_questions, written_at)"
                            + " VALUES (:interview, :notes, :unasked, :writtenAt)")
                    .bind("interview", interview)
                    .bind("notes", debrief.notes())
                    .bind("unasked", debrief.unaskedQuestions().toArray(String[]::new))
                    .bind("writtenAt", debrief.writtenAt())
                    .execute();
            List<DemoConcern> concerns = debrief.concerns();
            for (int position = 0; position < concerns.size(); position++) {
                handle.createUpdate("INSERT INTO debrief_concerns (interview_id, contact_id, position, concern)"
                                + " VALUES (:interview, :contact, :position, :concern)")
                        .bind("interview", interview)
                        .bind("contact", id(contactIds, concerns.get(position).interviewer()))
                        .bind("position", position)
                        .bind("concern", concerns.get(position).concern())
                        .execute();
            }
        }

        // Logged by the candidate as it happened: created_at is the moment sent, not the moment of loading.
        private void writeTouch(long interview, DemoTouch touch, long author) {
            handle.createUpdate(
                            """
                            INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, subject,
                                                 text, created_by, created_at)
                            VALUES (:interview, :kind, :channel, :recipient, :address, :sentAt, :subject, :text,
                                    :author, :sentAt)
                            """)
                    .bind("interview", interview)
                    .bind("kind", touch.kind().name())
                    .bind("channel", touch.channel().name())
                    .bind("recipient", id(contactIds, touch.recipient()))
                    .bind("address", touch.address())
                    .bind("sentAt", touch.sentAt())
                    .bind("subject", touch.subject().orElse(null))
                    .bind("text", touch.text().orElse(null))
                    .bind("author", author)
                    .execute();
        }

        private void writeReply(long interview, DemoReply reply, long author) {
            handle.createUpdate(
                            """
                            INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,
                                                 created_by, created_at)
                            VALUES (:interview, :from, :receivedAt, :kind, :newDate, :author, :receivedAt)
                            """)
                    .bind("interview", interview)
                    .bind("from", id(contactIds, reply.from()))
                    .bind("receivedAt", reply.receivedAt())
                    .bind("kind", reply.kind().name())
                    .bind("newDate", reply.newDecisionDate().orElse(null))
                    .bind("author", author)
                    .execute();
        }

        private static long id(Map<String, Long> ids, String key) {
            Long id = ids.get(key);
            if (id == null) {
                throw new IllegalStateException("the demo refers to " + key + ", which it does not define");
            }
            return id;
        }
    }

    /** A spacing as a PostgreSQL interval of days: the demo's spacings are whole days. */
    private static PGInterval interval(Optional<Duration> duration) {
        return duration.map(value -> new PGInterval(0, 0, (int) value.toDays(), 0, 0, 0))
                .orElse(null);
    }
}
