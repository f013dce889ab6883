package com.followup.api.mailin;

import static java.util.Objects.requireNonNull;

import com.followup.api.mailin.MailIn.Outcome;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the agency mailbox (decision 0034): each message in the folder is read, handed to {@link MailIn}, then
 * moved to the processed folder, never deleted. Run every {@code mailIn.pollInterval} by a
 * {@link com.followup.api.jobs.PeriodicJob}; several servers may poll the same mailbox, since a message is claimed by
 * its Message-ID in the database, and a message another server moved first is simply gone from this one's view.
 */
public final class MailInPoller {
    private static final Logger LOG = LoggerFactory.getLogger(MailInPoller.class);

    private final MailIn mailIn;
    private final MailInConfiguration configuration;
    private final Clock clock;

    public MailInPoller(MailIn mailIn, MailInConfiguration configuration, Clock clock) {
        this.mailIn = requireNonNull(mailIn, "mailIn is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A pass for the scheduler: failures are logged, and so is what the pass did when it did anything. */
    public void tick() {
        try {
            Map<Outcome, Integer> done = runOnce();
            if (!done.isEmpty()) {
                // The ignored ones are counted here and in the metrics MailIn.unknown-secret and MailIn.unknown-sender.
                LOG.info("Mail-in read {}", done);
            }
        } catch (MessagingException e) {
            LOG.warn(
                    "Mail-in could not read {}:{}: {}", configuration.getHost(), configuration.getPort(), e.toString());
        }
    }

    /** Reads up to {@code batchSize} messages; how many had each outcome. */
    public Map<Outcome, Integer> runOnce() throws MessagingException {
        Map<Outcome, Integer> done = new EnumMap<>(Outcome.class);
        String protocol = configuration.isTls() ? "imaps" : "imap";
        Session session = Session.getInstance(properties(protocol));
        try (Store store = session.getStore(protocol)) {
            store.connect(
                    configuration.getHost(),
                    configuration.getPort(),
                    configuration.getUser(),
                    configuration.getPassword());
            Folder processed = store.getFolder(configuration.getProcessedFolder());
            if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create the folder " + configuration.getProcessedFolder());
            }
            if (!(store.getFolder(configuration.getFolder()) instanceof IMAPFolder inbox)) {
                throw new MessagingException("not an IMAP folder: " + configuration.getFolder());
            }
            inbox.open(Folder.READ_WRITE);
            try {
                for (long uid : uids(inbox)) {
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    handle(session, inbox, uid, done);
                }
            } catch (FolderClosedException closed) {
                // The server dropped the folder mid-pass (seen with two servers moving the same messages): what was
                // handled is claimed in the database, the rest waits in the mailbox for the next pass, here or there.
                LOG.info("The mailbox closed {} during a pass; the rest waits for the next one", inbox.getFullName());
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(true);
                }
            }
        }
        return done;
    }

    /** The UIDs of the first {@code batchSize} messages not already marked deleted. */
    private List<Long> uids(IMAPFolder inbox) throws MessagingException {
        int count = Math.min(inbox.getMessageCount(), configuration.getBatchSize());
        if (count == 0) {
            return List.of();
        }
        Message[] messages = inbox.getMessages(1, count);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        inbox.fetch(messages, profile);
        List<Long> uids = new ArrayList<>();
        for (Message message : messages) {
            try {
                if (!message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
                    uids.add(inbox.getUID(message));
                }
            } catch (MessageRemovedException gone) {
                // Moved by another server meanwhile.
            }
        }
        return uids;
    }

    /**
     * One message, read and moved by its UID (never by its sequence number, which another server's move shifts), so
     * the message moved is the message read.
     */
    /** Reads, logs and moves one message, its outcome counted in {@code done} as soon as it is committed. */
    private void handle(Session session, IMAPFolder inbox, long uid, Map<Outcome, Integer> done)
            throws MessagingException {
        Optional<MimeMessage> message = fetch(session, inbox, uid);
        if (message.isEmpty()) {
            // Another server moved it first: it is its to finish.
            return;
        }
        IncomingMail mail;
        try {
            mail = MailParser.parse(message.get(), clock.instant());
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // Kept, not lost: moved to the processed folder for a person to look at.
            LOG.warn("Mail-in cannot read the message with UID {}: {}", uid, unreadable.toString());
            move(inbox, uid);
            return;
        }
        // Counted once committed, before the move: when the server drops the folder during the move, the pass ends
        // and its report still says the message was logged (the next pass finds it again, a duplicate).
        done.merge(mailIn.receive(mail), 1, Integer::sum);
        // Only after the outcome is committed: a pass that dies before this reads the message again next time, and
        // its Message-ID makes that a duplicate.
        move(inbox, uid);
    }

    /** The whole message with this UID, without marking it read; empty when it is gone. */
    private static Optional<MimeMessage> fetch(Session session, IMAPFolder inbox, long uid) throws MessagingException {
        Object body = inbox.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + uid + " (UID BODY.PEEK[])", null);
            byte[] bytes = null;
            List<Response> others = new ArrayList<>();
            for (Response response : responses) {
                if (response instanceof FetchResponse fetched) {
                    UID id = fetched.getItem(UID.class);
                    BODY part = fetched.getItem(BODY.class);
                    if (id != null && id.uid == uid && part != null && part.getByteArray() != null) {
                        ByteArray array = part.getByteArray();
                        bytes = Arrays.copyOfRange(
                                array.getBytes(), array.getStart(), array.getStart() + array.getCount());
                    }
                } else {
                    others.add(response);
                }
            }
            // Expunges and the like still reach the folder, so its view of the mailbox stays right.
            protocol.notifyResponseHandlers(others.toArray(Response[]::new));
            protocol.handleResult(responses[responses.length - 1]);
            return bytes;
        });
        return body instanceof byte[] bytes
                ? Optional.of(new MimeMessage(session, new ByteArrayInputStream(bytes)))
                : Optional.empty();
    }

    /** Moves the message with this UID to the processed folder (MOVE, or COPY and delete on an older server). */
    private void move(IMAPFolder inbox, long uid) throws MessagingException {
        String target = BASE64MailboxEncoder.encode(configuration.getProcessedFolder());
        try {
            inbox.doCommand(protocol -> {
                Argument folder = new Argument();
                folder.writeString(target);
                if (protocol.hasCapability("MOVE")) {
                    protocol.simpleCommand("UID MOVE " + uid, folder);
                } else {
                    protocol.simpleCommand("UID COPY " + uid, folder);
                    protocol.simpleCommand("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)", null);
                }
                return null;
            });
        } catch (FolderClosedException | StoreClosedException lost) {
            throw lost;
        } catch (MessagingException e) {
            // Moved by another server meanwhile, or refused: the next pass finds it again, as a duplicate.
            LOG.debug("Mail-in could not move the message with UID {}: {}", uid, e.toString());
        }
    }

    private Properties properties(String protocol) {
        Properties properties = new Properties();
        String timeout = String.valueOf(configuration.getTimeout().toMillis());
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        if (configuration.isTls()) {
            properties.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
