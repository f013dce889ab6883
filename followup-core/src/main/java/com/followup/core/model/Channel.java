package com.followup.core.model;

/** How a touch reaches its recipient. */
public enum Channel {
    EMAIL,
    PHONE,
    TEXT_MESSAGE,
    /** A LinkedIn message or connection request. */
    LINKEDIN,
    /** Facebook is a personal network: a touch through it is never a business channel (R12, R13). */
    FACEBOOK,
    /** A handwritten card the candidate drops off at the office (R11: fine). */
    HANDWRITTEN_CARD_BY_HAND,
    /** A handwritten card sent by post (R11: advice, it may arrive after the decision). */
    HANDWRITTEN_CARD_BY_POST,
    /** A parcel or courier delivery, the usual way a gift arrives. */
    PARCEL
}
