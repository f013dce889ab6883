package com.followup.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The users table. */
@RegisterConstructorMapper(UserDao.UserRow.class)
public interface UserDao {
    record UserRow(
            long id,
            String email,
            String displayName,
            Role role,
            String passwordHash,
            boolean active,
            Instant createdAt,
            int version,
            Optional<String> zone) {
        public UserPrincipal principal(Optional<String> csrfToken) {
            return new UserPrincipal(id, email, displayName, role, csrfToken);
        }
    }

    String COLUMNS = "id, email, display_name, role, password_hash, active, created_at, version, zone";

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
    Optional<UserRow> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserRow> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users ORDER BY lower(email) LIMIT :limit OFFSET :offset")
    List<UserRow> list(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM users")
    long count();

    @SqlUpdate(
            """
            INSERT INTO users (email, display_name, role, password_hash)
            VALUES (:email, :displayName, :role, :passwordHash)
            """)
    @GetGeneratedKeys("id")
    long insert(
            @Bind("email") String email,
            @Bind("displayName") String displayName,
            @Bind("role") Role role,
            @Bind("passwordHash") String passwordHash);

    /** Optimistic concurrency: returns 0 when {@code version} is stale. */
    @SqlUpdate(
            """
            UPDATE users
               SET display_name = :displayName, role = :role, active = :active, zone = :zone,
                   version = version + 1
             WHERE id = :id AND version = :version
            """)
    int update(
            @Bind("id") long id,
            @Bind("version") int version,
            @Bind("displayName") String displayName,
            @Bind("role") Role role,
            @Bind("active") boolean active,
            @Bind("zone") String zone);

    /** The zone the user's pages show times in; null for the agency's. */
    @SqlUpdate("UPDATE users SET zone = :zone WHERE id = :id")
    void setZone(@Bind("id") long id, @Bind("zone") String zone);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash, version = version + 1 WHERE id = :id")
    void updatePassword(@Bind("id") long id, @Bind("passwordHash") String passwordHash);
}
