package com.followup.api.problem;

import com.followup.api.RequestsConfiguration;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a request body over the configured size with 413 (decision 0018): at once when {@code Content-Length} says
 * so, otherwise when reading passes the limit (a chunked or gzip body), so no body is ever read whole. The CSV import,
 * streamed to disk, has a limit of its own.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimit implements ContainerRequestFilter {
    private static final String IMPORT_PATH = "api/admin/import/";

    private final long maxBodyBytes;
    private final long maxImportBytes;

    public BodyLimit(long maxBodyBytes, long maxImportBytes) {
        if (maxBodyBytes <= 0 || maxImportBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
    }

    public static BodyLimit of(RequestsConfiguration requests) {
        return new BodyLimit(
                requests.getMaxBodySize().toBytes(), requests.getMaxImportSize().toBytes());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean isImport = (path.startsWith("/") ? path.substring(1) : path).startsWith(IMPORT_PATH);
        long limit = isImport ? maxImportBytes : maxBodyBytes;
        String setting = isImport ? "requests.maxImportSize" : "requests.maxBodySize";
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw new ProblemException(problem(limit, setting));
                }
            } catch (NumberFormatException notANumber) {
                // Jetty refuses a malformed Content-Length before this; the counting below still holds.
            }
        }
        request.setEntityStream(new Limited(request.getEntityStream(), limit, setting));
    }

    static Problem problem(long limit, String setting) {
        return Problem.of(
                ErrorCode.BODY_TOO_LARGE,
                "The request body is larger than " + limit + " bytes, the limit set by " + setting + ".");
    }

    /** Reading past the limit; an {@code IOException}, so Jackson and Jersey hand it on rather than wrap it away. */
    static final class TooLarge extends IOException {
        private final transient Problem problem;

        TooLarge(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String setting;
        private long read;

        Limited(InputStream in, long limit, String setting) {
            super(in);
            this.limit = limit;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        @Override
        public long skip(long length) throws IOException {
            long skipped = super.skip(length);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) throws TooLarge {
            read += bytes;
            if (read > limit) {
                throw new TooLarge(problem(limit, setting));
            }
        }
    }
}
