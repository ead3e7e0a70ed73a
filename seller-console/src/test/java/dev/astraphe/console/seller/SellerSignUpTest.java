package dev.astraphe.console.seller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.console.admin.CompanyApprovals;
import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.Chromium;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class SellerSignUpTest extends ConsoleIntegrationTest {

    /** For the page's own script (console.js): Debian's Chromium, see {@link Chromium}. */
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;
    @Autowired CompanyRepository companies;
    @Autowired SellerAccess sellerAccess;
    @Autowired CompanyApprovals approvals;

    private static MockHttpServletRequestBuilder signUp(String email, String businessNumber) {
        return signUp(email, businessNumber, "correct-horse-1");
    }

    private static MockHttpServletRequestBuilder signUp(String email, String businessNumber, String password) {
        return post("/signup").with(csrf())
                .param("email", email)
                .param("password", password)
                .param("passwordConfirmation", password)
                .param("displayName", "홍길동")
                .param("phone", "010-2222-3333")
                .param("companyName", "길동상회")
                .param("businessNumber", businessNumber)
                .param("companyAddress", "서울특별시 종로구 1")
                .param("description", "<b>좋은</b> 물건");
    }

    @Test
    void signUpCreatesAPendingCompanyAndASellerAndIgnoresACraftedRole() throws Exception {
        String email = unique("Hong") + "@Example.com";
        String businessNumber = uniqueBusinessNumber();

        mvc.perform(signUp(email, businessNumber).param("role", "ADMIN").param("companyId", "1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?notice=signed-up"));

        Account account = accounts.findByEmail(email.toLowerCase(Locale.ROOT)).orElseThrow();
        assertThat(account.getRole()).isEqualTo(Role.SELLER);
        assertThat(passwordEncoder.matches("correct-horse-1", account.getPasswordHash())).isTrue();
        Company company = companies.findById(account.getCompanyId()).orElseThrow();
        assertThat(company.getBusinessNumber()).isEqualTo(businessNumber);
        assertThat(company.getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void aRefusedSignUpPutsTheCursorInItsFirstInvalidField() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + CONTEXT + "/signup");
            page.fill("#email", unique("focus") + "@example.com");
            page.fill("#password", "correct-horse-1");
            page.fill("#passwordConfirmation", "correct-horse-1");
            page.fill("#displayName", "홍길동");
            // the company's name is missing, and so is everything after it
            page.click("form.stack button[type=submit]");
            page.waitForSelector(".field.has-error");
            page.waitForLoadState(); // the deferred scripts have run

            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("companyName");
            assertThat(page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")).isEqualTo("companyName-error");
        }
    }

    @Test
    void aControlCharacterInTheFormIsDroppedNotA500() throws Exception {
        String email = unique("nul") + "@example.com";
        String number = uniqueBusinessNumber();
        mvc.perform(post("/signup").with(csrf())
                        .param("email", email).param("password", "correct-horse-1").param("passwordConfirmation", "correct-horse-1")
                        .param("displayName", "홍\u0000길동").param("companyName", "길동\u202e상회").param("businessNumber", number)
                        .param("companyAddress", "서울특별시 종로구 1"))
                .andExpect(status().isFound());
        Account account = accounts.findByEmail(email).orElseThrow();
        assertThat(account.getDisplayName()).isEqualTo("홍길동");
        assertThat(companies.findById(account.getCompanyId()).orElseThrow().getName()).isEqualTo("길동상회");
    }

    @Test
    void duplicateEmailOrBusinessNumberIsRefusedWithAClearMessage() throws Exception {
        Account existing = newSeller("correct-horse-1");
        String takenNumber = companies.findById(existing.getCompanyId()).orElseThrow().getBusinessNumber();
        long before = accounts.count();

        mvc.perform(signUp(existing.getEmail().toUpperCase(Locale.ROOT), uniqueBusinessNumber()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("이미 가입된 이메일입니다.")));
        mvc.perform(signUp(unique("new") + "@example.com", takenNumber).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "This business registration number is already registered.")));
        assertThat(accounts.count()).isEqualTo(before);
    }

    @Test
    void theEmptyFormMarksWhatIsRequiredAndHowBrowsersMayFillIt() throws Exception {
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/signup"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (String field : new String[] {"email", "password", "passwordConfirmation", "displayName", "companyName",
                "businessNumber", "companyAddress"}) {
            assertThat(inputTag(page, field)).as(field).contains("required=\"required\"");
        }
        assertThat(inputTag(page, "phone")).doesNotContain("required");
        assertThat(inputTag(page, "password")).contains("autocomplete=\"new-password\"");
        assertThat(inputTag(page, "email")).contains("autocomplete=\"email\"");
        assertThat(page).doesNotContain("role=\"alert\"").doesNotContain("aria-invalid");
    }

    private static String inputTag(String page, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input[^>]*\\bid=\"" + id + "\"[^>]*>").matcher(page);
        assertThat(m.find()).as("input " + id).isTrue();
        return m.group();
    }

    @Test
    void invalidFormIsShownAgainWithMessages() throws Exception {
        String email = unique("bad") + "@example.com";
        mvc.perform(signUp(email, "1234567890").param("passwordConfirmation", "something-else"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("사업자등록번호는 123-45-67890 형식이어야 합니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호 확인이 일치하지 않습니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + email + "\"")))
                // the form says it has errors, and each wrong field points at its message for screen readers
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<p class=\"alert\" role=\"alert\">입력 내용을 확인해 주세요.</p>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<p class=\"error\" id=\"businessNumber-error\">")))
                .andDo(result -> assertThat(inputTag(result.getResponse().getContentAsString(), "businessNumber"))
                        .contains("aria-invalid=\"true\"", "aria-describedby=\"businessNumber-error\""));
        assertThat(accounts.findByEmail(email)).isEmpty();
        // a limit with no minimum says only the maximum, not "from 0 characters"; one with a minimum says both
        mvc.perform(signUp(email, uniqueBusinessNumber()).param("companyName", "가".repeat(101)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("100자 이하로 입력해 주세요.")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.matchesPattern("(?s).*[^0-9]0자 이상.*"))));
        mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", "short").param("passwordConfirmation", "short"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호는 10자 이상이어야 합니다.")));
        // a short password and a confirmation that differs: both said at once, so one resubmission puts both right
        mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", "short").param("passwordConfirmation", "shorter"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호는 10자 이상이어야 합니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호 확인이 일치하지 않습니다.")));
        // bcrypt takes 72 bytes at most: a longer password is refused with the reason, not a 500 that loses the form
        for (String tooLong : new String[] {"a".repeat(73), "가".repeat(25)}) {
            mvc.perform(signUp(email, uniqueBusinessNumber(), tooLong))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호가 너무 깁니다 (영문 기준 72자까지).")))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + email + "\"")));
        }
        mvc.perform(signUp(email, uniqueBusinessNumber(), email))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("비밀번호는 이메일과 달라야 합니다.")));
        // an empty password is required, full stop: not also "10 to 100 characters" under it
        String empty = mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", ""))
                .andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher message = java.util.regex.Pattern.compile("(?s)id=\"password-error\">(.*?)</p>").matcher(empty);
        assertThat(message.find()).isTrue();
        assertThat(message.group(1).trim()).isEqualTo("필수 입력 항목입니다.");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void postingWithoutAValidCsrfTokenCreatesNothingAndGoesBackToTheForm() throws Exception {
        String email = unique("nocsrf") + "@example.com";
        mvc.perform(signUp(email, uniqueBusinessNumber()).with(csrf().useInvalidToken()))
                .andExpect(redirectedUrl("/console/signup?notice=expired"));
        mvc.perform(post("/signup").param("email", email))
                .andExpect(redirectedUrl("/console/signup?notice=expired"));
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void aPendingSellerSeesPendingApprovalAndCannotPublishUntilApproved() throws Exception {
        Account seller = newSeller("correct-horse-1");

        mvc.perform(get("/").with(user(principal(seller))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("승인 대기 중")));
        mvc.perform(get("/").with(user(principal(seller))).locale(Locale.ENGLISH))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Pending approval")));
        assertThat(sellerAccess.canPublish(principal(seller))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sellerAccess.requireApproved(principal(seller)))
                .isInstanceOf(ActionRefusedException.class);

        approvals.approve(admin().getId(), seller.getCompanyId());

        assertThat(sellerAccess.canPublish(principal(seller))).isTrue();
        assertThat(sellerAccess.requireApproved(principal(seller)).getId()).isEqualTo(seller.getCompanyId());
    }

    @Test
    void aRejectedSellerCorrectsTheCompanyAndAppliesAgain() throws Exception {
        Account seller = newSeller("correct-horse-1");
        Account other = newSeller("correct-horse-1");
        String taken = companies.findById(other.getCompanyId()).orElseThrow().getBusinessNumber();
        long adminId = admin().getId();
        approvals.reject(adminId, seller.getCompanyId(), "사업자등록증의 상호와 회사명이 다릅니다.");

        // the home page says how to go on, and the company page offers the form, filled in with what was sent
        mvc.perform(get("/").with(user(principal(seller))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("회사 정보를 고쳐 다시 신청할 수 있습니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("사업자등록증의 상호와 회사명이 다릅니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/console/company\"")));
        Company rejected = companies.findById(seller.getCompanyId()).orElseThrow();
        mvc.perform(get("/company").with(user(principal(seller))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("action=\"/console/company/reapply\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + rejected.getBusinessNumber() + "\"")));

        // bad input is shown again with the reason, and nothing changes
        String number = uniqueBusinessNumber();
        mvc.perform(reapply(seller, "고친상회", "12-345"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("사업자등록번호는 123-45-67890 형식이어야 합니다.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"고친상회\"")));
        mvc.perform(reapply(seller, "고친상회", taken))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("이미 등록된 사업자등록번호입니다.")));
        mvc.perform(reapply(seller, "고친상회", number).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.REJECTED);

        mvc.perform(reapply(seller, "고친상회", number))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/company"));
        Company again = companies.findById(seller.getCompanyId()).orElseThrow();
        assertThat(again.getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(again.getName()).isEqualTo("고친상회");
        assertThat(again.getBusinessNumber()).isEqualTo(number);
        assertThat(again.getDecidedAt()).isNull();
        assertThat(again.getRejectionReason()).isNull();
        mvc.perform(get("/admin/companies").with(user(principal(admin()))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("company-" + seller.getCompanyId())));

        // pending again, so not sent twice: a second post changes nothing
        mvc.perform(reapply(seller, "두 번째", uniqueBusinessNumber()))
                .andExpect(redirectedUrl("/console/company"));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getName()).isEqualTo("고친상회");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sellerRegistration.reapply(seller.getCompanyId(),
                        new CompanyForm("두 번째", uniqueBusinessNumber(), "서울", "")))
                .isInstanceOf(ActionRefusedException.class);
        // and an approved company is not reviewed anew
        approvals.approve(adminId, seller.getCompanyId());
        mvc.perform(get("/company").with(user(principal(seller))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/console/company/reapply"))));
        mvc.perform(reapply(seller, "세 번째", uniqueBusinessNumber()))
                .andExpect(redirectedUrl("/console/company"));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.APPROVED);
    }

    private static MockHttpServletRequestBuilder reapply(Account seller, String name, String businessNumber) {
        return post("/company/reapply").with(user(principal(seller))).with(csrf())
                .param("companyName", name)
                .param("businessNumber", businessNumber)
                .param("companyAddress", "서울특별시 중구 2")
                .param("description", "고친 설명");
    }

    @Test
    void correctionsSentAtOnceFromSeveralTabsLeaveOneAndNoError() throws Exception {
        Account seller = newSeller("correct-horse-1");
        approvals.reject(admin().getId(), seller.getCompanyId(), "상호가 다릅니다.");
        int tabs = 6;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(tabs);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                String name = "탭" + i + "상회";
                String number = uniqueBusinessNumber();
                answers.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(reapply(seller, name, number)).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("every tab is sent on, none gets an error")
                        .isEqualTo(302);
            }
        } finally {
            pool.shutdownNow();
        }
        Company company = companies.findById(seller.getCompanyId()).orElseThrow();
        assertThat(company.getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(company.getName()).matches("탭\\d상회");
    }
}
