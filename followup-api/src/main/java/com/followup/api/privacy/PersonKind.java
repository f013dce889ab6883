package com.followup.api.privacy;

/** Whose personal data a privacy request is about: a candidate, or a contact at a client company. */
public enum PersonKind {
    CANDIDATE("candidate", "Erased candidate"),
    CONTACT("contact", "Erased contact");

    private final String word;
    private final String erasedName;

    PersonKind(String word, String erasedName) {
        this.word = word;
        this.erasedName = erasedName;
    }

    /** The word in paths, file names and the audit log: {@code candidate}, {@code contact}. */
    public String word() {
        return word;
    }

    /** The name an erased person's row carries instead of theirs, such as "Erased candidate #12". */
    public String erasedName(long id) {
        return erasedName + " #" + id;
    }

    /** The address an erased person's row carries where one is required; {@code .invalid} never delivers. */
    public String erasedEmail(long id) {
        return "erased-" + word + "-" + id + "@erased.invalid";
    }
}
