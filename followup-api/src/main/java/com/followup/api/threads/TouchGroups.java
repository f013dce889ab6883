package com.followup.api.threads;

import static java.util.Objects.requireNonNull;

import com.followup.api.threads.Threads.Outcome;
import com.followup.api.threads.Threads.TouchToLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for touches (issue 18, decision 0038): the touches that requests log at the same moment are written
 * by one thread in one transaction, a group at a time, each touch still checked, evaluated and answered as if alone.
 * A group shares its statements (one insert of all its touches, one audit insert, one summary batch) and its
 * commit, which is what a touch cost: the per-statement work of the driver and the database, not the disk.
 *
 * <p>While a group is written, the next one gathers; a group holds at most one touch per interview (the second
 * waits for the next group, so each is evaluated on a record with the one before it) and at most {@link #MOST}. A
 * touch refused by a check is answered with its error alone; when the group's transaction fails for another reason
 * (a deadlock, a constraint, the database going away), each of its touches is written again in a transaction of its
 * own, so one bad touch never fails the others and a failure is the failing touch's own.
 */
final class TouchGroups {
    private static final Logger LOG = LoggerFactory.getLogger(TouchGroups.class);

    /** The most touches in one transaction. */
    static final int MOST = 64;

    private final Jdbi jdbi;
    private final BiFunction<Handle, List<TouchToLog>, List<Outcome>> logAll;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    // One thread, started when touches come and ended after a few idle seconds, so that an idle server (or a test's
    // services) keeps none.
    private final ThreadPoolExecutor writer =
            new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "touch-groups");
                thread.setDaemon(true);
                return thread;
            });

    private record Waiting(TouchToLog touch, CompletableFuture<Outcome> outcome) {}

    TouchGroups(Jdbi jdbi, BiFunction<Handle, List<TouchToLog>, List<Outcome>> logAll) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.logAll = requireNonNull(logAll, "logAll is null");
    }

    /** Logs the touch with whatever others are waiting, and waits for its outcome (once its group committed). */
    Outcome log(TouchToLog touch) {
        Waiting waiting = new Waiting(touch, new CompletableFuture<>());
        queue.add(waiting);
        if (writing.compareAndSet(false, true)) {
            writer.execute(this::writeWhileWaiting);
        }
        try {
            return waiting.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the touch was written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the touch's group failed unexpectedly", e.getCause());
        }
    }

    /** Writes groups until nothing waits. */
    private void writeWhileWaiting() {
        List<Waiting> held = new ArrayList<>();
        while (true) {
            List<Waiting> group = new ArrayList<>();
            Set<Long> interviews = new HashSet<>();
            List<Waiting> later = new ArrayList<>();
            for (Waiting waiting : held) {
                admit(waiting, group, interviews, later);
            }
            Waiting next;
            while (group.size() < MOST && (next = queue.poll()) != null) {
                admit(next, group, interviews, later);
            }
            held = later;
            if (group.isEmpty()) {
                writing.set(false);
                // A touch queued after the last poll saw the flag still set and started no writer: take it here.
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            write(group);
        }
    }

    private static void admit(Waiting waiting, List<Waiting> group, Set<Long> interviews, List<Waiting> later) {
        if (group.size() < MOST && interviews.add(waiting.touch().interviewId())) {
            group.add(waiting);
        } else {
            later.add(waiting);
        }
    }

    private void write(List<Waiting> group) {
        try {
            List<Outcome> outcomes = jdbi.inTransaction(handle ->
                    logAll.apply(handle, group.stream().map(Waiting::touch).toList()));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).outcome().complete(Outcome.refused(e));
            } else {
                // Nothing of the group was written: each again on its own, so the failure is the failing one's.
                for (Waiting waiting : group) {
                    write(List.of(waiting));
                }
            }
        } catch (Error e) {
            // Its callers fail with it (a 500 each); the writer goes on with the next group rather than die with the
            // flag still set, which would leave every later touch waiting for a writer that never comes.
            LOG.error("A group of {} touches failed", group.size(), e);
            group.forEach(waiting -> waiting.outcome().completeExceptionally(e));
        }
    }
}
