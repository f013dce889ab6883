package com.followup.api.notifications;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A rendered e-mail: the subject, the plain text and the same as HTML. Both parts come from FreeMarker templates on the
 * classpath ({@code /mail}): {@code reminder.txt.ftl} puts every value as it is, {@code reminder.html.ftlh} escapes
 * every value for HTML by itself (the {@code .ftlh} extension), so a name with {@code <} or {@code &} cannot change the
 * markup.
 */
public record MailText(String subject, String text, String html) {
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);
    private static final Configuration TEMPLATES = templates();

    /** One thing to do: what, for whom, by when, and the portal page where it is done. */
    public record Line(String what, Optional<String> byWhen, String link, String rules) {}

    public static MailText of(
            String subject, String greeting, String intro, List<Line> lines, String unsubscribeUrl, String footer) {
        Map<String, Object> model = new HashMap<>();
        model.put("greeting", greeting);
        model.put("intro", intro);
        model.put("lines", lines.stream().map(MailText::model).toList());
        model.put("footer", footer);
        model.put("unsubscribeUrl", unsubscribeUrl);
        return new MailText(subject, render("reminder.txt.ftl", model), render("reminder.html.ftlh", model));
    }

    /**
     * An account message ({@code account.txt.ftl}, {@code account.html.ftlh}): a greeting, why it was sent, the one
     * link to follow (named {@code action} in the HTML part), until when it works, and what to do if unexpected.
     */
    public static MailText account(
            String subject, String greeting, String intro, String action, String link, String validity, String footer) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", subject);
        model.put("greeting", greeting);
        model.put("intro", intro);
        model.put("action", action);
        model.put("link", link);
        model.put("validity", validity);
        model.put("footer", footer);
        return new MailText(subject, render("account.txt.ftl", model), render("account.html.ftlh", model));
    }

    public static String moment(Instant instant, ZoneId zone) {
        return MOMENT.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** A line as the templates read it; an absent by-when is a missing value ({@code line.byWhen??}). */
    private static Map<String, Object> model(Line line) {
        Map<String, Object> model = new HashMap<>();
        model.put("what", line.what());
        line.byWhen().ifPresent(when -> model.put("byWhen", when));
        model.put("link", line.link());
        model.put("rules", line.rules());
        return model;
    }

    private static String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            TEMPLATES.getTemplate(template).process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("the mail template " + template + " cannot be rendered", e);
        }
        return out.toString();
    }

    /**
     * Loaded once and shared: a FreeMarker configuration is safe for concurrent use once set up, and caches the parsed
     * templates. A template error fails the rendering (the message stays in the outbox) instead of being printed into
     * the mail.
     */
    private static Configuration templates() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassForTemplateLoading(MailText.class, "/mail");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.ENGLISH);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        return configuration;
    }
}
