package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Login attempts per address, counted in PostgreSQL before the password is checked (issue 15, decision 0024).
 *
 * <p>The first {@code freeAttempts} attempts of an address go through back to back; from then on each attempt must
 * wait a delay that doubles from {@code firstDelay} up to {@code longestDelay}. A success forgets the address; so does
 * a day (or {@code forgetAfter}) without attempts. Counting takes the address's row lock in one transaction, so 30
 * parallel guesses cannot all pass a check made before any of them was counted. Unknown addresses are counted the same
 * way, and only the SHA-256 of the address is stored.
 */
public final class LoginThrottle {
    /** Whether an attempt may check its password now, or when the address may try again. */
    public sealed interface Verdict {}

    public record Allowed() implements Verdict {}

    public record Refused(Duration retryAfter) implements Verdict {}

    private final Jdbi jdbi;
    private final int freeAttempts;
    private final Duration firstDelay;
    private final Duration longestDelay;
    private final Duration forgetAfter;

    public LoginThrottle(
            Jdbi jdbi, int freeAttempts, Duration firstDelay, Duration longestDelay, Duration forgetAfter) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.freeAttempts = freeAttempts;
        this.firstDelay = requireNonNull(firstDelay, "firstDelay is null");
        this.longestDelay = requireNonNull(longestDelay, "longestDelay is null");
        this.forgetAfter = requireNonNull(forgetAfter, "forgetAfter is null");
    }

    /** Counts an attempt at {@code email}, unless the address must wait; in one transaction, under the row's lock. */
    public Verdict attempt(String email, Instant now) {
        return attemptAt(addressHash(email), now);
    }

    /**
     * Counts an attempt from a client address (IP), unless it must wait; kept in the same table under the SHA-256 of
     * {@code "client:" + ip}, which no e-mail address's key can equal.
     */
    public Verdict attemptFromClient(String clientAddress, Instant now) {
        return attemptAt(clientHash(clientAddress), now);
    }

    /**
     * A login from the client succeeded: its attempt is given back, so only failures pile up at an address many
     * people share (an office behind one IP); the delay already set stays.
     */
    public void refundClient(String clientAddress) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE address_hash = :key")
                .bind("key", clientHash(clientAddress))
                .execute());
    }

    private Verdict attemptAt(String address, Instant now) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate(
                            """
                            INSERT INTO login_throttle (address_hash, attempts, last_attempt_at)
                            VALUES (:address, 0, :now) ON CONFLICT (address_hash) DO NOTHING
                            """)
                    .bind("address", address)
                    .bind("now", now)
                    .execute();
            State state = handle.createQuery(
                            """
                            SELECT attempts, not_before, last_attempt_at FROM login_throttle
                             WHERE address_hash = :address FOR UPDATE
                            """)
                    .bind("address", address)
                    .map((rs, context) -> new State(
                            rs.getInt("attempts"),
                            Optional.ofNullable(rs.getObject("not_before", OffsetDateTime.class))
                                    .map(OffsetDateTime::toInstant),
                            rs.getObject("last_attempt_at", OffsetDateTime.class)
                                    .toInstant()))
                    .one();
            int attempts = state.attempts();
            Optional<Instant> notBefore = state.notBefore();
            if (state.lastAttemptAt().plus(forgetAfter).isBefore(now)) {
                attempts = 0;
                notBefore = Optional.empty();
            }
            if (notBefore.filter(now::isBefore).isPresent()) {
                return new Refused(Duration.between(now, notBefore.get()));
            }
            int counted = attempts + 1;
            Optional<Instant> next =
                    counted >= freeAttempts ? Optional.of(now.plus(delayAfter(counted))) : Optional.empty();
            update(handle, address, counted, next, now);
            return new Allowed();
        });
    }

    /** A login that succeeded forgets its address, and every address quiet for longer than the memory. */
    public void succeeded(String email, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        """
                        DELETE FROM login_throttle
                         WHERE address_hash = :address OR last_attempt_at < :forgotten
                        """)
                .bind("address", addressHash(email))
                .bind("forgotten", now.minus(forgetAfter))
                .execute());
    }

    /**
     * Forgets an address inside the caller's transaction: a password reset or an accepted invitation proved the person
     * reads its mailbox, so the delays piled up by wrong guesses no longer apply.
     */
    public static void forget(Handle handle, String email) {
        handle.createUpdate("DELETE FROM login_throttle WHERE address_hash = :address")
                .bind("address", addressHash(email))
                .execute();
    }

    /** The wait after the {@code counted}-th attempt: none before the free ones are used, then doubling, capped. */
    Duration delayAfter(int counted) {
        int doublings = Math.min(counted - freeAttempts, 40);
        Duration delay = firstDelay;
        for (int i = 0; i < doublings && delay.compareTo(longestDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longestDelay) > 0 ? longestDelay : delay;
    }

    private static void update(Handle handle, String address, int attempts, Optional<Instant> notBefore, Instant now) {
        handle.createUpdate(
                        """
                        UPDATE login_throttle SET attempts = :attempts, not_before = :notBefore, last_attempt_at = :now
                         WHERE address_hash = :address
                        """)
                .bind("address", address)
                .bind("attempts", attempts)
                .bind(
                        "notBefore",
                        notBefore
                                .map(instant -> instant.atOffset(ZoneOffset.UTC))
                                .orElse(null))
                .bind("now", now)
                .execute();
    }

    private static String clientHash(String clientAddress) {
        return Secrets.hash("client:" + clientAddress.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressHash(String email) {
        return Secrets.hash(email.trim().toLowerCase(Locale.ROOT));
    }

    private record State(int attempts, Optional<Instant> notBefore, Instant lastAttemptAt) {}
}
