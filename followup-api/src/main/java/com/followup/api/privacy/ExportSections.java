package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an export holds, as SQL: one section a kind of record, each a query of one person's rows (bound as
 * {@code :id}) that names its columns. The same section is the JSON document's array of that name and the CSV file of
 * that name, so the two say the same thing; README.txt lists the sections with their descriptions.
 */
final class ExportSections {
    /** A section: its name (JSON key and {@code <name>.csv}), what it holds, its columns, and its query. */
    record Section(String name, String description, List<String> columns, String sql) {
        Section {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            columns = List.copyOf(columns);
            requireNonNull(sql, "sql is null");
        }
    }

    private static final String CANDIDATE_INTERVIEWS = "SELECT id FROM interviews WHERE candidate_id = :id";

    static final List<Section> CANDIDATE = List.of(
            new Section(
                    "profile",
                    "The candidate's profile and their login, if they have one.",
                    List.of(
                            "id",
                            "name",
                            "email",
                            "zone",
                            "created_at",
                            "login_email",
                            "login_name",
                            "login_active",
                            "login_created_at"),
                    """
                    SELECT c.id, c.name, c.email, c.zone, c.created_at, u.email AS login_email,
                           u.display_name AS login_name, u.active AS login_active, u.created_at AS login_created_at
                    FROM candidates c LEFT JOIN users u ON u.id = c.user_id
                    WHERE c.id = :id
                    """),
            new Section(
                    "recruiters",
                    "The agency's recruiters assigned to the candidate.",
                    List.of("recruiter_id", "recruiter_name", "assigned_at"),
                    """
                    SELECT u.id AS recruiter_id, u.display_name AS recruiter_name, ra.assigned_at
                    FROM recruiter_assignments ra JOIN users u ON u.id = ra.recruiter_id
                    WHERE ra.candidate_id = :id ORDER BY u.id
                    """),
            new Section(
                    "interviews",
                    "The candidate's interviews.",
                    List.of("id", "company", "role", "starts_at", "ends_at", "format", "round", "created_at"),
                    """
                    SELECT i.id, co.name AS company, i.role, i.starts_at, i.ends_at, i.format, i.round, i.created_at
                    FROM interviews i JOIN companies co ON co.id = i.company_id
                    WHERE i.candidate_id = :id ORDER BY i.id
                    """),
            new Section(
                    "interviewers",
                    "Who interviewed the candidate, per interview (contacts at the company).",
                    List.of("interview_id", "position", "contact_id", "name", "title", "role"),
                    """
                    SELECT ii.interview_id, ii.position, ct.id AS contact_id, ct.name, ct.title, ct.role
                    FROM interview_interviewers ii JOIN contacts ct ON ct.id = ii.contact_id
                    WHERE ii.interview_id IN (%s) ORDER BY ii.interview_id, ii.position
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "timelines",
                    "What the company said at the close of each interview about its decision (R5).",
                    List.of(
                            "interview_id",
                            "decision_date",
                            "preferred_channel",
                            "preferred_spacing",
                            "notes",
                            "recorded_at"),
                    """
                    SELECT t.interview_id, t.decision_date, t.preferred_channel, t.preferred_spacing::text
                           AS preferred_spacing, t.notes, t.recorded_at
                    FROM timelines t WHERE t.interview_id IN (%s) ORDER BY t.interview_id
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "debriefs",
                    "The candidate's debrief of each interview (R1): notes and questions left unasked.",
                    List.of("interview_id", "notes", "unasked_questions", "written_at"),
                    """
                    SELECT d.interview_id, d.notes, d.unasked_questions, d.written_at
                    FROM debriefs d WHERE d.interview_id IN (%s) ORDER BY d.interview_id
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "debrief_concerns",
                    "The concerns an interviewer raised, as the debrief recorded them (R11).",
                    List.of("interview_id", "position", "contact_id", "concern"),
                    """
                    SELECT dc.interview_id, dc.position, dc.contact_id, dc.concern
                    FROM debrief_concerns dc WHERE dc.interview_id IN (%s) ORDER BY dc.interview_id, dc.position
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "outcomes",
                    "How each interview ended, when it did.",
                    List.of("interview_id", "kind", "at"),
                    """
                    SELECT o.interview_id, o.kind, o.at FROM outcomes o
                    WHERE o.interview_id IN (%s) ORDER BY o.interview_id
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "touches",
                    "Every follow-up the candidate sent (thank-you notes, status checks...), with its text, and"
                            + " corrections or retractions.",
                    List.of(
                            "id",
                            "interview_id",
                            "kind",
                            "channel",
                            "recipient_id",
                            "address",
                            "sent_at",
                            "subject",
                            "text",
                            "note_findings",
                            "created_at",
                            "version",
                            "retracted_at",
                            "retraction_reason"),
                    """
                    SELECT t.id, t.interview_id, t.kind, t.channel, t.recipient_id, t.address, t.sent_at, t.subject,
                           t.text, t.note_findings, t.created_at, t.version, t.retracted_at, t.retraction_reason
                    FROM touches t WHERE t.interview_id IN (%s) ORDER BY t.id
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "replies",
                    "Every reply the company sent back.",
                    List.of(
                            "id",
                            "interview_id",
                            "from_contact_id",
                            "received_at",
                            "kind",
                            "new_decision_date",
                            "created_at",
                            "version",
                            "retracted_at",
                            "retraction_reason"),
                    """
                    SELECT r.id, r.interview_id, r.from_contact_id, r.received_at, r.kind, r.new_decision_date,
                           r.created_at, r.version, r.retracted_at, r.retraction_reason
                    FROM replies r WHERE r.interview_id IN (%s) ORDER BY r.id
                    """
                            .formatted(CANDIDATE_INTERVIEWS)),
            new Section(
                    "notifications",
                    "Every e-mail Followup wrote to the candidate (the outbox), sent or not.",
                    List.of("id", "kind", "recipient_email", "subject", "body_text", "state", "created_at", "sent_at"),
                    """
                    SELECT o.id, o.kind, o.recipient_email, o.subject, o.body_text, o.state, o.created_at, o.sent_at
                    FROM outbox o JOIN candidates c ON c.user_id = o.recipient_id
                    WHERE c.id = :id ORDER BY o.id
                    """),
            new Section(
                    "audit",
                    "The audit log's entries about the candidate, their interviews, touches and replies, and those"
                            + " their own login made.",
                    List.of("id", "at", "actor_user_id", "action", "entity_type", "entity_id", "details"),
                    """
                    SELECT a.id, a.at, a.actor_user_id, a.action, a.entity_type, a.entity_id, a.details
                    FROM audit_log a
                    WHERE (a.entity_type = 'candidate' AND a.entity_id = CAST(:id AS text))
                       OR (a.entity_type = 'interview' AND a.entity_id IN (SELECT CAST(id AS text) FROM interviews
                                                                           WHERE candidate_id = :id))
                       OR (a.entity_type = 'touch' AND a.entity_id IN (
                              SELECT CAST(t.id AS text) FROM touches t
                              JOIN interviews i ON i.id = t.interview_id WHERE i.candidate_id = :id))
                       OR (a.entity_type = 'reply' AND a.entity_id IN (
                              SELECT CAST(r.id AS text) FROM replies r
                              JOIN interviews i ON i.id = r.interview_id WHERE i.candidate_id = :id))
                       OR a.actor_user_id = (SELECT user_id FROM candidates WHERE id = :id)
                    ORDER BY a.id
                    """));

    private static final String CONTACT_INTERVIEWS =
            "SELECT interview_id FROM interview_interviewers WHERE contact_id = :id";

    static final List<Section> CONTACT = List.of(
            new Section(
                    "profile",
                    "The contact as the agency keeps them, with their company.",
                    List.of(
                            "id",
                            "company_id",
                            "company",
                            "name",
                            "title",
                            "role",
                            "business_email",
                            "business_phone",
                            "linkedin_url",
                            "created_at"),
                    """
                    SELECT ct.id, ct.company_id, co.name AS company, ct.name, ct.title, ct.role, ct.business_email,
                           ct.business_phone, ct.linkedin_url, ct.created_at
                    FROM contacts ct JOIN companies co ON co.id = ct.company_id WHERE ct.id = :id
                    """),
            new Section(
                    "interviews",
                    "The interviews the contact took part in (the candidates' own data is not part of this export).",
                    List.of("id", "role", "starts_at", "ends_at", "format", "round", "position"),
                    """
                    SELECT i.id, i.role, i.starts_at, i.ends_at, i.format, i.round, ii.position
                    FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
                    WHERE ii.contact_id = :id ORDER BY i.id
                    """),
            new Section(
                    "touches_received",
                    "What candidates sent to the contact, with the texts.",
                    List.of("id", "interview_id", "kind", "channel", "address", "sent_at", "subject", "text"),
                    """
                    SELECT t.id, t.interview_id, t.kind, t.channel, t.address, t.sent_at, t.subject, t.text
                    FROM touches t WHERE t.recipient_id = :id ORDER BY t.id
                    """),
            new Section(
                    "replies_sent",
                    "The replies the contact sent, as candidates logged them.",
                    List.of("id", "interview_id", "received_at", "kind", "new_decision_date"),
                    """
                    SELECT r.id, r.interview_id, r.received_at, r.kind, r.new_decision_date
                    FROM replies r WHERE r.from_contact_id = :id ORDER BY r.id
                    """),
            new Section(
                    "concerns",
                    "Concerns the contact raised in interviews, as candidates' debriefs recorded them.",
                    List.of("interview_id", "position", "concern"),
                    """
                    SELECT dc.interview_id, dc.position, dc.concern FROM debrief_concerns dc
                    WHERE dc.contact_id = :id ORDER BY dc.interview_id, dc.position
                    """),
            new Section(
                    "audit",
                    "The audit log's entries about the contact.",
                    List.of("id", "at", "actor_user_id", "action", "entity_type", "entity_id", "details"),
                    """
                    SELECT a.id, a.at, a.actor_user_id, a.action, a.entity_type, a.entity_id, a.details
                    FROM audit_log a WHERE a.entity_type = 'contact' AND a.entity_id = CAST(:id AS text)
                    ORDER BY a.id
                    """));

    /** Ids of the interviews whose plans a candidate's export shows. */
    static final String PLANNED_INTERVIEWS = CANDIDATE_INTERVIEWS + " ORDER BY id";

    static List<Section> of(PersonKind kind) {
        return switch (kind) {
            case CANDIDATE -> CANDIDATE;
            case CONTACT -> CONTACT;
        };
    }

    private ExportSections() {}
}
