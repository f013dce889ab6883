package com.followup.api.notifications;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A rendered e-mail: the subject, the plain text and the same as HTML. */
public record MailText(String subject, String text, String html) {
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    /** One thing to do: what, for whom, by when, and the portal page where it is done. */
    public record Line(String what, Optional<String> byWhen, String link, String rules) {}

    public static MailText of(
            String subject, String greeting, String intro, List<Line> lines, String unsubscribeUrl, String footer) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
        text.append(greeting).append("\n\n").append(intro).append("\n\n");
        html.append("<p>")
                .append(escape(greeting))
                .append("</p><p>")
                .append(escape(intro))
                .append("</p><ul>");
        for (Line line : lines) {
            text.append("- ").append(line.what());
            line.byWhen().ifPresent(when -> text.append("\n  ").append(when));
            text.append("\n  ")
                    .append(line.link())
                    .append("\n  (")
                    .append(line.rules())
                    .append(")\n\n");
            html.append("<li><p>").append(escape(line.what()));
            line.byWhen().ifPresent(when -> html.append("<br>").append(escape(when)));
            html.append("<br><a href=\"")
                    .append(escape(line.link()))
                    .append("\">Open in Followup</a> <small>(")
                    .append(escape(line.rules()))
                    .append(")</small></p></li>");
        }
        html.append("</ul>");
        text.append(footer)
                .append("\n\nTurn these e-mails off: ")
                .append(unsubscribeUrl)
                .append('\n');
        html.append("<p>")
                .append(escape(footer))
                .append("</p><p><small><a href=\"")
                .append(escape(unsubscribeUrl))
                .append("\">Turn these e-mails off</a></small></p></body></html>");
        return new MailText(subject, text.toString(), html.toString());
    }

    public static String moment(Instant instant, ZoneId zone) {
        return MOMENT.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char character : value.toCharArray()) {
            switch (character) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
