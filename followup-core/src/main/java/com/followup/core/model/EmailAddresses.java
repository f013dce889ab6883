package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/** Small, allocation-light helpers for email addresses, phone numbers and profile links (R12). */
public final class EmailAddresses {
    /** Domains anyone can sign up on: an address there is personal, not a company's (R12). */
    public static final Set<String> COMMON_FREE_MAIL_DOMAINS = Set.of(
            "gmail.com",
            "googlemail.com",
            "yahoo.com",
            "yahoo.co.uk",
            "hotmail.com",
            "outlook.com",
            "live.com",
            "msn.com",
            "aol.com",
            "icloud.com",
            "me.com",
            "mail.com",
            "gmx.com",
            "gmx.de",
            "gmx.net",
            "web.de",
            "proton.me",
            "protonmail.com",
            "yandex.com",
            "zoho.com");

    private EmailAddresses() {}

    /** The lower-case domain of {@code address}, or an empty string when it has no {@code @}. */
    public static String domainOf(String address) {
        requireNonNull(address, "address is null");
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return "";
        }
        return address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code address} is on one of {@code freeMailDomains} (lower case). */
    public static boolean isOnFreeMailDomain(String address, Set<String> freeMailDomains) {
        requireNonNull(freeMailDomains, "freeMailDomains is null");
        return freeMailDomains.contains(domainOf(address));
    }

    /** Two email addresses are the same mailbox: case and surrounding blanks do not matter. */
    public static boolean sameEmail(String left, String right) {
        return left.strip().equalsIgnoreCase(right.strip());
    }

    /**
     * Two phone numbers are the same when their digits are, ignoring spaces, dashes, dots and brackets. Compared
     * without building new strings because it runs for every logged call.
     */
    public static boolean samePhone(String left, String right) {
        int leftIndex = nextDigit(left, 0);
        int rightIndex = nextDigit(right, 0);
        while (leftIndex < left.length() && rightIndex < right.length()) {
            if (left.charAt(leftIndex) != right.charAt(rightIndex)) {
                return false;
            }
            leftIndex = nextDigit(left, leftIndex + 1);
            rightIndex = nextDigit(right, rightIndex + 1);
        }
        boolean bothDone = leftIndex >= left.length() && rightIndex >= right.length();
        return bothDone && nextDigit(left, 0) < left.length();
    }

    /** Two profile links are the same when they differ only in case, scheme or a trailing slash. */
    public static boolean sameProfileLink(String left, String right) {
        String leftCore = profileCore(left);
        String rightCore = profileCore(right);
        return !leftCore.isEmpty() && leftCore.equalsIgnoreCase(rightCore);
    }

    private static String profileCore(String link) {
        String core = link.strip();
        if (core.regionMatches(true, 0, "https://", 0, 8)) {
            core = core.substring(8);
        } else if (core.regionMatches(true, 0, "http://", 0, 7)) {
            core = core.substring(7);
        }
        if (core.regionMatches(true, 0, "www.", 0, 4)) {
            core = core.substring(4);
        }
        while (core.endsWith("/")) {
            core = core.substring(0, core.length() - 1);
        }
        return core;
    }

    private static int nextDigit(String text, int from) {
        int index = from;
        while (index < text.length() && !Character.isDigit(text.charAt(index))) {
            index++;
        }
        return index;
    }
}
