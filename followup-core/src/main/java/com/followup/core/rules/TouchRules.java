package com.followup.core.rules;

import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.EmailAddresses;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.ruleset.RuleId;

/** The rules every single touch must follow, whatever its place in the plan: R11, R12, R13, R15. */
final class TouchRules {
    private TouchRules() {}

    static void evaluate(Evaluation evaluation) {
        for (Touch touch : evaluation.record.touches()) {
            if (!evaluation.happened(touch.sentAt())) {
                // Touches are in time order: the rest is in the future of the evaluated instant.
                return;
            }
            forbiddenTouch(evaluation, touch);
            businessChannel(evaluation, touch);
            thankYouChannel(evaluation, touch);
            noteLength(evaluation, touch);
        }
    }

    /** R12 at entry: a contact recorded with a free-mail address probably gave a personal one. */
    static void contactsAtEntry(Evaluation evaluation) {
        for (Contact contact : evaluation.record.contacts()) {
            if (contact.businessEmailOnFreeMailDomain(evaluation.policy.freeMailDomains())) {
                evaluation.advice.add(Advice.aboutContact(
                        AdviceKind.FREE_MAIL_CONTACT,
                        "The e-mail recorded for " + contact.name() + " is on a free-mail domain; check it is the"
                                + " business address the company gave.",
                        contact.id()));
            }
        }
    }

    // R13: gifts and Facebook friend requests are out, whatever else is true.
    private static void forbiddenTouch(Evaluation evaluation, Touch touch) {
        switch (touch.kind()) {
            case GIFT ->
                evaluation.breaches.add(Breach.byTouch(
                        RuleId.R13,
                        "A gift was sent to " + evaluation.nameOf(touch.recipient())
                                + ": anything of value can read as pressure on the decision.",
                        touch.id(),
                        touch.sentAt()));
            case FACEBOOK_FRIEND_REQUEST ->
                evaluation.breaches.add(Breach.byTouch(
                        RuleId.R13,
                        "A Facebook friend request went to " + evaluation.nameOf(touch.recipient())
                                + "; Facebook is private ground, LinkedIn is the place for professional contacts.",
                        touch.id(),
                        touch.sentAt()));
            case THANK_YOU, STATUS_CHECK, EXTRA_INFORMATION, THANKS_AFTER_REJECTION, LINKEDIN_CONNECTION -> {
                // Allowed kinds; a LinkedIn connection request in particular is fine (R13).
            }
        }
    }

    // R12: only the addresses and numbers recorded as the contact's business ones.
    private static void businessChannel(Evaluation evaluation, Touch touch) {
        Contact contact = evaluation.record.contact(touch.recipient());
        boolean business =
                switch (touch.channel()) {
                    case EMAIL ->
                        contact.businessEmail().isPresent()
                                && EmailAddresses.sameEmail(
                                        contact.businessEmail().get(), touch.address());
                    case PHONE, TEXT_MESSAGE ->
                        contact.businessPhone().isPresent()
                                && EmailAddresses.samePhone(
                                        contact.businessPhone().get(), touch.address());
                    // LinkedIn is a business network and profiles are public: a recorded profile must match,
                    // an unrecorded one is accepted.
                    case LINKEDIN ->
                        contact.linkedInUrl().isEmpty()
                                || EmailAddresses.sameProfileLink(
                                        contact.linkedInUrl().get(), touch.address());
                    // A friend request is already an R13 breach; any other Facebook touch is a personal channel.
                    case FACEBOOK -> touch.kind() == TouchKind.FACEBOOK_FRIEND_REQUEST;
                    // Cards and parcels go to the company's office; there is no personal address to check.
                    case HANDWRITTEN_CARD_BY_HAND, HANDWRITTEN_CARD_BY_POST, PARCEL -> true;
                };
        if (!business) {
            evaluation.breaches.add(Breach.byTouch(
                    RuleId.R12,
                    "This touch went to " + touch.address() + ", which is not recorded as a business "
                            + addressKind(touch.channel()) + " of " + contact.name() + ".",
                    touch.id(),
                    touch.sentAt()));
        }
    }

    // R11: e-mail is fastest; a card is fine handed in, risky by post; the company may have asked for another channel.
    private static void thankYouChannel(Evaluation evaluation, Touch touch) {
        if (touch.kind() != TouchKind.THANK_YOU) {
            return;
        }
        Channel channel = touch.channel();
        if (channel == Channel.HANDWRITTEN_CARD_BY_POST) {
            evaluation.advice.add(Advice.aboutTouch(
                    AdviceKind.THANK_YOU_CARD_BY_POST,
                    "A card by post can reach " + evaluation.nameOf(touch.recipient())
                            + " after the decision is made; an e-mail first, or a card handed in, is safer.",
                    touch.id()));
            return;
        }
        Channel preferred = evaluation.resolved.thankYouChannel().value();
        if (channel != Channel.EMAIL && channel != Channel.HANDWRITTEN_CARD_BY_HAND && channel != preferred) {
            evaluation.advice.add(Advice.aboutTouch(
                    AdviceKind.THANK_YOU_CHANNEL,
                    "A thank-you by " + channelName(channel) + " is unusual; e-mail is the expected channel here.",
                    touch.id()));
        }
    }

    // R15: a logged note beyond the breach threshold counts; beyond the advice threshold it is only advice.
    private static void noteLength(Evaluation evaluation, Touch touch) {
        if (touch.text().isEmpty()) {
            return;
        }
        switch (touch.kind()) {
            case THANK_YOU, THANKS_AFTER_REJECTION -> {
                NoteCheckSettings settings = evaluation.resolved.noteChecks().value();
                int words = NoteLength.wordsIfAbove(touch.text().get(), settings.adviceWords());
                if (words > settings.breachWords()) {
                    evaluation.breaches.add(Breach.byTouch(
                            RuleId.R15,
                            "The note has " + words + " words, more than the " + settings.breachWords()
                                    + " a reader takes in at a glance.",
                            touch.id(),
                            touch.sentAt()));
                } else if (words > settings.adviceWords()) {
                    evaluation.advice.add(Advice.aboutTouch(
                            AdviceKind.LONG_NOTE,
                            "The note has " + words + " words; under " + settings.adviceWords()
                                    + " it is more likely to be read to the end.",
                            touch.id()));
                }
            }
            case STATUS_CHECK, EXTRA_INFORMATION, GIFT, FACEBOOK_FRIEND_REQUEST, LINKEDIN_CONNECTION -> {
                // R15 is about thank-you notes.
            }
        }
    }

    private static String addressKind(Channel channel) {
        return switch (channel) {
            case EMAIL -> "e-mail address";
            case PHONE, TEXT_MESSAGE -> "phone number";
            case LINKEDIN -> "LinkedIn profile";
            case FACEBOOK -> "account";
            case HANDWRITTEN_CARD_BY_HAND, HANDWRITTEN_CARD_BY_POST, PARCEL -> "address";
        };
    }

    static String channelName(Channel channel) {
        return switch (channel) {
            case EMAIL -> "e-mail";
            case PHONE -> "phone";
            case TEXT_MESSAGE -> "text message";
            case LINKEDIN -> "LinkedIn";
            case FACEBOOK -> "Facebook";
            case HANDWRITTEN_CARD_BY_HAND -> "card handed in";
            case HANDWRITTEN_CARD_BY_POST -> "card by post";
            case PARCEL -> "parcel";
        };
    }
}
