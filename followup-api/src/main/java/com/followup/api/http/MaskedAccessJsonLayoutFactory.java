package com.followup.api.http;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The request log's {@code access-json} layout, with the secrets that travel in URLs masked (issue 15, decision 0024):
 * the calendar feed's and the unsubscribe link's token in the path, and any {@code token} or {@code key} query
 * parameter (in the URL and in the {@code params} attribute). Used as
 * {@code layout: {type: access-json-masked}} in {@code server.requestLog}; it takes every option of
 * {@code access-json}. The mask applies to the whole line, so a {@code Referer} header that carries such a URL is
 * masked too.
 */
@JsonTypeName("access-json-masked")
public class MaskedAccessJsonLayoutFactory extends AccessJsonLayoutBaseFactory {
    public static final String MASK = "****";

    // A token is URL-safe base64: up to the next "/", ".", "?", "#", quote, backslash or white space.
    private static final Pattern PATH_TOKEN = Pattern.compile("(/api/(?:calendar|unsubscribe)/)[^/.?#\"\\\\\\s&]+");
    private static final Pattern QUERY_TOKEN = Pattern.compile("([?&](?:token|key)=)[^&#\"\\\\\\s]+");
    // The same parameter as the layout's "params" attribute writes it: "token":["..."].
    private static final Pattern PARAMETER_TOKEN = Pattern.compile("(\"(?:token|key)\":\\[\")[^\"]*");

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        return new Masking(super.build(context, timeZone));
    }

    /** {@code line} with every token of a secret URL replaced by {@link #MASK}. */
    public static String mask(String line) {
        String masked = PATH_TOKEN.matcher(line).replaceAll("$1" + MASK);
        masked = QUERY_TOKEN.matcher(masked).replaceAll("$1" + MASK);
        return PARAMETER_TOKEN.matcher(masked).replaceAll("$1" + MASK);
    }

    private static final class Masking extends LayoutBase<IAccessEvent> {
        private final LayoutBase<IAccessEvent> layout;

        Masking(LayoutBase<IAccessEvent> layout) {
            this.layout = layout;
        }

        @Override
        public String doLayout(IAccessEvent event) {
            return mask(layout.doLayout(event));
        }

        @Override
        public void setContext(Context context) {
            super.setContext(context);
            layout.setContext(context);
        }

        @Override
        public String getContentType() {
            return layout.getContentType();
        }

        @Override
        public void start() {
            layout.start();
            super.start();
        }

        @Override
        public void stop() {
            layout.stop();
            super.stop();
        }
    }
}
