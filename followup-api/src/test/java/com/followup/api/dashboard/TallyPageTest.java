package com.followup.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.dashboard.DashboardBodies.Sort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A dashboard page is chosen from the candidates' tallies without sorting them all (issue 18): the page must be the
 * one a full sort gives, for both orders, any offset and any size, with ties on every key but the candidate's id.
 */
class TallyPageTest {
    private static final String[] NAMES = {"Ada Byrne", "ada byrne", "ADA BYRNE", "Bo Chen", "Émile Roux", "bo chen"};

    private static List<Tally> tallies(Random random, int count) {
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tally tally = new Tally(1_000 + i, NAMES[random.nextInt(NAMES.length)]);
            tally.overdue = random.nextInt(4) == 0 ? 1 : 0;
            tally.dueSoon = random.nextInt(4) == 0 ? 1 : 0;
            tally.due = tally.dueSoon + (random.nextInt(3) == 0 ? 1 : 0);
            tally.waiting = random.nextInt(2);
            tally.newBreaches = random.nextInt(5) == 0;
            // Few distinct deadlines, and some none: ties on the deadline are common.
            tally.nextDeadline = random.nextInt(4) == 0
                    ? null
                    : Instant.parse("2026-12-01T09:00:00Z").plusSeconds(3_600L * random.nextInt(6));
            tallies.add(tally);
        }
        // In no particular order, as read from the database.
        Collections.shuffle(tallies, random);
        return tallies;
    }

    private static List<Long> ids(List<Tally> tallies) {
        return tallies.stream().map(tally -> tally.candidateId).toList();
    }

    @Test
    void everyPageIsTheOneAFullSortGives() {
        Random random = new Random(18);
        for (int round = 0; round < 20; round++) {
            List<Tally> tallies = tallies(random, 1 + random.nextInt(400));
            for (Sort sort : Sort.values()) {
                Comparator<Tally> order = Tally.order(sort);
                List<Tally> sorted = new ArrayList<>(tallies);
                sorted.sort(order);
                for (int limit : new int[] {1, 7, 50, 500}) {
                    for (long offset : new long[] {0, 1, 13, 50, tallies.size() - 1, tallies.size(), 10_000}) {
                        List<Tally> expected = offset >= sorted.size()
                                ? List.of()
                                : sorted.subList((int) offset, (int) Math.min(sorted.size(), offset + limit));
                        assertThat(ids(Tally.pageInOrder(tallies, order, offset, limit)))
                                .as("%s, %d tallies, offset %d, limit %d", sort, tallies.size(), offset, limit)
                                .containsExactlyElementsOf(ids(expected));
                    }
                }
            }
        }
    }

    @Test
    void theUrgencyOrderPutsOverdueFirstThenTheEarliestDeadlineThenTheNameInAnyCase() {
        Tally laterOverdue = new Tally(1, "zoe");
        laterOverdue.overdue = 1;
        laterOverdue.nextDeadline = Instant.parse("2026-12-02T09:00:00Z");
        Tally earlierOverdue = new Tally(2, "Zed");
        earlierOverdue.overdue = 1;
        earlierOverdue.nextDeadline = Instant.parse("2026-12-01T09:00:00Z");
        Tally sameDeadlineByName = new Tally(3, "alice");
        sameDeadlineByName.overdue = 1;
        sameDeadlineByName.nextDeadline = Instant.parse("2026-12-01T09:00:00Z");
        Tally nothingToDo = new Tally(4, "Aaron");
        List<Tally> tallies = new ArrayList<>(List.of(nothingToDo, laterOverdue, earlierOverdue, sameDeadlineByName));
        for (int i = 0; i < 20; i++) {
            tallies.add(new Tally(100 + i, "quiet " + i));
        }

        assertThat(ids(Tally.pageInOrder(tallies, Tally.order(Sort.URGENCY), 0, 3)))
                .containsExactly(3L, 2L, 1L);
        assertThat(ids(Tally.pageInOrder(tallies, Tally.order(Sort.NAME), 0, 2)))
                .containsExactly(4L, 3L);
    }
}
