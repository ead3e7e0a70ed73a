package dev.astraphe.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.astraphe.storefront.StorefrontTestSupport;
import dev.astraphe.testsupport.Chromium;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A form sent back with errors puts the cursor in its first invalid field (in a real browser, Debian's Chromium): a
 * keyboard or screen-reader user lands on what needs fixing, with its message, not at the top of the page.
 */
class FormFocusBrowserTest extends StorefrontTestSupport {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;

    @Test
    void aRefusedSignUpFocusesItsFirstInvalidField() {
        try (BrowserContext context = chromium.browser().newContext()) {
            // the e-mail is fine; the name is missing and the password is too short
            Page page = signUpRefused(context, Map.of("#signup-email", "focus-" + System.nanoTime() + "@example.com",
                    "#signup-password", "short", "#signup-passwordConfirmation", "short"));

            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("signup-displayName");
            assertThat(page.evaluate("() => document.activeElement.getAttribute('aria-describedby')"))
                    .isEqualTo("signup-displayName-error");
        }
    }

    @Test
    void anAddressRefusedOverHtmxFocusesItsFirstInvalidFieldInTheSwappedList() throws Exception {
        String email = uniqueEmail("focus-address");
        shopper(email);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR"))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.fill("#username", email);
            page.fill("#password", PASSWORD);
            page.click("form button[type=submit]");
            page.waitForURL(url -> !url.contains("/login"));
            page.navigate("http://localhost:" + port + "/account");
            page.evaluate("() => { window.swaps = 0; document.addEventListener('htmx:afterSettle', () => window.swaps++); }");

            // the add form, sent over htmx with only a label: the whole list (outerHTML) comes back with the errors
            page.click("details.add-address summary");
            page.fill("#new-label", "집");
            page.click("details.add-address button[type=submit]");
            page.waitForSelector("#addresses .field-error");
            awaitSwaps(page, 1);

            assertThat(page.url()).endsWith("/account"); // no page load: the list was swapped in
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("new-recipient");

            // corrected and sent: the button that sent it is gone with the old list, so the cursor goes to the message
            page.fill("#new-recipient", "김쇼퍼");
            page.fill("#new-phone", "010-1234-5678");
            page.fill("#new-postalCode", "04524");
            page.fill("#new-line1", "서울특별시 중구 세종대로 110");
            page.click("details.add-address button[type=submit]");
            awaitSwaps(page, 2);
            assertThat(page.evaluate("() => document.activeElement.getAttribute('role') + ' ' + document.activeElement.textContent"))
                    .isEqualTo("status 배송지를 추가했습니다.");

            // its "edit" link is replaced by the edit form: the cursor goes to the form's first field
            page.click("#addresses a[hx-get$='/edit']");
            awaitSwaps(page, 3);
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("edit-label");
        }
    }

    @Test
    void aSignUpRefusedOnlyForTheTermsFocusesTheTermsBox() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signUpRefused(context, Map.of("#signup-email", "terms-" + System.nanoTime() + "@example.com",
                    "#signup-displayName", "약관 안 읽은 손님", "#signup-password", "a-long-enough-passphrase-1",
                    "#signup-passwordConfirmation", "a-long-enough-passphrase-1", "#signup-phone", "010-1234-5678"));

            assertThat(page.evaluate("() => document.activeElement.name")).isEqualTo("terms");
        }
    }

    private static void awaitSwaps(Page page, int swaps) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (((Number) page.evaluate("() => window.swaps")).intValue() < swaps) {
            assertThat(System.nanoTime()).as("waited for swap %d to settle", swaps).isLessThan(deadline);
            page.waitForTimeout(50);
        }
    }

    /** The sign-up form sent with {@code fields} filled (selector to text), back with its errors, its scripts run. */
    private Page signUpRefused(BrowserContext context, Map<String, String> fields) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/signup");
        fields.forEach(page::fill);
        page.click("button[type=submit]");
        page.waitForSelector(".field-error");
        page.waitForLoadState(); // the deferred scripts have run
        return page;
    }
}
