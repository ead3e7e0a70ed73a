package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.db.audit.AuditLogEntry;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class AuditDetailsTest {

    private final AuditDetails details = new AuditDetails(bundle());

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private String describe(String action, String detail, Locale locale) {
        return details.describe(new AuditLogEntry(1L, action, "PRODUCT", "7", "원두", detail), locale);
    }

    @Test
    void theConsolesOwnCodesAreSaidInWords() {
        assertThat(describe("ROLE_CHANGED", "a@b.kr SHOPPER->ADMIN", Locale.KOREAN)).isEqualTo("a@b.kr: 구매자 → 관리자");
        assertThat(describe("ROLE_CHANGED", "a@b.kr ADMIN->SELLER", Locale.ENGLISH)).isEqualTo("a@b.kr: Admin → Seller");
        assertThat(describe("QUEUE_ADMIT_NOW", "count=3", Locale.KOREAN)).isEqualTo("3명");
        assertThat(describe("QUEUE_ADMIT_NOW", "count=1", Locale.ENGLISH)).isEqualTo("1 shopper");
        assertThat(describe("QUEUE_ADMIT_NOW", "count=25", Locale.ENGLISH)).isEqualTo("25 shoppers");
        // the action already says what the state became
        assertThat(describe("QUEUE_STOPPED", "state=STOPPED", Locale.KOREAN)).isEmpty();
    }

    @Test
    void anythingElseIsShownAsStored() {
        assertThat(describe("COMPANY_APPROVED", "Acme (123-45-67890)", Locale.KOREAN)).isEqualTo("Acme (123-45-67890)");
        assertThat(describe("ROLE_CHANGED", "written by hand", Locale.KOREAN)).isEqualTo("written by hand");
        assertThat(describe("ROLE_CHANGED", "a@b.kr OWNER->ADMIN", Locale.KOREAN)).isEqualTo("a@b.kr: OWNER → 관리자");
        assertThat(describe("QUEUE_ADMIT_NOW", "count=lots", Locale.KOREAN)).isEqualTo("count=lots");
    }
}
