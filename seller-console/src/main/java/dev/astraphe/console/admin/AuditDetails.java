package dev.astraphe.console.admin;

import dev.astraphe.db.audit.AuditLogEntry;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An audit entry's detail in the reader's words. The stored detail stays the record (the page keeps it in the cell's
 * title, for a search in the database); this only reads the parts the console itself wrote: a role change's
 * {@code OLD->NEW}, an admit-now's {@code count=N}, and a queue's {@code state=...}, which the action already says.
 */
@Component("auditDetails")
public class AuditDetails {

    private static final Pattern ROLE_CHANGE = Pattern.compile("^(.*?)\\s*\\b([A-Z]+)->([A-Z]+)$");
    private static final Pattern COUNT = Pattern.compile("^count=(\\d+)$");

    private final MessageSource messages;

    AuditDetails(MessageSource messages) {
        this.messages = messages;
    }

    public String describe(AuditLogEntry entry, Locale locale) {
        String detail = entry.getDetail() == null ? "" : entry.getDetail();
        switch (entry.getAction()) {
            case "ROLE_CHANGED" -> {
                Matcher change = ROLE_CHANGE.matcher(detail);
                if (change.matches()) {
                    String roles = role(change.group(2), locale) + " → " + role(change.group(3), locale);
                    return change.group(1).isEmpty() ? roles : change.group(1) + ": " + roles;
                }
            }
            case "QUEUE_ADMIT_NOW" -> {
                Matcher count = COUNT.matcher(detail);
                if (count.matches()) {
                    return messages.getMessage("audit.detail.admitted", new Object[] {Integer.valueOf(count.group(1))}, locale);
                }
            }
            case "QUEUE_PAUSED", "QUEUE_RESUMED", "QUEUE_STOPPED" -> {
                if (detail.startsWith("state=")) {
                    return "";
                }
            }
            default -> { }
        }
        return detail;
    }

    private String role(String code, Locale locale) {
        return messages.getMessage("role." + code, null, code, locale);
    }
}
