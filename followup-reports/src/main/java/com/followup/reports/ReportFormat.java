package com.followup.reports;

/** The files of a report. */
public enum ReportFormat {
    PDF("application/pdf", "pdf"),
    CSV("text/csv; charset=utf-8; header=present", "csv"),
    /**
     * The CSV's data as tidy tables in one zip ({@link TidyCsvReport}): not archived on its own, derived from the
     * archived CSV whenever asked, so it always holds exactly the archived figures.
     */
    ZIP("application/zip", "zip");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static ReportFormat parse(String text) {
        for (ReportFormat format : values()) {
            if (format.extension.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("a format is pdf, csv or zip, got " + text);
    }
}
