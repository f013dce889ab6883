package com.followup.core.repository;

import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where interview records come from: PostgreSQL in the server, a map in tests. */
public interface InterviewRecords {
    Optional<InterviewRecord> find(InterviewId id);

    /** The records of {@code ids} that exist, in no particular order; one round of queries, not one per id. */
    List<InterviewRecord> findAll(Collection<InterviewId> ids);
}
