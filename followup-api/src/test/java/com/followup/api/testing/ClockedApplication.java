package com.followup.api.testing;

import com.followup.api.FollowupApplication;
import java.time.Clock;
import java.time.Instant;

/** The application on {@link #CLOCK}, which the test moves. */
public class ClockedApplication extends FollowupApplication {
    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Override
    protected Clock clock() {
        return CLOCK;
    }
}
