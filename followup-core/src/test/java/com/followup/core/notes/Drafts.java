package com.followup.core.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Realistic test data: one interview with Anna Lindqvist and Ben Osei at a payments company. */
final class Drafts {
    static final NoteRecipient ANNA = new NoteRecipient("Anna", "Lindqvist", Optional.of("Engineering Manager"));
    static final NoteRecipient BEN = new NoteRecipient("Ben", "Osei");

    static final String DEBRIEF =
            """
            Anna Lindqvist (engineering manager): we discussed the payment platform migration to Kafka and how the
            ledger service stays available during the cut-over. Her concern: my limited on-call experience.
            Ben Osei (staff engineer): pairing exercise on rate limiting; he asked about observability and tracing.
            Unasked: how big the platform group is.
            """;

    static final String NOTE_TO_ANNA =
            """
            Dear Anna,

            Thank you for taking the time to meet with me on Tuesday. I enjoyed our conversation about the payment \
            platform migration, and your point about keeping the ledger service available during the cut-over has \
            stayed with me. In my current job I led a similar move from a monolith to event streaming, and I would be \
            glad to share how we tested it.

            I am very interested in the senior engineer role and excited about the chance to join your group.

            Best regards,
            Sam Okafor
            """;

    static final String NOTE_TO_BEN =
            """
            Hi Ben,

            I appreciated the pairing session on Tuesday. Working through the rate limiter together was the most \
            enjoyable part of the day, and your questions about tracing made me think harder about how I would \
            instrument it. Since then I have sketched how I would add metrics to the token bucket, which I'm happy \
            to send over.

            The role sounds like a great fit for me, and I am keen to contribute to the platform group.

            Best wishes,
            Sam Okafor
            """;

    private Drafts() {}

    static NoteDraft toAnna(String text) {
        return NoteDraft.of(text, ANNA).withCompany("Paylio").withDebrief(DEBRIEF);
    }

    static NoteDraft toBen(String text) {
        return NoteDraft.of(text, BEN).withCompany("Paylio").withDebrief(DEBRIEF);
    }

    /** Exactly {@code count} words of plain, correctly spelled English. */
    static String words(int count) {
        String[] pool = "thank you for a great conversation about the role and the team today".split(" ");
        List<String> words = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            words.add(pool[index % pool.length]);
        }
        return String.join(" ", words) + ".";
    }
}
