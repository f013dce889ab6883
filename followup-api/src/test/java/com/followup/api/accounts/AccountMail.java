package com.followup.api.accounts;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading account mail as a person would: the plain-text part, decoded, and the link in it. */
public final class AccountMail {
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private AccountMail() {}

    /** The plain-text parts of the messages {@code smtp} received for {@code address}, in order. */
    public static List<String> textsTo(GreenMail smtp, String address) {
        List<String> texts = new ArrayList<>();
        try {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    texts.add(plainText(message));
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    /** The token of the one link in a message's text. */
    public static String token(String text) {
        Matcher matcher = TOKEN.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no link with a token in: " + text);
        }
        return matcher.group(1);
    }

    /** The link itself (scheme to token), as the mail shows it. */
    public static String link(String text) {
        Matcher matcher = Pattern.compile("https?://\\S+token=[A-Za-z0-9_-]+").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no link in: " + text);
        }
        return matcher.group();
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = plainText(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
