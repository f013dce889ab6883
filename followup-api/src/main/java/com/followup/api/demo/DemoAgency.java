package com.followup.api.demo;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.core.model.Channel;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.ContactRole;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.Outcome;
import com.followup.core.model.OutcomeKind;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.Timeline;
import com.followup.core.model.TouchKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small, made-up recruiting agency for trying Followup out: one admin, three recruiters, ten candidates in several
 * time zones, five client companies and twenty interviews. Every moment is relative to {@link #loadedAt}, so whenever
 * the demo is loaded its plans show every step state and the usual breaches (the "shows" text of each interview says
 * which). {@link DemoData} writes it to the database.
 *
 * <p>The passwords are fixed and published (README, the demo command's output): demo use only.
 *
 * @param loadedAt the instant the demo is built for; nothing in it happens later, except the interview still to come
 */
public record DemoAgency(
        Instant loadedAt,
        List<Login> staff,
        List<DemoCandidate> candidates,
        List<DemoCompany> companies,
        List<DemoInterview> interviews) {
    public static final String ADMIN_PASSWORD = "demo-admin-2026";
    public static final String RECRUITER_PASSWORD = "demo-recruiter-2026";
    public static final String CANDIDATE_PASSWORD = "demo-candidate-2026";

    public DemoAgency {
        requireNonNull(loadedAt, "loadedAt is null");
        staff = List.copyOf(requireNonNull(staff, "staff is null"));
        candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
        companies = List.copyOf(requireNonNull(companies, "companies is null"));
        interviews = List.copyOf(requireNonNull(interviews, "interviews is null"));
    }

    /** Someone who can log in. */
    public record Login(String email, String password, Role role, String name, String about) {
        public Login {
            requireNonNull(email, "email is null");
            requireNonNull(password, "password is null");
            requireNonNull(role, "role is null");
            requireNonNull(name, "name is null");
            requireNonNull(about, "about is null");
        }
    }

    /** A candidate, who logs in with their own e-mail and is assigned to one recruiter. */
    public record DemoCandidate(String name, String email, ZoneId zone, String recruiterEmail, String about) {
        public DemoCandidate {
            requireNonNull(name, "name is null");
            requireNonNull(email, "email is null");
            requireNonNull(zone, "zone is null");
            requireNonNull(recruiterEmail, "recruiterEmail is null");
            requireNonNull(about, "about is null");
        }

        public Login login() {
            return new Login(email, CANDIDATE_PASSWORD, Role.CANDIDATE, name, zone + "; " + about);
        }
    }

    /** A client company, what it asked for in place of the agency's defaults, and its people. */
    public record DemoCompany(String name, CompanyOverrides overrides, List<DemoContact> contacts) {
        public DemoCompany {
            requireNonNull(name, "name is null");
            requireNonNull(overrides, "overrides is null");
            contacts = List.copyOf(requireNonNull(contacts, "contacts is null"));
        }

        public DemoContact contact(String key) {
            return contacts.stream()
                    .filter(contact -> contact.key().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(key + " does not work for " + name));
        }
    }

    /**
     * A person at a client company.
     *
     * @param key how the interviews below refer to the contact; unique in the demo
     */
    public record DemoContact(
            String key,
            String name,
            String title,
            ContactRole role,
            Optional<String> businessEmail,
            Optional<String> businessPhone,
            Optional<String> linkedInUrl) {
        public DemoContact {
            requireNonNull(key, "key is null");
            requireNonNull(name, "name is null");
            requireNonNull(title, "title is null");
            requireNonNull(role, "role is null");
            requireNonNull(businessEmail, "businessEmail is null");
            requireNonNull(businessPhone, "businessPhone is null");
            requireNonNull(linkedInUrl, "linkedInUrl is null");
        }
    }

    /**
     * One interview and everything that followed it.
     *
     * @param shows what this interview demonstrates, for a reader of this class
     * @param interviewers contact keys, in the order they were met
     */
    public record DemoInterview(
            String shows,
            String candidateEmail,
            String companyName,
            String role,
            Instant start,
            Instant end,
            InterviewFormat format,
            int round,
            List<String> interviewers,
            Optional<DemoDebrief> debrief,
            Optional<Timeline> timeline,
            List<DemoTouch> touches,
            List<DemoReply> replies,
            Optional<Outcome> outcome) {
        public DemoInterview {
            requireNonNull(shows, "shows is null");
            requireNonNull(candidateEmail, "candidateEmail is null");
            requireNonNull(companyName, "companyName is null");
            requireNonNull(role, "role is null");
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
            requireNonNull(format, "format is null");
            interviewers = List.copyOf(requireNonNull(interviewers, "interviewers is null"));
            requireNonNull(debrief, "debrief is null");
            requireNonNull(timeline, "timeline is null");
            touches = List.copyOf(requireNonNull(touches, "touches is null"));
            replies = List.copyOf(requireNonNull(replies, "replies is null"));
            requireNonNull(outcome, "outcome is null");
        }
    }

    public record DemoDebrief(
            String notes, List<DemoConcern> concerns, List<String> unaskedQuestions, Instant writtenAt) {
        public DemoDebrief {
            requireNonNull(notes, "notes is null");
            concerns = List.copyOf(requireNonNull(concerns, "concerns is null"));
            unaskedQuestions = List.copyOf(requireNonNull(unaskedQuestions, "unaskedQuestions is null"));
            requireNonNull(writtenAt, "writtenAt is null");
        }
    }

    /** A concern an interviewer (by contact key) raised. */
    public record DemoConcern(String interviewer, String concern) {
        public DemoConcern {
            requireNonNull(interviewer, "interviewer is null");
            requireNonNull(concern, "concern is null");
        }
    }

    /** Something the candidate sent; {@code recipient} is a contact key, {@code address} what was actually used. */
    public record DemoTouch(
            TouchKind kind,
            Channel channel,
            String recipient,
            String address,
            Instant sentAt,
            Optional<String> subject,
            Optional<String> text) {
        public DemoTouch {
            requireNonNull(kind, "kind is null");
            requireNonNull(channel, "channel is null");
            requireNonNull(recipient, "recipient is null");
            requireNonNull(address, "address is null");
            requireNonNull(sentAt, "sentAt is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(text, "text is null");
        }
    }

    /** Something the company sent back; {@code from} is a contact key. */
    public record DemoReply(String from, Instant receivedAt, ReplyKind kind, Optional<LocalDate> newDecisionDate) {
        public DemoReply {
            requireNonNull(from, "from is null");
            requireNonNull(receivedAt, "receivedAt is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(newDecisionDate, "newDecisionDate is null");
        }
    }

    /** Every login: the staff first, then the candidates. */
    public List<Login> logins() {
        List<Login> logins = new ArrayList<>(staff);
        candidates.forEach(candidate -> logins.add(candidate.login()));
        return List.copyOf(logins);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The agency's people

    private static final String ADMIN_EMAIL = "alex.morgan@agency.example";
    private static final String PRIYA = "priya.raman@agency.example";
    private static final String MARCUS = "marcus.bell@agency.example";
    private static final String LENA = "lena.fischer@agency.example";

    private static final DemoCandidate AMELIA = new DemoCandidate(
            "Amelia Hart",
            "amelia.hart@example.net",
            ZoneId.of("Europe/London"),
            PRIYA,
            "backend engineer: an offer from Harbor & Pine, a Northwind interview that just ended");
    private static final DemoCandidate JONAS = new DemoCandidate(
            "Jonas Becker",
            "jonas.becker@example.net",
            ZoneId.of("Europe/Berlin"),
            PRIYA,
            "data engineer: a thank-you due within hours, status checks closer than Bluefield's 7 days");
    private static final DemoCandidate DANIEL = new DemoCandidate(
            "Daniel Okoro",
            "daniel.okoro@example.net",
            ZoneId.of("America/New_York"),
            MARCUS,
            "analyst: a debrief overdue, a thank-you sent to a personal address");
    private static final DemoCandidate SOFIA = new DemoCandidate(
            "Sofia Marin",
            "sofia.marin@example.net",
            ZoneId.of("Europe/Madrid"),
            MARCUS,
            "QA and logistics: an interviewer never thanked, a rejection yesterday");
    private static final DemoCandidate ETHAN = new DemoCandidate(
            "Ethan Brooks",
            "ethan.brooks@example.net",
            ZoneId.of("America/New_York"),
            LENA,
            "site reliability engineer: one note in the ideal window, one late; waiting for Northwind's date");
    private static final DemoCandidate CHLOE = new DemoCandidate(
            "Chloe Durand",
            "chloe.durand@example.net",
            ZoneId.of("Europe/Paris"),
            LENA,
            "analytics engineer: asked before the company's date, phoned first");
    private static final DemoCandidate OLIVER = new DemoCandidate(
            "Oliver Grant",
            "oliver.grant@example.net",
            ZoneId.of("Europe/London"),
            PRIYA,
            "platform engineer: a third unanswered status check, an interview coming up");
    private static final DemoCandidate HANNAH = new DemoCandidate(
            "Hannah Vogel",
            "hannah.vogel@example.net",
            ZoneId.of("Europe/Berlin"),
            MARCUS,
            "frontend and UX research: two threads that ended without an answer");
    private static final DemoCandidate RAVI = new DemoCandidate(
            "Ravi Menon",
            "ravi.menon@example.net",
            ZoneId.of("Europe/Dublin"),
            LENA,
            "supply chain and management: a reply restarted his thread; thanked after a rejection");
    private static final DemoCandidate GRACE = new DemoCandidate(
            "Grace Liu",
            "grace.liu@example.net",
            ZoneId.of("America/Los_Angeles"),
            PRIYA,
            "product manager: sent a gift; a follow-up by the book at Quillon");

    private static final List<DemoCandidate> CANDIDATES =
            List.of(AMELIA, JONAS, DANIEL, SOFIA, ETHAN, CHLOE, OLIVER, HANNAH, RAVI, GRACE);

    // ---------------------------------------------------------------------------------------------------------------
    // The client companies

    private static final DemoCompany NORTHWIND = new DemoCompany(
            "Northwind Example",
            CompanyOverrides.NONE,
            List.of(
                    contact(
                            "whitfield",
                            "Sarah Whitfield",
                            "Engineering Manager",
                            ContactRole.HIRING_MANAGER,
                            "s.whitfield@northwind.example",
                            "+44 20 7946 0101",
                            "https://www.linkedin.com/in/sarah-whitfield-example"),
                    contact(
                            "reyes",
                            "Tom Reyes",
                            "Senior Software Engineer",
                            ContactRole.INTERVIEWER,
                            "t.reyes@northwind.example",
                            null,
                            null),
                    contact(
                            "kowalski",
                            "Nadia Kowalski",
                            "Talent Partner",
                            ContactRole.RECRUITER,
                            "n.kowalski@northwind.example",
                            "+44 20 7946 0102",
                            null)));

    /** R7 override: Bluefield asked for a week between follow-ups instead of two. */
    private static final DemoCompany BLUEFIELD = new DemoCompany(
            "Bluefield Analytics",
            CompanyOverrides.NONE.withSpacing(Duration.ofDays(7)),
            List.of(
                    contact(
                            "hahn",
                            "Markus Hahn",
                            "Head of Data",
                            ContactRole.HIRING_MANAGER,
                            "m.hahn@bluefield.example",
                            "+49 30 5550 1200",
                            null),
                    contact(
                            "brandt",
                            "Leonie Brandt",
                            "Senior Data Scientist",
                            ContactRole.INTERVIEWER,
                            "l.brandt@bluefield.example",
                            null,
                            "https://www.linkedin.com/in/leonie-brandt-example")));

    /** R8 override: Harbor & Pine wants at most one unanswered status check. */
    private static final DemoCompany HARBOR_AND_PINE = new DemoCompany(
            "Harbor & Pine Logistics",
            CompanyOverrides.NONE.withStatusCheckLimit(1),
            List.of(
                    contact(
                            "osei",
                            "Michael Osei",
                            "Director of Operations",
                            ContactRole.HIRING_MANAGER,
                            "m.osei@harborpine.example",
                            "+1 212 555 0147",
                            null),
                    contact(
                            "walsh",
                            "Karen Walsh",
                            "People Partner",
                            ContactRole.RECRUITER,
                            "k.walsh@harborpine.example",
                            null,
                            null)));

    /** R18: Quillon is known never to answer follow-ups. */
    private static final DemoCompany QUILLON = new DemoCompany(
            "Quillon Systems",
            CompanyOverrides.NONE.withDoesNotReply(true),
            List.of(
                    contact(
                            "lindqvist",
                            "Greg Lindqvist",
                            "VP Product",
                            ContactRole.HIRING_MANAGER,
                            "g.lindqvist@quillon.example",
                            null,
                            null),
                    contact(
                            "rahman",
                            "Aisha Rahman",
                            "Lead Product Designer",
                            ContactRole.INTERVIEWER,
                            "a.rahman@quillon.example",
                            null,
                            "https://www.linkedin.com/in/aisha-rahman-example")));

    /** R12 advice: Helen Carter gave a free-mail address as her business one. */
    private static final DemoCompany MARLOWE = new DemoCompany(
            "Marlowe Health",
            CompanyOverrides.NONE,
            List.of(
                    contact(
                            "carter",
                            "Helen Carter",
                            "Clinical Product Lead",
                            ContactRole.HIRING_MANAGER,
                            // The one real provider in the demo, on purpose: it shows the free-mail advice (R12),
                            // which knows only real providers. Followup mails users, never contacts.
                            "helen.carter.marlowe@gmail.com",
                            null,
                            null),
                    contact(
                            "adeyemi",
                            "Ben Adeyemi",
                            "Platform Engineer",
                            ContactRole.INTERVIEWER,
                            "b.adeyemi@marlowe.example",
                            "+1 312 555 0190",
                            null)));

    private static final List<DemoCompany> COMPANIES = List.of(NORTHWIND, BLUEFIELD, HARBOR_AND_PINE, QUILLON, MARLOWE);

    private static DemoContact contact(
            String key, String name, String title, ContactRole role, String email, String phone, String linkedIn) {
        return new DemoContact(
                key,
                name,
                title,
                role,
                Optional.ofNullable(email),
                Optional.ofNullable(phone),
                Optional.ofNullable(linkedIn));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The interviews

    /** The demo agency as it stands at {@code loadedAt}. */
    public static DemoAgency at(Instant loadedAt) {
        requireNonNull(loadedAt, "loadedAt is null");
        List<DemoInterview> interviews = new ArrayList<>();
        Schedule schedule = new Schedule(loadedAt, interviews);

        schedule.interview(AMELIA, NORTHWIND, "Backend Engineer")
                .shows("just over: the debrief and both thank-you notes are open; the decision date is recorded")
                .endedHoursAgo(3, Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("whitfield", "reyes")
                .decisionDateDaysAfterEnd(10)
                .add();

        schedule.interview(JONAS, BLUEFIELD, "Data Engineer")
                .shows("the note to Leonie Brandt is due within hours (1 of 2 interviewers thanked)")
                .endedHoursAgo(40, Duration.ofMinutes(45), InterviewFormat.VIDEO)
                .interviewers("hahn", "brandt")
                .debrief(
                        Duration.ofHours(5),
                        "Mostly pipeline design. Markus walked me through their nightly batch and asked where I would"
                                + " start moving it to streaming. Leonie went deep on data quality checks.")
                .concern("brandt", "Not sure I have run Spark at the volume they process every night.")
                .unasked("How is on-call shared across the data team?")
                .decisionDateDaysAfterEnd(7)
                .thankYou(
                        "hahn",
                        Duration.ofHours(19),
                        "Thank you for our conversation",
                        "Dear Markus, thank you for taking the time to talk me through the batch pipeline. Moving"
                                + " it to streaming step by step is exactly the kind of work I enjoy, and I would be"
                                + " glad to help with it. Best regards, Jonas")
                .add();

        schedule.interview(DANIEL, HARBOR_AND_PINE, "Operations Analyst")
                .shows("no debrief a day after the interview: overdue (R20); nothing recorded about next steps (R5)")
                .endedHoursAgo(30, Duration.ofMinutes(90), InterviewFormat.ON_SITE)
                .interviewers("osei")
                .thankYou(
                        "osei",
                        Duration.ofHours(3),
                        "Thank you for the interview",
                        "Dear Michael, thank you for showing me the warehouse floor and the planning board. The way"
                                + " your team handles late trucks stayed with me, and I would like to be part of it."
                                + " Kind regards, Daniel")
                .add();

        schedule.interview(SOFIA, NORTHWIND, "QA Engineer")
                .shows("Tom Reyes was never thanked: missed (R3); the note to Sarah Whitfield went out early (R2)")
                .endedDaysAgoAt(6, LocalTime.of(15, 0), Duration.ofMinutes(60), InterviewFormat.ON_SITE)
                .interviewers("whitfield", "reyes")
                .debrief(
                        Duration.ofHours(2),
                        "Two interviewers. Sarah on how testing fits in their release train, Tom on flaky test"
                                + " suites. They plan to decide within two weeks.")
                .decisionDateDaysAfterEnd(12)
                .thankYou(
                        "whitfield",
                        Duration.ofMinutes(40),
                        "Thank you",
                        "Dear Sarah, many thanks for meeting me today. I enjoyed hearing how testing fits into"
                                + " your release train and I remain very interested in the role. Best, Sofia")
                .add();

        schedule.interview(ETHAN, MARLOWE, "Site Reliability Engineer")
                .shows("one note in the ideal window, one late (R1); Helen Carter is recorded with a free-mail"
                        + " address (R12 advice)")
                .endedDaysAgoAt(9, LocalTime.of(11, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("carter", "adeyemi")
                .debrief(
                        Duration.ofHours(3),
                        "Helen framed the role around patient-facing uptime. Ben asked about incident reviews and"
                                + " alerting.")
                .concern("adeyemi", "Asked how I would cut alert noise without missing real incidents.")
                .decisionDateDaysAfterEnd(14)
                .thankYou(
                        "carter",
                        Duration.ofHours(4),
                        "Thank you for today's interview",
                        "Dear Helen, thank you for explaining why uptime matters so much to the clinics you serve."
                                + " It made the role concrete for me, and I am keen to contribute. Regards, Ethan")
                .thankYou(
                        "adeyemi",
                        Duration.ofHours(56),
                        "Following up on alert noise",
                        "Hi Ben, thanks again for the conversation. On your question about alert noise: I would start"
                                + " by tying every page to a user-facing symptom and retire the rest over a few"
                                + " weeks. Best, Ethan")
                .add();

        schedule.interview(CHLOE, BLUEFIELD, "Analytics Engineer")
                .shows("a status check before the company's date had passed (R6)")
                .endedDaysAgoAt(8, LocalTime.of(10, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("hahn")
                .debrief(
                        Duration.ofHours(4),
                        "Good talk about dbt models and the metrics layer. Markus said they decide in ten days.")
                .decisionDateDaysAfterEnd(10)
                .thankYou(
                        "hahn",
                        Duration.ofHours(5),
                        "Thank you, Markus",
                        "Dear Markus, thank you for the conversation about your metrics layer. I would love to help"
                                + " make those numbers trusted across the company. Kind regards, Chloe")
                .statusCheck(
                        "hahn",
                        schedule.dayAfterEnd(5, LocalTime.of(9, 30)),
                        "Any news on the Analytics Engineer role?",
                        "Dear Markus, I wanted to ask whether there is any news on the role. Best, Chloe")
                .add();

        schedule.interview(OLIVER, NORTHWIND, "Platform Engineer")
                .shows("a third unanswered status check (R8), sent after the thread had closed as no response")
                .endedDaysAgoAt(52, LocalTime.of(14, 0), Duration.ofMinutes(120), InterviewFormat.ON_SITE)
                .interviewers("whitfield", "reyes")
                .debrief(
                        Duration.ofHours(1),
                        "Long on-site: system design with Sarah, pairing with Tom on a deployment script. No date"
                                + " given for the decision.")
                .noDateGiven()
                .thankYou(
                        "whitfield",
                        Duration.ofHours(4),
                        "Thank you for the on-site",
                        "Dear Sarah, thank you for the system design session. Sketching the rollout plan together"
                                + " was the best part of my day. I hope to continue the conversation. Oliver")
                .thankYou(
                        "reyes",
                        Duration.ofMinutes(255),
                        "Thanks for the pairing session",
                        "Hi Tom, thanks for pairing with me on the deployment script; the trick with the dry-run flag"
                                + " was new to me. I would enjoy working with you. Oliver")
                .statusCheck(
                        "kowalski",
                        schedule.dayAfterEnd(16, LocalTime.of(10, 0)),
                        "Platform Engineer: next steps?",
                        "Dear Nadia, I am still very interested in the role and wondered where the process stands."
                                + " Best regards, Oliver")
                .statusCheck(
                        "kowalski",
                        schedule.dayAfterEnd(31, LocalTime.of(10, 0)),
                        "Platform Engineer: checking in",
                        "Dear Nadia, a short note to check in on the Platform Engineer role. Best regards, Oliver")
                .statusCheck(
                        "kowalski",
                        schedule.dayAfterEnd(47, LocalTime.of(10, 0)),
                        "Platform Engineer",
                        "Dear Nadia, I am writing once more about the role. Oliver")
                .add();

        schedule.interview(HANNAH, NORTHWIND, "Frontend Engineer")
                .shows("ghosted: two status checks (the second by phone), no answer, the thread closed as no response")
                .endedDaysAgoAt(45, LocalTime.of(10, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("reyes")
                .debrief(
                        Duration.ofHours(6),
                        "Tom asked about accessibility audits and component libraries. Decision promised within a"
                                + " week.")
                .decisionDateDaysAfterEnd(7)
                .thankYou(
                        "reyes",
                        Duration.ofHours(5),
                        "Thank you for the interview",
                        "Hi Tom, thank you for the chat about accessibility audits. Your component library sounds"
                                + " like a great place to raise the bar, and I would be glad to join. Hannah")
                .statusCheck(
                        "reyes",
                        schedule.dayAfterEnd(12, LocalTime.of(10, 0)),
                        "Frontend Engineer: any update?",
                        "Hi Tom, the week you mentioned has passed, so I wanted to ask whether a decision has been"
                                + " made. Best, Hannah")
                .statusCheckByPhone("whitfield", schedule.dayAfterEnd(27, LocalTime.of(11, 0)))
                .add();

        schedule.interview(RAVI, HARBOR_AND_PINE, "Supply Chain Planner")
                .shows("a reply with a new date restarted the thread, which Harbor & Pine's limit of 1 had nearly"
                        + " closed")
                .endedDaysAgoAt(35, LocalTime.of(16, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("osei")
                .debrief(
                        Duration.ofHours(2),
                        "Michael focused on forecasting for peak season. He did not say when they would decide.")
                .noDateGiven()
                .thankYou(
                        "osei",
                        Duration.ofHours(6),
                        "Thank you for the interview",
                        "Dear Michael, thank you for the conversation about peak season forecasting. I would be"
                                + " glad to bring my demand planning experience to your team. Kind regards, Ravi")
                .statusCheck(
                        "walsh",
                        schedule.dayAfterEnd(15, LocalTime.of(9, 45)),
                        "Supply Chain Planner application",
                        "Dear Karen, I wanted to ask where my application for the planner role stands. Best, Ravi")
                .replyWithNewDate("walsh", schedule.dayAfterEnd(17, LocalTime.of(14, 0)), 34)
                .add();

        schedule.interview(GRACE, MARLOWE, "Product Manager")
                .shows("a gift (R13); the debrief was written a day late (R20)")
                .endedDaysAgoAt(12, LocalTime.of(13, 0), Duration.ofMinutes(60), InterviewFormat.ON_SITE)
                .interviewers("adeyemi")
                .debrief(
                        Duration.ofHours(30),
                        "Ben asked how I prioritise when clinicians and engineers want different things.")
                .concern("adeyemi", "Unsure I have shipped for regulated customers before.")
                .decisionDateDaysAfterEnd(9)
                .thankYou(
                        "adeyemi",
                        Duration.ofHours(4),
                        "Thank you for your time",
                        "Dear Ben, thank you for our conversation today. You asked about regulated customers: my last"
                                + " product went through a security review for two banks, and I enjoyed that rigour."
                                + " Best, Grace")
                .gift(
                        "adeyemi",
                        schedule.dayAfterEnd(2, LocalTime.of(11, 0)),
                        "Marlowe Health front desk",
                        "A box of specialty coffee with a card")
                .add();

        schedule.interview(DANIEL, BLUEFIELD, "Data Analyst")
                .shows("a thank-you sent to a personal address found online (R12)")
                .endedDaysAgoAt(5, LocalTime.of(15, 0), Duration.ofMinutes(45), InterviewFormat.VIDEO)
                .interviewers("hahn", "brandt")
                .debrief(
                        Duration.ofHours(20),
                        "Case study on churn. Leonie liked the cohort chart, Markus pushed on how I would explain it"
                                + " to sales.")
                .decisionDateDaysAfterEnd(10)
                .thankYou(
                        "hahn",
                        Duration.ofHours(3),
                        "Thank you for the case study discussion",
                        "Dear Markus, thank you for the discussion of the churn case. Your point about explaining it"
                                + " to sales was fair; next time I would lead with one chart. Regards, Daniel")
                .thankYouAt(
                        "brandt",
                        "leonie.brandt.home@example.net",
                        Duration.ofMinutes(190),
                        "Thanks from Daniel",
                        "Hi Leonie, thanks for the conversation about cohorts today. I would be glad to keep digging"
                                + " into churn with your team. Daniel")
                .add();

        schedule.interview(AMELIA, HARBOR_AND_PINE, "Operations Engineer")
                .shows("an offer: the status checks still ahead are no longer needed")
                .round(2)
                .endedDaysAgoAt(20, LocalTime.of(10, 30), Duration.ofMinutes(90), InterviewFormat.ON_SITE)
                .interviewers("osei")
                .debrief(
                        Duration.ofHours(3),
                        "Second round with Michael: a walk through their routing service and a talk about the"
                                + " team's roadmap. Decision within a week.")
                .decisionDateDaysAfterEnd(6)
                .thankYou(
                        "osei",
                        Duration.ofHours(5),
                        "Thank you for the second interview",
                        "Dear Michael, thank you for the tour of the routing service and the roadmap. I left even more"
                                + " certain that I want to work on it. Best regards, Amelia")
                .reply("osei", schedule.dayAfterEnd(6, LocalTime.of(16, 0)), ReplyKind.DECISION)
                .outcome(OutcomeKind.OFFER, schedule.dayAfterEnd(6, LocalTime.of(16, 0)))
                .add();

        schedule.interview(SOFIA, HARBOR_AND_PINE, "Logistics Coordinator")
                .shows("a rejection yesterday: the optional thank-you after it (R19) is open")
                .endedDaysAgoAt(10, LocalTime.of(9, 30), Duration.ofMinutes(60), InterviewFormat.ON_SITE)
                .interviewers("osei")
                .debrief(
                        Duration.ofHours(4),
                        "Michael asked about carrier negotiations. I struggled with the question on customs"
                                + " paperwork.")
                .decisionDateDaysAfterEnd(8)
                .thankYou(
                        "osei",
                        Duration.ofHours(3),
                        "Thank you for meeting me",
                        "Dear Michael, thank you for the interview this morning. Talking about carrier negotiations"
                                + " confirmed how much I would like this job. Kind regards, Sofia")
                .reply("walsh", schedule.hoursAgo(20), ReplyKind.DECISION)
                .outcome(OutcomeKind.REJECTION, schedule.hoursAgo(20))
                .add();

        schedule.interview(RAVI, NORTHWIND, "Engineering Manager")
                .shows("a rejection answered with a short thank-you (R19 done)")
                .endedDaysAgoAt(25, LocalTime.of(15, 30), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("whitfield")
                .debrief(Duration.ofHours(2), "Sarah asked how I grow senior engineers and handle a missed deadline.")
                .decisionDateDaysAfterEnd(10)
                .thankYou(
                        "whitfield",
                        Duration.ofHours(18),
                        "Thank you for yesterday",
                        "Dear Sarah, thank you for the conversation about growing senior engineers. Your idea of"
                                + " rotating tech leads is one I would like to try. Best regards, Ravi")
                .reply("kowalski", schedule.dayAfterEnd(9, LocalTime.of(11, 0)), ReplyKind.DECISION)
                .outcome(OutcomeKind.REJECTION, schedule.dayAfterEnd(9, LocalTime.of(11, 0)))
                .thanksAfterRejection(
                        "whitfield",
                        schedule.dayAfterEnd(9, LocalTime.of(17, 0)),
                        "Thank you",
                        "Dear Sarah, thank you for letting me know, and for a fair process. I would be glad to hear"
                                + " from you if a similar role opens. Best wishes, Ravi")
                .add();

        schedule.interview(HANNAH, QUILLON, "UX Researcher")
                .shows("Quillon never answers (R18): two checks, then the thread closed as no reply expected")
                .endedDaysAgoAt(47, LocalTime.of(15, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("lindqvist", "rahman")
                .debrief(
                        Duration.ofHours(3),
                        "Greg talked strategy, Aisha asked for a research plan for their onboarding flow.")
                .unasked("Who owns research findings once a study is done?")
                .noDateGiven()
                .thankYou(
                        "lindqvist",
                        Duration.ofHours(17),
                        "Thank you for the interview",
                        "Dear Greg, thank you for sharing where Quillon's product is heading. Research that feeds"
                                + " that direction is what I want to do next. Regards, Hannah")
                .thankYou(
                        "rahman",
                        Duration.ofMinutes(1030),
                        "Thanks for the onboarding exercise",
                        "Hi Aisha, thanks for the onboarding exercise; I kept thinking about the drop-off at step"
                                + " three afterwards. I would love to study it properly. Hannah")
                .statusCheck(
                        "lindqvist",
                        schedule.dayAfterEnd(16, LocalTime.of(10, 0)),
                        "UX Researcher role",
                        "Dear Greg, I wanted to ask whether there is news about the researcher role. Best, Hannah")
                .statusCheck(
                        "lindqvist",
                        schedule.dayAfterEnd(31, LocalTime.of(10, 0)),
                        "UX Researcher role: checking in",
                        "Dear Greg, checking in once more on the researcher role. Best, Hannah")
                .add();

        schedule.interview(GRACE, QUILLON, "Senior Product Manager")
                .shows("by the book: both notes in the ideal window, a LinkedIn connection (allowed), waiting for"
                        + " the date")
                .endedDaysAgoAt(3, LocalTime.of(9, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("lindqvist", "rahman")
                .debrief(
                        Duration.ofHours(2),
                        "Greg wants someone to own pricing experiments. Aisha asked how I work with designers early."
                                + " Decision in about a week, by e-mail.")
                .concern("lindqvist", "Wondered whether I have run pricing experiments myself.")
                .decisionDateDaysAfterEnd(9)
                .preferredChannel(Channel.EMAIL)
                .thankYou(
                        "lindqvist",
                        Duration.ofHours(3),
                        "Thank you for this morning",
                        "Dear Greg, thank you for the conversation about pricing. You asked whether I have run such"
                                + " experiments: I ran two at my last company, one of which we rolled back, and I"
                                + " learned most from that one. Best, Grace")
                .thankYou(
                        "rahman",
                        Duration.ofMinutes(200),
                        "Thank you, Aisha",
                        "Hi Aisha, thank you for asking about working with designers early; it is how I like to"
                                + " start every project. I hope we get to do that together. Grace")
                .linkedInConnection("rahman", Duration.ofHours(26))
                .add();

        schedule.interview(OLIVER, BLUEFIELD, "Senior Data Engineer")
                .shows("still to come: nothing to do yet")
                .startsInDaysAt(2, LocalTime.of(10, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("hahn", "brandt")
                .add();

        schedule.interview(JONAS, BLUEFIELD, "Analytics Lead")
                .shows("the second status check came 3 days after the first, though Bluefield asked for 7 (R7)")
                .endedDaysAgoAt(30, LocalTime.of(11, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("hahn")
                .debrief(Duration.ofHours(2), "Markus asked how I would set up a small analytics team from scratch.")
                .noDateGiven()
                .thankYou(
                        "hahn",
                        Duration.ofHours(4),
                        "Thank you for the conversation",
                        "Dear Markus, thank you for discussing how the analytics team could grow. Starting with two"
                                + " people and a shared metrics glossary sounds right to me. Best regards, Jonas")
                .statusCheck(
                        "hahn",
                        schedule.dayAfterEnd(8, LocalTime.of(10, 0)),
                        "Analytics Lead: where do things stand?",
                        "Dear Markus, I wanted to ask where the process for the lead role stands. Best, Jonas")
                .statusCheck(
                        "hahn",
                        schedule.dayAfterEnd(11, LocalTime.of(10, 0)),
                        "Analytics Lead: following up",
                        "Dear Markus, following up on my last message about the lead role. Best, Jonas")
                .add();

        schedule.interview(CHLOE, MARLOWE, "Health Data Analyst")
                .shows("no next steps recorded (R5); the first status check was a phone call (R10)")
                .endedDaysAgoAt(18, LocalTime.of(14, 0), Duration.ofMinutes(60), InterviewFormat.VIDEO)
                .interviewers("adeyemi")
                .debrief(Duration.ofHours(5), "Ben asked about SQL performance and dashboards for clinic managers.")
                .thankYou(
                        "adeyemi",
                        Duration.ofHours(5),
                        "Thank you, Ben",
                        "Dear Ben, thank you for the conversation about dashboards for clinic managers. Making them"
                                + " fast and simple is work I would enjoy. Kind regards, Chloe")
                .statusCheckByPhone("adeyemi", schedule.dayAfterEnd(15, LocalTime.of(15, 0)))
                .add();

        schedule.interview(ETHAN, NORTHWIND, "Staff Engineer")
                .shows("status checks wait for the company's date and its 10-day spacing; notes sent on time")
                .endedDaysAgoAt(4, LocalTime.of(13, 0), Duration.ofMinutes(90), InterviewFormat.ON_SITE)
                .interviewers("whitfield", "reyes")
                .debrief(
                        Duration.ofHours(2),
                        "Architecture review with Sarah and Tom. They decide a week from now and asked for ten days"
                                + " between any follow-ups.")
                .decisionDateDaysAfterEnd(7)
                .preferredSpacing(Duration.ofDays(10))
                .thankYou(
                        "whitfield",
                        Duration.ofHours(4),
                        "Thank you for the architecture review",
                        "Dear Sarah, thank you for the architecture review today. Your plan to split the billing"
                                + " service is ambitious, and I would like to help make it happen. Best, Ethan")
                .thankYou(
                        "reyes",
                        Duration.ofHours(5),
                        "Thanks, Tom",
                        "Hi Tom, thanks for the questions on caching; I looked up the invalidation approach we"
                                + " discussed and it holds up. Looking forward to hearing from you. Ethan")
                .add();

        List<Login> staff = List.of(
                new Login(
                        ADMIN_EMAIL,
                        ADMIN_PASSWORD,
                        Role.ADMIN,
                        "Alex Morgan",
                        "runs Followup for the agency: users, policy, every candidate"),
                recruiter(PRIYA, "Priya Raman"),
                recruiter(MARCUS, "Marcus Bell"),
                recruiter(LENA, "Lena Fischer"));
        return new DemoAgency(loadedAt, staff, CANDIDATES, COMPANIES, interviews);
    }

    private static Login recruiter(String email, String name) {
        String assigned = CANDIDATES.stream()
                .filter(candidate -> candidate.recruiterEmail().equals(email))
                .map(DemoCandidate::name)
                .collect(Collectors.joining(", "));
        return new Login(email, RECRUITER_PASSWORD, Role.RECRUITER, name, "recruiter of " + assigned);
    }

    /** The interviews being defined, and the moments relative to the load instant they are placed at. */
    private static final class Schedule {
        private final Instant loadedAt;
        private final List<DemoInterview> interviews;
        private InterviewBuilder current;

        Schedule(Instant loadedAt, List<DemoInterview> interviews) {
            this.loadedAt = loadedAt;
            this.interviews = interviews;
        }

        InterviewBuilder interview(DemoCandidate candidate, DemoCompany company, String role) {
            current = new InterviewBuilder(this, candidate, company, role);
            return current;
        }

        /**
         * Exactly {@code hours} before the load instant, rounded down to a quarter hour: used where a step's state
         * depends on the hour (due soon, overdue), so it holds whatever the time of day of the load.
         */
        Instant hoursAgo(int hours) {
            long seconds = loadedAt.minus(Duration.ofHours(hours)).getEpochSecond();
            return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, 15 * 60));
        }

        /** A local time {@code days} after the current interview's end day, in its candidate's zone. */
        Instant dayAfterEnd(int days, LocalTime time) {
            return current.endDay()
                    .plusDays(days)
                    .atTime(time)
                    .atZone(current.zone())
                    .toInstant();
        }
    }

    /** One interview being defined; the moments of what followed are relative to its end. */
    private static final class InterviewBuilder {
        private final Schedule schedule;
        private final DemoCandidate candidate;
        private final DemoCompany company;
        private final String role;
        private String shows = "";
        private Instant start;
        private Instant end;
        private InterviewFormat format;
        private int round = 1;
        private final List<String> interviewers = new ArrayList<>();
        private String debriefNotes;
        private Instant debriefWrittenAt;
        private final List<DemoConcern> concerns = new ArrayList<>();
        private final List<String> unasked = new ArrayList<>();
        private Optional<Timeline> timeline = Optional.empty();
        private final List<DemoTouch> touches = new ArrayList<>();
        private final List<DemoReply> replies = new ArrayList<>();
        private Optional<Outcome> outcome = Optional.empty();

        InterviewBuilder(Schedule schedule, DemoCandidate candidate, DemoCompany company, String role) {
            this.schedule = schedule;
            this.candidate = candidate;
            this.company = company;
            this.role = role;
        }

        InterviewBuilder shows(String shows) {
            this.shows = shows;
            return this;
        }

        InterviewBuilder round(int round) {
            this.round = round;
            return this;
        }

        InterviewBuilder endedHoursAgo(int hours, Duration length, InterviewFormat format) {
            return times(schedule.hoursAgo(hours), length, format);
        }

        /** Ended {@code days} before the load day at {@code time}; a weekend day moves back to the Friday before. */
        InterviewBuilder endedDaysAgoAt(int days, LocalTime time, Duration length, InterviewFormat format) {
            LocalDate day = schedule.loadedAt.atZone(zone()).toLocalDate().minusDays(days);
            while (isWeekend(day)) {
                day = day.minusDays(1);
            }
            return times(day.atTime(time).atZone(zone()).toInstant(), length, format);
        }

        /** Starts {@code days} after the load day at {@code time}; a weekend day moves on to the Monday after. */
        InterviewBuilder startsInDaysAt(int days, LocalTime time, Duration length, InterviewFormat format) {
            LocalDate day = schedule.loadedAt.atZone(zone()).toLocalDate().plusDays(days);
            while (isWeekend(day)) {
                day = day.plusDays(1);
            }
            Instant starts = day.atTime(time).atZone(zone()).toInstant();
            return times(starts.plus(length), length, format);
        }

        private InterviewBuilder times(Instant end, Duration length, InterviewFormat format) {
            this.end = end;
            this.start = end.minus(length);
            this.format = format;
            return this;
        }

        InterviewBuilder interviewers(String... keys) {
            for (String key : keys) {
                interviewers.add(company.contact(key).key());
            }
            return this;
        }

        InterviewBuilder debrief(Duration afterEnd, String notes) {
            this.debriefNotes = notes;
            this.debriefWrittenAt = afterEnd(afterEnd);
            return this;
        }

        InterviewBuilder concern(String interviewer, String concern) {
            concerns.add(new DemoConcern(company.contact(interviewer).key(), concern));
            return this;
        }

        InterviewBuilder unasked(String question) {
            unasked.add(question);
            return this;
        }

        InterviewBuilder decisionDateDaysAfterEnd(int days) {
            timeline = Optional.of(timeline.orElse(Timeline.NOTHING_SAID).withDecisionDate(endDay().plusDays(days)));
            return this;
        }

        /** R5: the candidate asked, and the company named no date. */
        InterviewBuilder noDateGiven() {
            timeline = Optional.of(Timeline.NOTHING_SAID);
            return this;
        }

        InterviewBuilder preferredChannel(Channel channel) {
            timeline = Optional.of(timeline.orElse(Timeline.NOTHING_SAID).withPreferredChannel(channel));
            return this;
        }

        InterviewBuilder preferredSpacing(Duration spacing) {
            timeline = Optional.of(timeline.orElse(Timeline.NOTHING_SAID).withPreferredSpacing(spacing));
            return this;
        }

        InterviewBuilder thankYou(String to, Duration afterEnd, String subject, String text) {
            return thankYouAt(to, businessEmail(to), afterEnd, subject, text);
        }

        /** A thank-you to an address of the candidate's choosing, which may not be the business one (R12). */
        InterviewBuilder thankYouAt(String to, String address, Duration afterEnd, String subject, String text) {
            return email(TouchKind.THANK_YOU, to, address, afterEnd(afterEnd), subject, text);
        }

        InterviewBuilder statusCheck(String to, Instant at, String subject, String text) {
            return email(TouchKind.STATUS_CHECK, to, businessEmail(to), at, subject, text);
        }

        InterviewBuilder statusCheckByPhone(String to, Instant at) {
            String phone = company.contact(to)
                    .businessPhone()
                    .orElseThrow(() -> new IllegalArgumentException(to + " has no business phone"));
            touches.add(new DemoTouch(
                    TouchKind.STATUS_CHECK, Channel.PHONE, to, phone, at, Optional.empty(), Optional.empty()));
            return this;
        }

        InterviewBuilder thanksAfterRejection(String to, Instant at, String subject, String text) {
            return email(TouchKind.THANKS_AFTER_REJECTION, to, businessEmail(to), at, subject, text);
        }

        InterviewBuilder gift(String to, Instant at, String deliveredTo, String description) {
            touches.add(new DemoTouch(
                    TouchKind.GIFT,
                    Channel.PARCEL,
                    company.contact(to).key(),
                    deliveredTo,
                    at,
                    Optional.empty(),
                    Optional.of(description)));
            return this;
        }

        InterviewBuilder linkedInConnection(String to, Duration afterEnd) {
            String profile = company.contact(to)
                    .linkedInUrl()
                    .orElseThrow(() -> new IllegalArgumentException(to + " has no LinkedIn profile"));
            touches.add(new DemoTouch(
                    TouchKind.LINKEDIN_CONNECTION,
                    Channel.LINKEDIN,
                    to,
                    profile,
                    afterEnd(afterEnd),
                    Optional.empty(),
                    Optional.empty()));
            return this;
        }

        InterviewBuilder reply(String from, Instant at, ReplyKind kind) {
            replies.add(new DemoReply(company.contact(from).key(), at, kind, Optional.empty()));
            return this;
        }

        /** An update that names a new decision date, {@code daysAfterEnd} after the interview's day (R6). */
        InterviewBuilder replyWithNewDate(String from, Instant at, int daysAfterEnd) {
            replies.add(new DemoReply(
                    company.contact(from).key(), at, ReplyKind.UPDATE, Optional.of(endDay().plusDays(daysAfterEnd))));
            return this;
        }

        InterviewBuilder outcome(OutcomeKind kind, Instant at) {
            outcome = Optional.of(new Outcome(kind, at));
            return this;
        }

        void add() {
            requireNonNull(end, "the interview's time is not set");
            if (interviewers.isEmpty()) {
                throw new IllegalStateException(shows + ": an interview has at least one interviewer");
            }
            Optional<DemoDebrief> debrief = Optional.ofNullable(debriefNotes)
                    .map(notes -> new DemoDebrief(notes, concerns, unasked, debriefWrittenAt));
            debrief.ifPresent(written -> requireBetweenEndAndLoad("the debrief", written.writtenAt()));
            touches.forEach(touch -> requireBetweenEndAndLoad("a " + touch.kind() + " touch", touch.sentAt()));
            replies.forEach(reply -> requireBetweenEndAndLoad("a " + reply.kind() + " reply", reply.receivedAt()));
            outcome.ifPresent(known -> requireBetweenEndAndLoad("the outcome", known.at()));
            schedule.interviews.add(new DemoInterview(
                    shows,
                    candidate.email(),
                    company.name(),
                    role,
                    start,
                    end,
                    format,
                    round,
                    interviewers,
                    debrief,
                    timeline,
                    touches,
                    replies,
                    outcome));
        }

        // A demo that records something as done after the moment it is loaded would show plans that cannot happen.
        private void requireBetweenEndAndLoad(String what, Instant at) {
            if (at.isBefore(end) || at.isAfter(schedule.loadedAt)) {
                throw new IllegalStateException("Demo interview \"" + shows + "\": " + what + " at " + at
                        + " is not between the interview's end " + end + " and the load instant "
                        + schedule.loadedAt);
            }
        }

        private InterviewBuilder email(
                TouchKind kind, String to, String address, Instant at, String subject, String text) {
            touches.add(new DemoTouch(
                    kind,
                    Channel.EMAIL,
                    company.contact(to).key(),
                    address,
                    at,
                    Optional.of(subject),
                    Optional.of(text)));
            return this;
        }

        private String businessEmail(String contact) {
            return company.contact(contact)
                    .businessEmail()
                    .orElseThrow(() -> new IllegalArgumentException(contact + " has no business e-mail"));
        }

        private Instant afterEnd(Duration duration) {
            return end.plus(duration);
        }

        ZoneId zone() {
            return candidate.zone();
        }

        LocalDate endDay() {
            return end.atZone(zone()).toLocalDate();
        }

        private static boolean isWeekend(LocalDate day) {
            return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }
}
