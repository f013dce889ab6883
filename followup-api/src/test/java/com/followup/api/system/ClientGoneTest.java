package com.followup.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A client that hung up is one INFO line; any other failure to write an answer stays Jersey's ERROR. */
class ClientGoneTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> kept = new ListAppender<>();
    /** The filter's own line goes to the application's logging, as in the server. */
    private final ListAppender<ILoggingEvent> told = new ListAppender<>();
    /** The level the application's logger had, given back after each test. */
    private Level level;

    private Logger clientGoneLogger() {
        return (Logger) LoggerFactory.getLogger(ClientGone.class);
    }

    @BeforeEach
    void filterInAContextOfItsOwn() {
        ClientGone filter = new ClientGone();
        filter.start();
        context.addTurboFilter(filter);
        kept.setContext(context);
        kept.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(kept);
        told.start();
        clientGoneLogger().addAppender(told);
        level = clientGoneLogger().getLevel();
        clientGoneLogger().setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        clientGoneLogger().detachAppender(told);
        clientGoneLogger().setLevel(level);
        context.stop();
    }

    private void jersey(Level level, Throwable thrown) {
        Logger responder = context.getLogger(ClientGone.JERSEY_RESPONDER);
        String message = "An I/O error has occurred while writing a response message entity to the container output"
                + " stream.";
        if (level == Level.ERROR) {
            responder.error(message, thrown);
        } else {
            responder.warn(message, thrown);
        }
    }

    private List<String> toldLines() {
        return told.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aClientThatHungUpIsOneInfoLine() {
        jersey(Level.ERROR, new EofException(new IOException("Broken pipe")));
        jersey(Level.ERROR, new ProcessingException(new IOException("Connection reset by peer")));
        jersey(Level.ERROR, new IOException(new ClosedChannelException()));

        assertThat(kept.list).isEmpty();
        assertThat(toldLines())
                .containsExactly(
                        "A client closed its connection before its answer was written (IOException: Broken pipe)",
                        "A client closed its connection before its answer was written (IOException: Connection reset"
                                + " by peer)",
                        "A client closed its connection before its answer was written (ClosedChannelException)");
        assertThat(told.list).allMatch(event -> event.getLevel() == Level.INFO);
    }

    @Test
    void anyOtherFailureToWriteStaysAnError() {
        jersey(Level.ERROR, new IOException("No space left on device"));
        jersey(Level.ERROR, new IllegalStateException("the entity could not be written"));

        assertThat(kept.list).hasSize(2).allMatch(event -> event.getLevel() == Level.ERROR);
        assertThat(told.list).isEmpty();
    }

    @Test
    void aChainOfCausesThatLoopsIsLookedAtOnlySoFar() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        jersey(Level.ERROR, first);

        assertThat(kept.list).hasSize(1);
        assertThat(told.list).isEmpty();
    }

    @Test
    void onlyJerseysErrorsAreFiltered() {
        context.getLogger("com.followup.api.Something").error("failed", new EofException("early EOF"));
        jersey(Level.WARN, new EofException("early EOF"));

        assertThat(kept.list).hasSize(2);
        assertThat(told.list).isEmpty();
    }

    @Test
    void installsOnceInTheApplicationsLogging() {
        LoggerContext application = (LoggerContext) LoggerFactory.getILoggerFactory();
        ClientGone.install();
        ClientGone.install();

        assertThat(application.getTurboFilterList().stream().filter(ClientGone.class::isInstance))
                .hasSize(1);
    }
}
