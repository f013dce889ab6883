package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mail templates: the text part as written, the HTML part escaped by FreeMarker. */
class MailTextTest {
    private static final String NAME = "Ivy <script>alert('x')</script> & Co";

    @Test
    void aNameWithMarkupIsEscapedInTheHtmlAndVerbatimInTheText() {
        MailText mail = mail(NAME);

        assertThat(mail.text()).contains("Send your thank-you to " + NAME);
        assertThat(mail.html())
                .contains("Send your thank-you to Ivy &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .doesNotContain("<script>")
                .doesNotContain(" & Co");
    }

    @Test
    void theTextPartIsLaidOutLineByLine() {
        MailText mail = mail("Ivy Interviewer");

        assertThat(mail.subject()).isEqualTo("Followup: 1 thing to do");
        assertThat(mail.text())
                .isEqualTo(
                        """
                        Hello Cara,

                        These are due:

                        - Send your thank-you to Ivy Interviewer
                          By Monday 2 March, 18:00 (Europe/London)
                          https://followup.test/interviews/7
                          (R1, R2)

                        - Debrief
                          https://followup.test/interviews/7
                          (R9)

                        You get at most one digest a day.

                        Turn these e-mails off: https://followup.test/api/unsubscribe/token?a=1&b=2
                        """);
        assertThat(mail.html())
                .contains("<a href=\"https://followup.test/api/unsubscribe/token?a=1&amp;b=2\">")
                .doesNotContain("By null");
    }

    private static MailText mail(String interviewer) {
        return MailText.of(
                "Followup: 1 thing to do",
                "Hello Cara,",
                "These are due:",
                List.of(
                        new MailText.Line(
                                "Send your thank-you to " + interviewer,
                                Optional.of("By Monday 2 March, 18:00 (Europe/London)"),
                                "https://followup.test/interviews/7",
                                "R1, R2"),
                        new MailText.Line("Debrief", Optional.empty(), "https://followup.test/interviews/7", "R9")),
                "https://followup.test/api/unsubscribe/token?a=1&b=2",
                "You get at most one digest a day.");
    }
}
