package com.followup.api.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.mailin.IncomingMail.Party;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What mail-in reads from a message: the text, the quoted sender of a forward, the key without a Message-ID. */
class MailParserTest {
    @Test
    void htmlBecomesTextWithItsParagraphsAndLineBreaks() {
        assertThat(MailParser.htmlToText("<p>Dear Ivy,</p><p>Thank you &amp; <b>more</b>.</p>Best,<br>Cara"))
                .isEqualTo("Dear Ivy,\nThank you & more.\nBest,\nCara");
    }

    @Test
    void aQuotedSenderIsReadInTheFormsMailClientsWrite() {
        assertThat(MailParser.party("Ivy Interviewer <ivy@acme.test>"))
                .contains(new Party("ivy@acme.test", Optional.of("Ivy Interviewer")));
        assertThat(MailParser.party("ivy@acme.test")).contains(new Party("ivy@acme.test", Optional.empty()));
        assertThat(MailParser.party("Ivy Interviewer [mailto:ivy@acme.test]"))
                .contains(new Party("ivy@acme.test", Optional.of("Ivy Interviewer")));
        assertThat(MailParser.party("Ivy Interviewer")).isEmpty();
    }

    @Test
    void aPlainPartWinsOverHtmlAndAttachmentsAreSkipped() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("cara@example.test"));
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("ivy@acme.test"));
        message.setSubject("Thanks");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setText("secret attachment");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>HTML body</p>", "text/html");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("Plain body");
        mixed.addBodyPart(attachment);
        mixed.addBodyPart(html);
        mixed.addBodyPart(plain);
        message.setContent(mixed);
        message.saveChanges();
        message.removeHeader("Message-ID");
        // saveChanges dates the message; a message without a Date is dated when it is read.
        message.removeHeader("Date");

        IncomingMail mail = MailParser.parse(message, Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(mail.text()).contains("Plain body");
        assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(mail.key()).startsWith("no-message-id:");
        assertThat(MailParser.parse(message, Instant.now()).key()).isEqualTo(mail.key());
        assertThat(mail.forwardedFrom()).isEmpty();
    }
}
