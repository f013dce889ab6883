package com.followup.api.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Marker;

/**
 * A client that hangs up before its answer is written (a browser closed during a report's download, a load generator
 * stopping) is not a server error. Jersey logs each as an ERROR with a stack trace of about ninety lines, which an
 * operator reads as something to fix (seen in every benchmark run, issue 18). This filter turns those into one INFO line
 * naming what happened. An I/O error whose cause is not the connection going away is left as Jersey logs it.
 */
public final class ClientGone extends TurboFilter {
    /** Where Jersey logs a failure to write an answer. */
    static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientGone.class);

    private static final Set<String> GONE_MESSAGES =
            Set.of("Broken pipe", "Connection reset by peer", "Connection reset");

    /** Adds the filter to logback's context, once. */
    public static void install() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(ClientGone.class::isInstance)) {
            ClientGone filter = new ClientGone();
            filter.setName("client-gone");
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (thrown == null
                || level != Level.ERROR
                || !JERSEY_RESPONDER.equals(logger.getName())
                || !clientWentAway(thrown)) {
            return FilterReply.NEUTRAL;
        }
        LOG.info("A client closed its connection before its answer was written ({})", rootMessage(thrown));
        return FilterReply.DENY;
    }

    /** The most causes looked at: a chain of causes may loop. */
    private static final int DEEPEST = 32;

    /** Jetty's end of stream, a closed channel, or the kernel's words for a peer that went away, anywhere in the chain. */
    static boolean clientWentAway(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < DEEPEST; depth++, cause = cause.getCause()) {
            if (cause instanceof EofException
                    || cause instanceof ClosedChannelException
                    || (cause.getMessage() != null && GONE_MESSAGES.contains(cause.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        for (int depth = 0; root.getCause() != null && depth < DEEPEST; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
