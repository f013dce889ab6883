package com.followup.api.companies;

import com.followup.core.model.Channel;
import com.followup.core.model.ContactRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The request and response bodies of the company use cases ({@link Companies}), shared by the API and the portal.
 * Bean validation annotations are checked at each door: by Jersey for the API, by the portal's validator for forms.
 */
public final class CompanyBodies {
    private CompanyBodies() {}

    public record Overrides(
            Optional<Duration> spacing,
            Optional<Integer> statusCheckLimit,
            Optional<Channel> preferredChannel,
            boolean doesNotReply) {}

    public record CompanyView(long id, String name, Overrides overrides, int version) {}

    public record CompanyRequest(
            @NotBlank @Size(max = 200) String name,
            Duration spacing,
            @Min(1) @Max(10) Integer statusCheckLimit,
            Channel preferredChannel,
            boolean doesNotReply,
            Integer version) {}

    /**
     * How fast the company answers: hours from the first touch after an interview to the first reply after it, with
     * the counts beside them (small numbers mislead).
     *
     * @param threads interviews with a touch
     * @param answered those with a reply after the first touch
     * @param medianHours the median over the answered ones; empty when none is
     * @param p90Hours the 90th percentile over the answered ones; empty when none is
     */
    public record ResponseSpeed(long threads, long answered, Optional<Double> medianHours, Optional<Double> p90Hours) {}

    public record ContactView(
            long id,
            long companyId,
            String name,
            String title,
            ContactRole role,
            Optional<String> businessEmail,
            Optional<String> businessPhone,
            Optional<String> linkedInUrl,
            List<String> warnings,
            int version) {}

    public record ContactRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String title,
            @NotNull ContactRole role,
            @Email String businessEmail,
            @Pattern(regexp = "^[+0-9 ()./-]{5,30}$", message = "is not a phone number") String businessPhone,
            @Pattern(regexp = "^https?://.+", message = "must be an http(s) link") String linkedInUrl,
            Integer version) {}
}
