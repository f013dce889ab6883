package com.followup.api.notifications;

import com.followup.api.OperatorException;
import com.followup.api.auth.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a user's one-click unsubscribe link: {@code <user id>-<HMAC-SHA256 of the user id>} under a server key
 * kept outside the database (decision 0026). Every e-mail can carry the link again, and the database holds no secret
 * that would make one: a copy of it (a backup) cannot turn anyone's e-mails off. A link is checked by computing the MAC
 * again and comparing in constant time.
 */
public final class UnsubscribeLinks {
    /** At least 256 bits of key, as text (the generated key is 32 random bytes, base64url). */
    static final int MINIMUM_KEY_LENGTH = 32;

    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,18})-([A-Za-z0-9_-]{43})");
    private static final String PURPOSE = "followup-unsubscribe:";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final SecretKeySpec key;

    public UnsubscribeLinks(String key) {
        if (key == null || key.strip().length() < MINIMUM_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "notifications.unsubscribeKey must have at least " + MINIMUM_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * The configured key if there is one, else the key in {@code file}, made at the first start (32 random bytes,
     * owner-only permissions) when missing.
     */
    public static UnsubscribeLinks of(Optional<String> configuredKey, Path file) {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            return new UnsubscribeLinks(configuredKey.get());
        }
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, OWNER_ONLY);
                    Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException another) {
                    // another server sharing the directory made it first: use theirs
                } catch (UnsupportedOperationException notPosix) {
                    throw new OperatorException("Cannot make " + file + " readable by its owner only on this file"
                            + " system; set notifications.unsubscribeKey instead (docs/configuration.md)");
                }
            }
            return new UnsubscribeLinks(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperatorException("Cannot read or create the unsubscribe key in " + file + " (" + e.getMessage()
                    + "); set notifications.unsubscribeKeyFile to a writable place or notifications.unsubscribeKey"
                    + " (docs/configuration.md)");
        } catch (IllegalArgumentException e) {
            throw new OperatorException("The unsubscribe key in " + file + " is too short: " + e.getMessage());
        }
    }

    /** The token for the user's links. */
    public String token(long userId) {
        return userId + "-" + mac(userId);
    }

    /** The user a token was made for; empty for anything this server did not make (in constant time per token). */
    public Optional<Long> owner(String token) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long userId;
        try {
            userId = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return Secrets.same(mac(userId), matcher.group(2)) ? Optional.of(userId) : Optional.empty();
    }

    private String mac(long userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((PURPOSE + userId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
