package com.followup.api.representations;

import com.followup.core.model.Contact;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.policy.PolicySetting;
import com.followup.core.policy.Sourced;
import com.followup.core.policy.ValueSource;
import com.followup.core.rules.Advice;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThankYouTiming;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An interview's evaluated plan as JSON; every instant in the candidate's zone, with its offset. */
public record PlanView(
        long interviewId,
        OffsetDateTime evaluatedAt,
        String zone,
        List<StepView> steps,
        List<BreachView> breaches,
        List<AdviceView> advice,
        List<SettingView> policy,
        CoverageView thankYouCoverage,
        ThreadStatus thread) {

    public record StepView(
            StepKind kind,
            int sequence,
            Optional<Long> contactId,
            Optional<String> contactName,
            OffsetDateTime earliest,
            OffsetDateTime ideal,
            OffsetDateTime idealUntil,
            Optional<OffsetDateTime> deadline,
            StepState state,
            List<String> rules,
            Optional<Long> doneByTouchId,
            Optional<ThankYouTiming> timing,
            @Schema(description = "The rules the step's touch broke: a done step that broke one is not done well")
                    List<String> brokenRules,
            @Schema(
                            description =
                                    "What happened on the step in words when its touch broke a rule, such as \"sent too"
                                            + " early (R6)\"; absent otherwise")
                    Optional<String> outcome) {}

    public record BreachView(
            String rule,
            String ruleName,
            String explanation,
            Optional<Long> touchId,
            Optional<OffsetDateTime> deadline,
            OffsetDateTime at) {}

    public record AdviceView(String kind, String rule, String text, Optional<Long> touchId, Optional<Long> contactId) {}

    public record SettingView(String setting, String rule, String value, ValueSource source) {}

    public record CoverageView(int thanked, int met) {}

    public static PlanView of(Plan plan, InterviewRecord record) {
        ZoneId zone = record.candidate().zone();
        Map<ContactId, String> names = new HashMap<>();
        for (Contact contact : record.contacts()) {
            names.put(contact.id(), contact.name());
        }
        Map<Long, List<String>> brokenBy = new HashMap<>();
        for (Breach breach : plan.breaches()) {
            breach.touch().ifPresent(touch -> brokenBy.computeIfAbsent(touch.value(), id -> new ArrayList<>())
                    .add(breach.rule().name()));
        }
        List<StepView> steps = plan.steps().stream()
                .map(step -> step(step, zone, names, brokenBy))
                .toList();
        List<BreachView> breaches =
                plan.breaches().stream().map(breach -> breach(breach, zone)).toList();
        List<AdviceView> advice = plan.advice().stream().map(PlanView::advice).toList();
        List<SettingView> settings = Arrays.stream(PolicySetting.values())
                .map(setting -> {
                    Sourced<?> value = plan.policy().get(setting);
                    return new SettingView(
                            setting.name(), setting.rule().name(), describe(value.value()), value.source());
                })
                .toList();
        return new PlanView(
                plan.interview().value(),
                at(plan.evaluatedAt(), zone),
                zone.getId(),
                steps,
                breaches,
                advice,
                settings,
                new CoverageView(
                        plan.thankYouCoverage().thanked(),
                        plan.thankYouCoverage().met()),
                plan.thread());
    }

    private static StepView step(
            Step step, ZoneId zone, Map<ContactId, String> names, Map<Long, List<String>> brokenBy) {
        // One state per step: the touch that did it is judged by the breaches it caused, not only by its deadline.
        List<String> broken =
                step.doneBy().map(touch -> brokenBy.getOrDefault(touch.value(), List.of())).orElse(List.of()).stream()
                        .distinct()
                        .sorted(Comparator.comparing(
                                rule -> RuleId.valueOf(rule).ordinal()))
                        .toList();
        return new StepView(
                step.kind(),
                step.sequence(),
                step.contact().map(ContactId::value),
                step.contact().map(names::get),
                at(step.window().earliest(), zone),
                at(step.window().ideal(), zone),
                at(step.window().idealUntil(), zone),
                step.window().deadline().map(deadline -> at(deadline, zone)),
                step.state(),
                step.rules().stream()
                        .sorted(Comparator.comparing(RuleId::ordinal))
                        .map(RuleId::name)
                        .toList(),
                step.doneBy().map(touch -> touch.value()),
                step.timing(),
                broken,
                BreachWords.stepOutcome(broken));
    }

    public static BreachView breach(Breach breach, ZoneId zone) {
        return new BreachView(
                breach.rule().name(),
                breach.rule().slug(),
                BreachWords.rewordWithZone(breach.explanation(), zone),
                breach.touch().map(touch -> touch.value()),
                breach.deadline().map(deadline -> at(deadline, zone)),
                at(breach.at(), zone));
    }

    private static AdviceView advice(Advice advice) {
        return new AdviceView(
                advice.kind().name(),
                advice.rule().name(),
                advice.text(),
                advice.touch().map(touch -> touch.value()),
                advice.contact().map(ContactId::value));
    }

    private static String describe(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(PlanView::describe).orElse("none");
        }
        if (value instanceof NoteCheckSettings note) {
            // Words, not the record's Java form ("NoteCheckSettings[adviceWords=150, ...]").
            return "advice over " + note.adviceWords() + " words, breach over " + note.breachWords()
                    + " words, too similar at " + note.similarityThreshold();
        }
        return String.valueOf(value);
    }

    public static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }
}
