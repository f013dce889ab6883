package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.privacy.Erasures;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The report archive's part in an erasure (issue 20, decision 0035): an archived report whose CSV names the erased
 * person (a candidate's or a hiring manager's row) is produced again from its own parameters, now with the anonymous
 * name, and the old version is removed. The CSV and the PDF are rendered from the same figures, so the CSV, which is
 * text, says which reports name them. Runs in the erasure's transaction: if it fails, nothing is erased.
 */
public final class ReportRedaction implements Erasures.Listener {
    private final ReportService reports;

    public ReportRedaction(ReportService reports) {
        this.reports = requireNonNull(reports, "reports is null");
    }

    @Override
    public void erased(Handle handle, Erasures.Erased erased) {
        if (erased.strings().isEmpty()) {
            return;
        }
        List<Long> naming = handle.createQuery(
                        """
                        SELECT f.report_id FROM report_files f
                        WHERE f.format = 'CSV' AND convert_from(f.content, 'UTF8') ~* :pattern
                        ORDER BY f.report_id
                        """)
                .bind("pattern", Erasures.pattern(erased.strings()))
                .mapTo(Long.class)
                .list();
        for (long reportId : naming) {
            reports.reproduce(handle, reportId);
        }
    }
}
