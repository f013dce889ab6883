package com.followup.api.mailin;

import com.followup.api.auth.Secrets;
import com.followup.api.mailin.IncomingMail.Party;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns a Jakarta Mail message into an {@link IncomingMail}: the headers mail-in matches on, the text part (an HTML
 * part turned into text with jsoup when there is no plain one), and the quoted original of a forward. Attachments are
 * skipped, never stored.
 */
public final class MailParser {
    /** The subject prefixes of a forward in the mail clients candidates use (English, German, French, Dutch...). */
    private static final Pattern FORWARD_SUBJECT =
            Pattern.compile("^\\s*(fwd?|fw|wg|tr|doorst)\\s*:", Pattern.CASE_INSENSITIVE);

    private static final Pattern QUOTED_FROM =
            Pattern.compile("^[\\s>]*(?:From|Von|De|Van)\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern QUOTED_DATE = Pattern.compile(
            "^[\\s>]*(?:Date|Sent|Datum|Gesendet)\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern ANGLED = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern BARE = Pattern.compile("([^\\s<>\"(),;:\\[\\]]+@[^\\s<>\"(),;:\\[\\]]+)");
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^\\s<>\"(),;:\\[\\]]+@[^\\s<>\"(),;:\\[\\]]+");

    private static final int MAX_TEXT = 20_000;

    private MailParser() {}

    public static IncomingMail parse(Message message, Instant fallbackNow) throws MessagingException, IOException {
        Party from = first(message.getFrom()).orElseThrow(() -> new MessagingException("the message names no sender"));
        List<Party> recipients = new ArrayList<>();
        recipients.addAll(parties(message.getRecipients(Message.RecipientType.TO)));
        recipients.addAll(parties(message.getRecipients(Message.RecipientType.CC)));
        List<String> routing = new ArrayList<>();
        recipients.forEach(recipient -> routing.add(recipient.address()));
        for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")) {
            String[] values = message.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    for (String one : value.split(",")) {
                        if (!one.isBlank()) {
                            routing.add(stripAngles(one.trim()));
                        }
                    }
                }
            }
        }
        Date sent = message.getSentDate();
        Date received = message.getReceivedDate();
        Instant sentAt = sent != null ? sent.toInstant() : received != null ? received.toInstant() : fallbackNow;
        Optional<String> subject =
                Optional.ofNullable(message.getSubject()).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> text = text(message).map(MailParser::tidy).filter(s -> !s.isEmpty());
        Optional<Party> forwardedFrom = Optional.empty();
        Optional<Instant> forwardedAt = Optional.empty();
        if (subject.isPresent() && FORWARD_SUBJECT.matcher(subject.get()).find() && text.isPresent()) {
            Matcher quoted = QUOTED_FROM.matcher(text.get());
            if (quoted.find()) {
                forwardedFrom = party(quoted.group(1));
                Matcher date = QUOTED_DATE.matcher(text.get());
                if (date.find(quoted.start()) || date.find(0)) {
                    forwardedAt = date(date.group(1));
                }
            }
        }
        return new IncomingMail(
                key(message),
                sentAt,
                from,
                recipients,
                routing,
                subject,
                text.map(body -> body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body),
                forwardedFrom,
                forwardedAt);
    }

    /** The Message-ID, or, for a message without one, a hash of the headers that identify it. */
    static String key(Message message) throws MessagingException {
        if (message instanceof MimeMessage mime) {
            String id = mime.getMessageID();
            if (id != null && !id.isBlank() && id.length() <= 900) {
                return id.trim();
            }
        }
        StringBuilder identity = new StringBuilder();
        for (String header : List.of("From", "To", "Cc", "Date", "Subject")) {
            String[] values = message.getHeader(header);
            identity.append(header)
                    .append(':')
                    .append(values == null ? "" : String.join(",", values))
                    .append('\n');
        }
        return "no-message-id:" + Secrets.hash(identity.toString());
    }

    private static Optional<String> text(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.empty();
        }
        if (part.isMimeType("text/plain")) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("text/html")) {
            return Optional.of(htmlToText(String.valueOf(part.getContent())));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            // A plain part wins over an HTML one anywhere in the message (multipart/alternative puts it first).
            Optional<String> html = Optional.empty();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/html")) {
                    if (html.isEmpty() && !Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
                        html = text(body);
                    }
                    continue;
                }
                Optional<String> found = text(body);
                if (found.isPresent()) {
                    return found;
                }
            }
            return html;
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
            return text(inner);
        }
        return Optional.empty();
    }

    /** HTML as the reader saw it: block elements and line breaks become new lines, the rest its text. */
    static String htmlToText(String html) {
        StringBuilder out = new StringBuilder();
        Jsoup.parse(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    out.append(textNode.text());
                } else if (node instanceof Element element && element.nameIs("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock() && !element.nameIs("body")) {
                    out.append('\n');
                }
            }
        });
        return out.toString();
    }

    private static String tidy(String text) {
        return text.replace("\r\n", "\n")
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static Optional<Party> first(Address[] addresses) {
        List<Party> all = parties(addresses);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Party> parties(Address[] addresses) {
        List<Party> parties = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    parties.add(new Party(
                            internet.getAddress(),
                            Optional.ofNullable(internet.getPersonal())
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())));
                }
            }
        }
        return parties;
    }

    /** The sender in a quoted "From:" line: "Ivy Interviewer <ivy@acme.test>", a bare address, or Outlook's forms. */
    static Optional<Party> party(String line) {
        String trimmed = line.strip();
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(trimmed, false);
            List<Party> parties = parties(parsed);
            if (!parties.isEmpty()
                    && PLAIN_ADDRESS.matcher(parties.get(0).address()).matches()) {
                return Optional.of(parties.get(0));
            }
        } catch (AddressException e) {
            // Not a header's syntax (Outlook writes "Ivy Interviewer [mailto:ivy@acme.test]"): look for an address.
        }
        Matcher angled = ANGLED.matcher(trimmed);
        Matcher bare = BARE.matcher(trimmed);
        String address = angled.find() ? angled.group(1) : bare.find() ? bare.group(1) : null;
        if (address == null) {
            return Optional.empty();
        }
        String name = trimmed.substring(0, trimmed.indexOf(address))
                .replaceAll("(?i)[\\s\"<\\[(]*(mailto:)?$", "")
                .replace("\"", "")
                .strip();
        return Optional.of(new Party(address, name.isEmpty() ? Optional.empty() : Optional.of(name)));
    }

    private static Optional<Instant> date(String text) {
        try {
            return Optional.of(new MailDateFormat().parse(text.strip()).toInstant());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stripAngles(String address) {
        return address.startsWith("<") && address.endsWith(">") ? address.substring(1, address.length() - 1) : address;
    }
}
