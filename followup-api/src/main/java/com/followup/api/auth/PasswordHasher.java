package com.followup.api.auth;

import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id password hashes (password4j), with the parameters stored inside each hash string.
 *
 * <p>Each hash takes 19 MiB and a core for tens of milliseconds, so at most {@code slots} run at once (one a core by
 * default): 50 parallel logins took 2 GB more and slowed every other request before (issue 15). A caller that finds
 * every slot taken waits at most {@code wait}, then gets 503 {@code SERVER_BUSY} with {@code Retry-After}.
 */
public final class PasswordHasher {
    // OWASP's second recommended Argon2id setting: 19 MiB, 2 iterations, 1 lane.
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    private final Semaphore slots;
    private final Duration wait;

    /** As many hashes at once as there are cores, each caller waiting at most two seconds for one. */
    public PasswordHasher() {
        this(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(2));
    }

    public PasswordHasher(int slots, Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, not " + slots);
        }
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
    }

    public String hash(String password) {
        return inSlot(
                () -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
    }

    public boolean matches(String password, String hash) {
        return inSlot(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
    }

    private <T> T inSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(
                    Problem.of(ErrorCode.SERVER_BUSY, "Too many logins are being checked at once; try again shortly."),
                    Map.of("Retry-After", 1));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
