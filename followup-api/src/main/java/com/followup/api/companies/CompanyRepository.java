package com.followup.api.companies;

import com.followup.api.access.Visibility;
import com.followup.api.companies.CompanyBodies.CompanyView;
import com.followup.api.companies.CompanyBodies.ContactRequest;
import com.followup.api.companies.CompanyBodies.Overrides;
import com.followup.api.companies.CompanyBodies.ResponseSpeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.postgresql.util.PGInterval;

/**
 * Client companies with their rule overrides, and their contacts. Attached to the use case's handle
 * ({@code handle.attach(CompanyRepository.class)}), so it runs in the use case's transaction; the interview use
 * cases attach it too, to name a new employer or add an interviewer.
 */
@RegisterRowMapper(CompanyRepository.CompanyMapper.class)
@RegisterRowMapper(CompanyRepository.ContactMapper.class)
public interface CompanyRepository {
    /** A contact as the core models it, with the version the API shows. */
    record ContactRow(Contact contact, int version) {}

    String SELECT_COMPANY =
            "SELECT co.id, co.name, co.spacing, co.status_check_limit, co.preferred_channel, co.does_not_reply,"
                    + " co.version FROM companies co";

    String SELECT_CONTACT =
            "SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url, version"
                    + " FROM contacts";

    /** The caller's companies whose name contains {@code :q} (any case); binds the caller as {@link Visibility}. */
    String VISIBLE_COMPANIES_NAMED =
            """
             WHERE (CAST(:q AS text) IS NULL OR co.name ILIKE '%' || :q || '%')
               AND co.id IN (
            """
                    + Visibility.VISIBLE_COMPANIES
                    + ")";

    @SqlQuery(SELECT_COMPANY + VISIBLE_COMPANIES_NAMED + " ORDER BY lower(co.name) LIMIT :limit OFFSET :offset")
    List<CompanyView> visible(
            @Bind("visibleToRole") String role,
            @Bind("visibleToUser") long user,
            @Bind("q") String query,
            @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM companies co" + VISIBLE_COMPANIES_NAMED)
    long countVisible(@Bind("visibleToRole") String role, @Bind("visibleToUser") long user, @Bind("q") String query);

    @SqlQuery(SELECT_COMPANY + " WHERE co.id = :id")
    Optional<CompanyView> company(@Bind("id") long id);

    /**
     * Hours from the first touch after each of the company's interviews to the first reply after that touch, over all
     * its interviews (an agency-wide figure, not one candidate's). A retracted touch or reply does not count (decision
     * 0019).
     */
    @SqlQuery(
            """
            WITH threads AS (
                SELECT i.id,
                       (SELECT min(t.sent_at) FROM touches t
                         WHERE t.interview_id = i.id AND t.retracted_at IS NULL) AS first_touch
                  FROM interviews i WHERE i.company_id = :company),
            answered AS (
                SELECT th.id, th.first_touch,
                       (SELECT min(r.received_at) FROM replies r
                         WHERE r.interview_id = th.id AND r.received_at >= th.first_touch
                           AND r.retracted_at IS NULL) AS first_reply
                  FROM threads th WHERE th.first_touch IS NOT NULL)
            SELECT (SELECT count(*) FROM answered) AS threads,
                   count(first_reply) AS answered,
                   percentile_cont(0.5) WITHIN GROUP (
                       ORDER BY extract(epoch FROM first_reply - first_touch) / 3600) AS median_hours,
                   percentile_cont(0.9) WITHIN GROUP (
                       ORDER BY extract(epoch FROM first_reply - first_touch) / 3600) AS p90_hours
              FROM answered WHERE first_reply IS NOT NULL
            """)
    @RegisterConstructorMapper(ResponseSpeed.class)
    ResponseSpeed responseSpeed(@Bind("company") long companyId);

    @SqlQuery("SELECT id FROM companies WHERE lower(name) = lower(:name)")
    Optional<Long> companyNamed(@Bind("name") String name);

    @SqlQuery(
            """
            SELECT EXISTS (SELECT 1 FROM companies WHERE lower(name) = lower(:name)
                              AND (CAST(:except AS bigint) IS NULL OR id <> :except))
            """)
    boolean nameTaken(@Bind("name") String name, @Bind("except") Long except);

    @SqlUpdate(
            """
            INSERT INTO companies (name, spacing, status_check_limit, preferred_channel, does_not_reply)
            VALUES (:name, :spacing, :limit, :channel, :doesNotReply)
            """)
    @GetGeneratedKeys("id")
    long insertCompany(
            @Bind("name") String name,
            @Bind("spacing") PGInterval spacing,
            @Bind("limit") Integer statusCheckLimit,
            @Bind("channel") String preferredChannel,
            @Bind("doesNotReply") boolean doesNotReply);

    @SqlUpdate("INSERT INTO companies (name) VALUES (:name)")
    @GetGeneratedKeys("id")
    long insertCompanyNamed(@Bind("name") String name);

    /** Finds a company by name (any case) or creates it: how a candidate names a new employer. */
    default long findOrCreateCompany(String name) {
        String trimmed = name.trim();
        return companyNamed(trimmed).orElseGet(() -> insertCompanyNamed(trimmed));
    }

    /** The number of rows changed: 0 when the version is stale. */
    @SqlUpdate(
            """
            UPDATE companies SET name = :name, spacing = :spacing, status_check_limit = :limit,
                   preferred_channel = :channel, does_not_reply = :doesNotReply, version = version + 1
             WHERE id = :id AND version = :version
            """)
    int updateCompany(
            @Bind("id") long id,
            @Bind("version") int version,
            @Bind("name") String name,
            @Bind("spacing") PGInterval spacing,
            @Bind("limit") Integer statusCheckLimit,
            @Bind("channel") String preferredChannel,
            @Bind("doesNotReply") boolean doesNotReply);

    // ---- contacts

    /** The company's contacts the caller may see ({@link Visibility#VISIBLE_CONTACTS}), by name. */
    @SqlQuery(SELECT_CONTACT + " WHERE company_id = :company AND id IN (" + Visibility.VISIBLE_CONTACTS
            + ") ORDER BY lower(name), id")
    List<ContactRow> visibleContacts(
            @Bind("company") long companyId, @Bind("visibleToRole") String role, @Bind("visibleToUser") long user);

    @SqlQuery(SELECT_CONTACT + " WHERE id = :id")
    Optional<ContactRow> contact(@Bind("id") long id);

    @SqlUpdate(
            """
            INSERT INTO contacts (company_id, name, title, role, business_email, business_phone, linkedin_url,
                                  created_by)
            VALUES (:company, :name, :title, :role, :email, :phone, :linkedIn, :createdBy)
            """)
    @GetGeneratedKeys("id")
    long insertContact(
            @Bind("createdBy") long createdBy,
            @Bind("company") long companyId,
            @Bind("name") String name,
            @Bind("title") String title,
            @Bind("role") String role,
            @Bind("email") String businessEmail,
            @Bind("phone") String businessPhone,
            @Bind("linkedIn") String linkedInUrl);

    /**
     * Adds a contact to the company as the request describes it, entered by {@code createdBy} (a candidate sees the
     * contacts they entered, decision 0025); blank optional fields are stored as none.
     */
    default long insertContact(long createdBy, long companyId, ContactRequest request) {
        return insertContact(
                createdBy,
                companyId,
                request.name().trim(),
                request.title() == null ? "" : request.title().trim(),
                request.role().name(),
                blankToNull(request.businessEmail()),
                blankToNull(request.businessPhone()),
                blankToNull(request.linkedInUrl()));
    }

    /** The number of rows changed: 0 when the version is stale. */
    @SqlUpdate(
            """
            UPDATE contacts SET name = :name, title = :title, role = :role,
                   business_email = :email, business_phone = :phone, linkedin_url = :linkedIn,
                   version = version + 1
             WHERE id = :id AND version = :version
            """)
    int updateContact(
            @Bind("id") long id,
            @Bind("version") int version,
            @Bind("name") String name,
            @Bind("title") String title,
            @Bind("role") String role,
            @Bind("email") String businessEmail,
            @Bind("phone") String businessPhone,
            @Bind("linkedIn") String linkedInUrl);

    default int updateContact(long id, int version, ContactRequest request) {
        return updateContact(
                id,
                version,
                request.name().trim(),
                request.title() == null ? "" : request.title().trim(),
                request.role().name(),
                blankToNull(request.businessEmail()),
                blankToNull(request.businessPhone()),
                blankToNull(request.linkedInUrl()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    final class CompanyMapper implements RowMapper<CompanyView> {
        @Override
        public CompanyView map(ResultSet rs, StatementContext context) throws SQLException {
            int limit = rs.getInt("status_check_limit");
            Optional<Integer> statusCheckLimit = rs.wasNull() ? Optional.empty() : Optional.of(limit);
            return new CompanyView(
                    rs.getLong("id"),
                    rs.getString("name"),
                    new Overrides(
                            JdbiInterviewRecords.interval(rs, "spacing"),
                            statusCheckLimit,
                            Optional.ofNullable(rs.getString("preferred_channel"))
                                    .map(Channel::valueOf),
                            rs.getBoolean("does_not_reply")),
                    rs.getInt("version"));
        }
    }

    /** Contacts mapped as the interview records map them. */
    final class ContactMapper implements RowMapper<ContactRow> {
        @Override
        public ContactRow map(ResultSet rs, StatementContext context) throws SQLException {
            return new ContactRow(JdbiInterviewRecords.contact(rs), rs.getInt("version"));
        }
    }
}
