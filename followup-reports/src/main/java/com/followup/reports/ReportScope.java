package com.followup.reports;

import java.util.Optional;

/**
 * Whose interviews a report covers: the whole agency, or the candidates assigned to one recruiter. Stored in the
 * archive as {@code agency} or {@code recruiter:42}.
 */
public record ReportScope(Optional<Long> recruiterId) {
    public static final ReportScope AGENCY = new ReportScope(Optional.empty());

    public ReportScope {
        java.util.Objects.requireNonNull(recruiterId, "recruiterId is null");
    }

    public static ReportScope recruiter(long recruiterId) {
        return new ReportScope(Optional.of(recruiterId));
    }

    public static ReportScope parse(String text) {
        if ("agency".equals(text)) {
            return AGENCY;
        }
        if (text != null && text.startsWith("recruiter:")) {
            return recruiter(Long.parseLong(text.substring("recruiter:".length())));
        }
        throw new IllegalArgumentException("a scope is agency or recruiter:<id>, got " + text);
    }

    public boolean isAgency() {
        return recruiterId.isEmpty();
    }

    @Override
    public String toString() {
        return recruiterId.map(id -> "recruiter:" + id).orElse("agency");
    }
}
