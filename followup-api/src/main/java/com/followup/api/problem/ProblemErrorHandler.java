package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what it refuses before Jersey sees it (a path that is not valid percent-encoding, an ambiguous
 * path, a URI or headers too large, a broken request line) as the same problem details as the API's own errors
 * (decision 0018). A request that is not for the API ({@code /api}) keeps Jetty's HTML page, as the portal's pages are
 * HTML; a message too broken to have a path answers problem details. Jetty writes no error body for a PUT or PATCH
 * by default: here every method gets one.
 *
 * <p>Two handlers, as Jetty has two places for them: this one on the server (a request line or header Jetty cannot
 * parse), and {@link InContext} on the application's servlet context (a path the servlet layer refuses, such as one
 * with a NUL character or an encoded slash).
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final String BAD_MESSAGE_PATH = "/badMessage";

    private final ObjectMapper json;

    public ProblemErrorHandler(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        // Jetty answers a request whose URI it cannot parse as one for "/badMessage": its path is unknown.
        if (path != null && !path.equals(BAD_MESSAGE_PATH) && !isApi(path)) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body(json, code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(json, status, reason));
    }

    /** The servlet context's handler: the same answer, then the servlet layer's own end of an error response. */
    public static final class InContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        private final ObjectMapper json;

        public InContext(ObjectMapper json) {
            this.json = requireNonNull(json, "json is null");
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause)
                throws IOException {
            String path =
                    request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            if (path != null && !isApi(path)) {
                return super.generateAcceptableResponse(
                        request, response, callback, contentType, charsets, code, message, cause);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            response.write(true, ByteBuffer.wrap(body(json, code, message)), callback);
            Request.as(request, ServletContextRequest.class).getServletChannel().sendErrorResponseAndComplete();
            return true;
        }
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static byte[] body(ObjectMapper json, int status, String message) {
        String reason = HttpStatus.getMessage(status);
        // A 4xx message says what Jetty refused ("Ambiguous URI path separator"); a 5xx one is internal.
        String detail = status < 500 && message != null && !message.isBlank() ? message : reason;
        try {
            return json.writeValueAsBytes(ProblemMappers.frameworkProblem(status, reason, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serializable", e);
        }
    }
}
