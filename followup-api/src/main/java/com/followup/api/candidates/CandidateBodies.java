package com.followup.api.candidates;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The request and response bodies of the candidate use cases ({@link Candidates}), shared by the API and the portal.
 * Bean validation annotations are checked at each door: by Jersey for the API, by the portal's validator for forms.
 */
public final class CandidateBodies {
    private CandidateBodies() {}

    public record CandidateView(
            long id,
            String name,
            String email,
            String zone,
            Optional<Long> userId,
            List<Long> recruiterIds,
            Instant createdAt,
            int version) {}

    public record CandidateRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email String email,
            @NotBlank String zone,
            Long userId,
            Integer version) {}

    public record Assignment(@NotNull Long recruiterId) {}
}
