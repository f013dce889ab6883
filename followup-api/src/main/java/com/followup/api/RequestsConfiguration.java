package com.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/**
 * How large a request body may be (decision 0018): bodies over the limit answer 413 with a problem, and are never read
 * whole. Counted after decompression, so a small gzip body cannot unpack into gigabytes.
 */
public class RequestsConfiguration {
    /** JSON bodies and forms: the largest real one (a policy, a thank-you note) is a few kilobytes. */
    @NotNull
    @MinDataSize(1024)
    private DataSize maxBodySize = DataSize.mebibytes(1);

    /** CSV files to {@code POST /api/admin/import/{kind}}, which are streamed to disk (docs/import.md). */
    @NotNull
    @MinDataSize(1024)
    private DataSize maxImportSize = DataSize.mebibytes(64);

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @JsonProperty
    public DataSize getMaxImportSize() {
        return maxImportSize;
    }

    @JsonProperty
    public void setMaxImportSize(DataSize maxImportSize) {
        this.maxImportSize = maxImportSize;
    }
}
