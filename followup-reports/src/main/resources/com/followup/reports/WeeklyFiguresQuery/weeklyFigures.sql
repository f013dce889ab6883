-- The weekly report figures (issue #5), computed where the data is. Each figure is defined once in
-- docs/reports.md with the rule it measures; WeeklyFiguresReference computes the same from the rules engine and
-- the two must agree exactly (WeeklyFiguresAgreementTest).
--
-- A retracted touch or reply (decision 0019) is left out everywhere below, as the rules engine's record leaves it out.
--
-- An interview belongs to the ISO week of its end instant in the agency zone. Only what happened by :as_of counts.
-- Durations are elapsed seconds (make_interval(secs => ...)): adding 14 days to a timestamptz would follow the
-- session calendar across a daylight-saving night, the rules engine does not.
WITH scoped AS (
    SELECT i.id AS interview_id, i.candidate_id, i.company_id, i.ends_at, ca.zone AS candidate_zone,
           co.does_not_reply,
           to_char(i.ends_at AT TIME ZONE :zone, 'IYYY-"W"IW') AS week,
           tl.interview_id IS NOT NULL AS has_timeline,
           tl.decision_date,
           -- R7: the interview stated spacing, else the company, else the agencys.
           COALESCE(round(extract(epoch FROM tl.preferred_spacing))::bigint,
                    round(extract(epoch FROM co.spacing))::bigint,
                    :spacing_seconds) AS spacing_seconds,
           -- R8: the company limit, else the agencys.
           COALESCE(co.status_check_limit, :status_check_limit) AS status_check_limit,
           -- R10: the channel the interview or the company named, else the agency first channel.
           COALESCE(tl.preferred_channel, co.preferred_channel, :first_status_check_channel) AS follow_up_channel
      FROM interviews i
      JOIN candidates ca ON ca.id = i.candidate_id
      JOIN companies co ON co.id = i.company_id
      LEFT JOIN timelines tl ON tl.interview_id = i.id
     WHERE i.ends_at >= :trend_start AND i.ends_at < :week_end AND i.ends_at <= :as_of
       AND (CAST(:recruiter_id AS bigint) IS NULL
            OR EXISTS (SELECT 1 FROM recruiter_assignments ra
                        WHERE ra.candidate_id = i.candidate_id AND ra.recruiter_id = CAST(:recruiter_id AS bigint)))
),
-- R1, R2, R3: one thank-you step per interviewer, done by the first thank-you to that interviewer.
thank_you_steps AS (
    SELECT s.interview_id, first_note.sent_at,
           s.ends_at + make_interval(secs => :thank_you_deadline_seconds) AS deadline,
           s.ends_at + make_interval(secs => :ideal_start_seconds) AS ideal,
           (((s.ends_at AT TIME ZONE s.candidate_zone)::date + CAST(:ideal_end_days AS integer))
                + CAST(:ideal_end_time AS time)) AT TIME ZONE s.candidate_zone AS next_morning
      FROM scoped s
      JOIN interview_interviewers ii ON ii.interview_id = s.interview_id
      LEFT JOIN LATERAL (
            SELECT t.sent_at FROM touches t
             WHERE t.interview_id = s.interview_id AND t.kind = 'THANK_YOU' AND t.recipient_id = ii.contact_id
               AND t.retracted_at IS NULL
               AND t.sent_at <= :as_of
             ORDER BY t.sent_at, t.id LIMIT 1) first_note ON true
),
thank_you_facts AS (
    SELECT interview_id,
           count(*) AS thank_you_steps,
           count(*) FILTER (WHERE sent_at IS NOT NULL OR :as_of > deadline) AS thank_you_due,
           count(*) FILTER (WHERE sent_at <= deadline) AS thank_you_on_time,
           count(*) FILTER (WHERE sent_at > deadline) AS thank_you_late,
           count(*) FILTER (WHERE sent_at IS NULL AND :as_of > deadline) AS thank_you_missed,
           count(sent_at) AS thank_you_sent,
           -- R2: the ideal window runs from `ideal` to the next noon, kept within [ideal, deadline].
           count(*) FILTER (WHERE sent_at >= ideal
                              AND sent_at <= LEAST(GREATEST(next_morning, ideal), deadline)) AS thank_you_ideal
      FROM thank_you_steps
     GROUP BY interview_id
),
-- R4, R20: the debrief, due a fixed elapsed time after the end.
debrief_facts AS (
    SELECT s.interview_id,
           (d.written_at <= :as_of OR :as_of > s.ends_at + make_interval(secs => :debrief_seconds)) AS debrief_due,
           COALESCE(d.written_at <= :as_of
                    AND d.written_at <= s.ends_at + make_interval(secs => :debrief_seconds), false) AS debrief_on_time
      FROM scoped s
      LEFT JOIN debriefs d ON d.interview_id = s.interview_id
),
touches_in_order AS (
    SELECT s.interview_id, s.ends_at, s.decision_date, s.spacing_seconds, s.status_check_limit, s.follow_up_channel,
           s.candidate_zone, t.id, t.kind, t.channel, t.sent_at, t.address, t.recipient_id,
           count(*) FILTER (WHERE t.kind = 'STATUS_CHECK') OVER before AS status_checks_before,
           max(t.sent_at) FILTER (WHERE t.kind = 'STATUS_CHECK') OVER before AS last_status_check,
           max(t.sent_at) FILTER (WHERE t.kind = 'EXTRA_INFORMATION') OVER before AS last_extra_information,
           max(t.sent_at) FILTER (WHERE t.kind = 'THANK_YOU') OVER before AS last_thank_you
      FROM scoped s
      JOIN touches t ON t.interview_id = s.interview_id AND t.sent_at <= :as_of AND t.retracted_at IS NULL
    WINDOW before AS (PARTITION BY t.interview_id ORDER BY t.sent_at, t.id
                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
-- R6, R7, R8, R10: each status check judged against the thread as it stood when it went out. A reply at the same
-- instant as a touch counts first, as in the rules engine.
status_checks AS (
    SELECT c.interview_id, c.status_checks_before = 0 AS first, c.sent_at, c.channel, c.follow_up_channel,
           c.status_check_limit, c.spacing_seconds, last_reply.at AS last_reply,
           COALESCE(new_date.decision_date, c.decision_date) AS decision_date,
           c.last_status_check, c.last_extra_information, c.last_thank_you, c.ends_at, c.candidate_zone,
           (SELECT count(*) FROM touches earlier
             WHERE earlier.interview_id = c.interview_id AND earlier.kind = 'STATUS_CHECK'
               AND earlier.retracted_at IS NULL
               AND (earlier.sent_at, earlier.id) < (c.sent_at, c.id)
               AND earlier.sent_at >= COALESCE(last_reply.at, '-infinity'::timestamptz)) AS unanswered_before
      FROM touches_in_order c
      LEFT JOIN LATERAL (
            SELECT max(r.received_at) AS at FROM replies r
             WHERE r.interview_id = c.interview_id AND r.received_at <= c.sent_at
               AND r.retracted_at IS NULL) last_reply ON true
      LEFT JOIN LATERAL (
            SELECT r.new_decision_date AS decision_date FROM replies r
             WHERE r.interview_id = c.interview_id AND r.received_at <= c.sent_at AND r.new_decision_date IS NOT NULL
               AND r.retracted_at IS NULL
             ORDER BY r.received_at DESC, r.id DESC LIMIT 1) new_date ON true
     WHERE c.kind = 'STATUS_CHECK'
),
status_check_judged AS (
    SELECT sc.interview_id,
           -- R6: 09:00 (policy) on the n-th business day after the date, in the candidate zone.
           sc.sent_at < opening.at AS breaks_r6,
           -- R7 (R9 for a first check without a date): spacing from the last follow-up or reply.
           (NOT sc.first OR sc.decision_date IS NULL)
               AND sc.sent_at < (CASE WHEN sc.first
                                      THEN GREATEST(sc.last_status_check, sc.last_reply, sc.last_extra_information,
                                                    COALESCE(sc.last_thank_you, sc.ends_at))
                                      ELSE GREATEST(sc.last_status_check, sc.last_reply, sc.last_extra_information)
                                 END) + make_interval(secs => sc.spacing_seconds) AS breaks_r7,
           sc.unanswered_before >= sc.status_check_limit AS breaks_r8,
           NOT (sc.channel = sc.follow_up_channel
                OR (NOT sc.first AND sc.channel = ANY(CAST(:later_status_check_channels AS text[])))) AS breaks_r10
      FROM status_checks sc
      LEFT JOIN LATERAL (
            SELECT (day::date + CAST(:status_check_opens_at AS time)) AT TIME ZONE sc.candidate_zone AS at
              -- Every 7 days hold 5 weekdays, so n business days and h holidays fit in 7 (n + h) + 7 days.
              FROM generate_series((sc.decision_date + 1)::timestamp,
                                   (sc.decision_date + 7 * (CAST(:business_days_after_decision AS integer)
                                                            + cardinality(CAST(:holidays AS date[]))) + 7)::timestamp,
                                   interval '1 day') AS day
             WHERE extract(isodow FROM day) < 6
               AND NOT (day::date = ANY(CAST(:holidays AS date[])))
             ORDER BY day
            OFFSET CAST(:business_days_after_decision AS integer) - 1 LIMIT 1) opening ON sc.decision_date IS NOT NULL
),
status_check_facts AS (
    SELECT interview_id,
           count(*) AS status_checks,
           count(*) FILTER (WHERE breaks_r6) AS r6_breaches,
           count(*) FILTER (WHERE breaks_r7) AS r7_breaches,
           count(*) FILTER (WHERE breaks_r8) AS r8_breaches,
           count(*) FILTER (WHERE breaks_r10) AS r10_breaches
      FROM status_check_judged
     GROUP BY interview_id
),
-- R12, R13: every touch, whatever its place in the plan.
touch_facts AS (
    SELECT t.interview_id,
           count(*) AS touches,
           count(*) FILTER (WHERE NOT (CASE t.channel
                WHEN 'EMAIL' THEN COALESCE(lower(btrim(ct.business_email)) = lower(btrim(t.address)), false)
                WHEN 'PHONE' THEN COALESCE(regexp_replace(ct.business_phone, '[^0-9]', '', 'g')
                                               = regexp_replace(t.address, '[^0-9]', '', 'g')
                                           AND regexp_replace(t.address, '[^0-9]', '', 'g') <> '', false)
                WHEN 'TEXT_MESSAGE' THEN COALESCE(regexp_replace(ct.business_phone, '[^0-9]', '', 'g')
                                               = regexp_replace(t.address, '[^0-9]', '', 'g')
                                           AND regexp_replace(t.address, '[^0-9]', '', 'g') <> '', false)
                -- LinkedIn is a business network: an unrecorded profile is accepted, a recorded one must match.
                WHEN 'LINKEDIN' THEN ct.linkedin_url IS NULL
                     OR (rtrim(regexp_replace(regexp_replace(btrim(ct.linkedin_url), '^https?://', '', 'i'),
                                              '^www\.', '', 'i'), '/') <> ''
                         AND lower(rtrim(regexp_replace(regexp_replace(btrim(ct.linkedin_url), '^https?://', '', 'i'),
                                                        '^www\.', '', 'i'), '/'))
                             = lower(rtrim(regexp_replace(regexp_replace(btrim(t.address), '^https?://', '', 'i'),
                                                          '^www\.', '', 'i'), '/')))
                WHEN 'FACEBOOK' THEN t.kind = 'FACEBOOK_FRIEND_REQUEST'
                ELSE true
           END)) AS r12_breaches,
           count(*) FILTER (WHERE t.kind IN ('GIFT', 'FACEBOOK_FRIEND_REQUEST')) AS r13_breaches
      FROM touches_in_order t
      JOIN contacts ct ON ct.id = t.recipient_id
     GROUP BY t.interview_id
),
-- Response times (R18 companies left out): the first touch after the end to the first reply after it.
response_facts AS (
    SELECT s.interview_id, first_touch.sent_at AS first_touch_at,
           round(extract(epoch FROM first_reply.received_at - first_touch.sent_at))::bigint AS response_seconds,
           -- The response window: a thread counts once its first follow-up is at least the window old by :as_of, and
           -- as answered when the first reply came within the window (both ends inclusive, elapsed time).
           first_touch.sent_at + make_interval(secs => :response_window_seconds) <= :as_of AS window_counted,
           first_reply.received_at <= first_touch.sent_at + make_interval(secs => :response_window_seconds)
               AS replied_within_window
      FROM scoped s
      JOIN LATERAL (
            SELECT t.sent_at FROM touches t
             WHERE t.interview_id = s.interview_id AND t.sent_at >= s.ends_at AND t.sent_at <= :as_of
               AND t.retracted_at IS NULL
             ORDER BY t.sent_at, t.id LIMIT 1) first_touch ON true
      LEFT JOIN LATERAL (
            SELECT r.received_at FROM replies r
             WHERE r.interview_id = s.interview_id AND r.received_at >= first_touch.sent_at
               AND r.received_at <= :as_of AND r.retracted_at IS NULL
             ORDER BY r.received_at, r.id LIMIT 1) first_reply ON true
     WHERE NOT s.does_not_reply
),
-- R8 closing: a thread the company left unanswered. Undecided, not an R18 company, and once the allowed checks since
-- the last reply went unanswered, a moment (a later touch, or :as_of) came at least the spacing after the last
-- follow-up.
after_last_reply AS (
    SELECT t.interview_id, t.kind, t.sent_at, t.spacing_seconds, t.status_check_limit,
           count(*) FILTER (WHERE t.kind = 'STATUS_CHECK') OVER upto AS checks_before,
           max(t.sent_at) FILTER (WHERE t.kind IN ('STATUS_CHECK', 'EXTRA_INFORMATION')) OVER upto AS last_follow_up
      FROM touches_in_order t
      LEFT JOIN LATERAL (
            SELECT max(r.received_at) AS at FROM replies r
             WHERE r.interview_id = t.interview_id AND r.received_at <= :as_of
               AND r.retracted_at IS NULL) last_reply ON true
     WHERE t.sent_at >= COALESCE(last_reply.at, '-infinity'::timestamptz)
    WINDOW upto AS (PARTITION BY t.interview_id ORDER BY t.sent_at, t.id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
thread_ends AS (
    SELECT interview_id,
           bool_or(checks_before >= status_check_limit
                   AND sent_at >= last_follow_up + make_interval(secs => spacing_seconds)) AS closed_before_a_touch,
           count(*) FILTER (WHERE kind = 'STATUS_CHECK') >= min(status_check_limit)
               AND :as_of >= max(sent_at) FILTER (WHERE kind IN ('STATUS_CHECK', 'EXTRA_INFORMATION'))
                                 + make_interval(secs => min(spacing_seconds)) AS closed_by_now
      FROM after_last_reply
     GROUP BY interview_id
),
ghosted_facts AS (
    SELECT s.interview_id
      FROM scoped s
      JOIN thread_ends te ON te.interview_id = s.interview_id
     WHERE NOT s.does_not_reply
       AND (te.closed_before_a_touch OR COALESCE(te.closed_by_now, false))
       AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.interview_id = s.interview_id AND o.at <= :as_of)
       AND NOT EXISTS (SELECT 1 FROM replies r
                        WHERE r.interview_id = s.interview_id AND r.kind = 'DECISION' AND r.received_at <= :as_of
                          AND r.retracted_at IS NULL)
),
facts AS (
    SELECT s.interview_id, s.candidate_id, s.company_id, s.week, s.does_not_reply, s.has_timeline,
           ty.thank_you_steps, ty.thank_you_due, ty.thank_you_on_time, ty.thank_you_late, ty.thank_you_missed,
           ty.thank_you_sent, ty.thank_you_ideal,
           d.debrief_due, d.debrief_on_time,
           COALESCE(sc.status_checks, 0) AS status_checks, COALESCE(sc.r6_breaches, 0) AS r6_breaches,
           COALESCE(sc.r7_breaches, 0) AS r7_breaches, COALESCE(sc.r8_breaches, 0) AS r8_breaches,
           COALESCE(sc.r10_breaches, 0) AS r10_breaches,
           COALESCE(tf.touches, 0) AS touches, COALESCE(tf.r12_breaches, 0) AS r12_breaches,
           COALESCE(tf.r13_breaches, 0) AS r13_breaches,
           rf.first_touch_at IS NOT NULL AS followed_up, rf.response_seconds,
           COALESCE(rf.window_counted, false) AS window_counted,
           COALESCE(rf.window_counted AND rf.replied_within_window, false) AS replied_within_window,
           g.interview_id IS NOT NULL AS ghosted
      FROM scoped s
      JOIN thank_you_facts ty ON ty.interview_id = s.interview_id
      JOIN debrief_facts d ON d.interview_id = s.interview_id
      LEFT JOIN status_check_facts sc ON sc.interview_id = s.interview_id
      LEFT JOIN touch_facts tf ON tf.interview_id = s.interview_id
      LEFT JOIN response_facts rf ON rf.interview_id = s.interview_id
      LEFT JOIN ghosted_facts g ON g.interview_id = s.interview_id
),
-- Each interview once for the whole scope, per recruiter and per company in every week of the trend, and once per
-- candidate and hiring manager of the report week.
grouped AS (
    SELECT f.*, 'AGENCY' AS dimension, 0::bigint AS group_id FROM facts f
    UNION ALL
    SELECT f.*, 'RECRUITER', ra.recruiter_id FROM facts f
      JOIN recruiter_assignments ra ON ra.candidate_id = f.candidate_id
     WHERE CAST(:recruiter_id AS bigint) IS NULL OR ra.recruiter_id = CAST(:recruiter_id AS bigint)
    UNION ALL
    SELECT f.*, 'CANDIDATE', f.candidate_id FROM facts f WHERE f.week = :week
    UNION ALL
    SELECT f.*, 'COMPANY', f.company_id FROM facts f
    UNION ALL
    SELECT f.*, 'HIRING_MANAGER', ii.contact_id FROM facts f
      JOIN interview_interviewers ii ON ii.interview_id = f.interview_id
      JOIN contacts ct ON ct.id = ii.contact_id AND ct.role = 'HIRING_MANAGER'
     WHERE f.week = :week
)
SELECT g.week, g.dimension, g.group_id,
       CASE g.dimension
           WHEN 'AGENCY' THEN :agency_name
           WHEN 'RECRUITER' THEN (SELECT u.display_name FROM users u WHERE u.id = g.group_id)
           WHEN 'CANDIDATE' THEN (SELECT ca.name FROM candidates ca WHERE ca.id = g.group_id)
           WHEN 'COMPANY' THEN (SELECT co.name FROM companies co WHERE co.id = g.group_id)
           WHEN 'HIRING_MANAGER' THEN (SELECT ct.name FROM contacts ct WHERE ct.id = g.group_id)
       END AS name,
       count(*) AS interviews,
       sum(thank_you_steps) AS thank_you_steps,
       sum(thank_you_due) AS thank_you_due,
       sum(thank_you_on_time) AS thank_you_on_time,
       sum(thank_you_late) AS thank_you_late,
       sum(thank_you_missed) AS thank_you_missed,
       sum(thank_you_sent) AS thank_you_sent,
       sum(thank_you_ideal) AS thank_you_ideal,
       count(*) FILTER (WHERE debrief_due) AS debriefs_due,
       count(*) FILTER (WHERE debrief_on_time) AS debriefs_on_time,
       count(*) FILTER (WHERE has_timeline) AS timelines_recorded,
       sum(status_checks) AS status_checks,
       sum(r6_breaches) AS r6_breaches,
       sum(r7_breaches) AS r7_breaches,
       sum(r8_breaches) AS r8_breaches,
       sum(r10_breaches) AS r10_breaches,
       sum(touches) AS touches,
       sum(r12_breaches) AS r12_breaches,
       sum(r13_breaches) AS r13_breaches,
       count(*) FILTER (WHERE does_not_reply) AS r18_interviews_left_out,
       count(*) FILTER (WHERE followed_up) AS followed_up,
       count(response_seconds) AS responded,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY response_seconds) AS response_median_seconds,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY response_seconds) AS response_p90_seconds,
       count(*) FILTER (WHERE ghosted) AS ghosted,
       count(*) FILTER (WHERE window_counted) AS followed_up_counted,
       count(*) FILTER (WHERE replied_within_window) AS responded_within_window
  FROM grouped g
 GROUP BY g.week, g.dimension, g.group_id
 ORDER BY g.week, g.dimension, g.group_id
