package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.console.seller.CompanyForm;
import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.Chromium;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

class AdminActionsTest extends ConsoleIntegrationTest {

    /** Debian's Chromium, for the layout on a phone: see {@link Chromium}. */
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;

    @Autowired AccountAdministration administration;
    @Autowired CompanyRepository companies;
    @Autowired AuditLogRepository audit;
    @Autowired CompanyApprovals approvals;

    private List<AuditLogEntry> auditOf(String type, Object id) {
        return audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc(type, id.toString());
    }

    @Test
    void anAdminApprovesACompanyFromItsRowAndTheDecisionIsAudited() throws Exception {
        Account seller = newSeller("correct-horse-1");
        Account admin = admin();

        mvc.perform(get("/admin/companies").with(user(principal(admin))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("company-" + seller.getCompanyId())))
                // a decision cannot be undone: each asks first, naming the company
                .andExpect(content().string(containsString("hx-confirm=\"" + companies.findById(seller.getCompanyId()).orElseThrow().getName() + "을(를) 승인할까요?")))
                .andExpect(content().string(containsString("을(를) 반려할까요? 판매자에게 반려 사유가 보이고")))
                .andExpect(content().string(containsString("<th>사업자등록번호</th>")));
        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/approve").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"company-" + seller.getCompanyId() + "\"")))
                .andExpect(content().string(containsString("승인됨")))
                .andExpect(content().string(not(containsString("<html"))));

        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.APPROVED);
        List<AuditLogEntry> entries = auditOf("COMPANY", seller.getCompanyId());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.getAction()).isEqualTo("COMPANY_APPROVED");
            assertThat(e.getActorId()).isEqualTo(admin.getId());
        });
        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/reject").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("이미 처리된 회사입니다.")));
    }

    @Test
    void aRejectionCarriesTheReasonTheSellerIsShown() throws Exception {
        Account seller = newSeller("correct-horse-1");
        Account admin = admin();
        mvc.perform(get("/admin/companies").with(user(principal(admin))))
                .andExpect(content().string(containsString("id=\"reason-" + seller.getCompanyId() + "\"")));
        // too long a reason is refused with the reason, and the company stays pending
        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/reject").param("reason", "가".repeat(501))
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("반려 사유는 500자 이하로 입력해 주세요.")))
                .andExpect(content().string(not(containsString("<strong>409</strong>"))));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);

        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/reject").param("reason", "  상호가 <사업자등록증>과 다릅니다. ")
                        .header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("반려됨")));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getRejectionReason()).isEqualTo("상호가 <사업자등록증>과 다릅니다.");
        assertThat(auditOf("COMPANY", seller.getCompanyId())).singleElement()
                .satisfies(e -> assertThat(e.getDetail()).endsWith(": 상호가 <사업자등록증>과 다릅니다."));
        // the approvals page keeps the decision below the pending ones: who, and why
        String page = mvc.perform(get("/admin/companies").with(user(principal(admin))))
                .andReturn().getResponse().getContentAsString();
        int row = page.indexOf("id=\"decided-" + seller.getCompanyId() + "\"");
        assertThat(row).as("the decision's row").isPositive();
        assertThat(page.substring(row, page.indexOf("</tr>", row)))
                .contains("반려됨", admin.getEmail(), "상호가 &lt;사업자등록증&gt;과 다릅니다.");
        // the seller reads it, escaped, beside the form to apply again
        mvc.perform(get("/company").with(user(principal(seller))))
                .andExpect(content().string(containsString("상호가 &lt;사업자등록증&gt;과 다릅니다.")))
                .andExpect(content().string(containsString("반려 사유:")));

        // a rejection says why: without a reason it is refused, and the company stays pending
        Account other = newSeller("correct-horse-1");
        mvc.perform(post("/admin/companies/" + other.getCompanyId() + "/reject").param("reason", " ")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("반려 사유를 입력해 주세요.")));
        assertThat(companies.findById(other.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        mvc.perform(get("/admin/companies").with(user(principal(admin))))
                .andExpect(content().string(containsString("name=\"reason\" maxlength=\"500\" required")));
    }

    @Test
    void aDecisionOnAPageShowingAnOlderCompanyIsRefused() throws Exception {
        Account seller = newSeller("correct-horse-1");
        Account admin = admin();
        long seen = companies.findById(seller.getCompanyId()).orElseThrow().getVersion();
        mvc.perform(get("/admin/companies").with(user(principal(admin))))
                .andExpect(content().string(containsString("name=\"version\" value=\"" + seen + "\"")));
        // meanwhile another admin rejects it, and its seller corrects it and applies again
        approvals.reject(admin.getId(), seller.getCompanyId(), "주소가 없습니다.");
        sellerRegistration.reapply(seller.getCompanyId(), new CompanyForm("다른 회사", uniqueBusinessNumber(), "서울", ""));

        // the approve button of the page loaded before: the details approved would not be the ones shown
        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/approve").param("version", Long.toString(seen))
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("그사이 이 회사의 상태나 정보가 바뀌었습니다.")));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        // from the page as it is now, it goes through
        long now = companies.findById(seller.getCompanyId()).orElseThrow().getVersion();
        mvc.perform(post("/admin/companies/" + seller.getCompanyId() + "/approve").param("version", Long.toString(now))
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(redirectedUrl("/console/admin/companies?done=approved"));
        assertThat(companies.findById(seller.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void disablingFromTheListRedirectsWithANoticeAndIsAudited() throws Exception {
        Account shopper = newShopper("correct-horse-1");
        mvc.perform(post("/admin/users/" + shopper.getId() + "/disable").with(user(principal(admin()))).with(csrf()))
                .andExpect(redirectedUrl("/console/admin/users?done=disabled"));
        assertThat(accounts.findById(shopper.getId()).orElseThrow().isDisabled()).isTrue();
        assertThat(auditOf("ACCOUNT", shopper.getId())).extracting(AuditLogEntry::getAction).containsExactly("ACCOUNT_DISABLED");

        mvc.perform(get("/admin/users").param("q", shopper.getEmail()).with(user(principal(admin()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(shopper.getEmail())))
                .andExpect(content().string(containsString("/console/admin/users/" + shopper.getId() + "/enable")));
        mvc.perform(post("/admin/users/" + shopper.getId() + "/enable").header("HX-Request", "true")
                        .with(user(principal(admin()))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"user-" + shopper.getId() + "\"")))
                .andExpect(content().string(containsString("/console/admin/users/" + shopper.getId() + "/disable")))
                // disabling ends every session of the account: asked to confirm first, as granting and revoking are
                .andExpect(content().string(containsString("hx-confirm=\"이 사용자를 비활성화할까요?")))
                .andExpect(content().string(not(containsString("<html"))));
        assertThat(accounts.findById(shopper.getId()).orElseThrow().isDisabled()).isFalse();
    }

    @Test
    void anAdminCannotDisableOrDemoteThemselves() throws Exception {
        Account admin = admin();
        assertThatThrownBy(() -> administration.disable(admin.getId(), admin.getId())).isInstanceOf(ActionRefusedException.class);
        assertThatThrownBy(() -> administration.revokeAdmin(admin.getId(), admin.getId())).isInstanceOf(ActionRefusedException.class);
        mvc.perform(post("/admin/users/" + admin.getId() + "/disable").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("자기 자신을 비활성화할 수 없습니다.")));

        Account reloaded = accounts.findById(admin.getId()).orElseThrow();
        assertThat(reloaded.isDisabled()).isFalse();
        assertThat(reloaded.getRole()).isEqualTo(Role.ADMIN);
        assertThat(auditOf("ACCOUNT", admin.getId())).isEmpty();
    }

    @Test
    void grantingAndRevokingAdminIsAuditedAndGivesASellerBackToTheirCompany() throws Exception {
        Account seller = newSeller("correct-horse-1");
        long adminId = admin().getId();

        assertThat(administration.grantAdmin(adminId, seller.getId()).getRole()).isEqualTo(Role.ADMIN);
        // offered with a confirmation that says where the account goes back to
        mvc.perform(get("/admin/users").param("q", seller.getEmail()).with(user(principal(admin()))))
                .andExpect(content().string(containsString("/console/admin/users/" + seller.getId() + "/revoke-admin")))
                .andExpect(content().string(containsString("hx-confirm=\"이 사용자의 관리자 권한을 해제할까요? 판매자 계정은 판매자로")));
        assertThat(administration.revokeAdmin(adminId, seller.getId()).getRole()).isEqualTo(Role.SELLER);
        mvc.perform(get("/admin/users").param("q", seller.getEmail()).with(user(principal(admin()))))
                .andExpect(content().string(containsString("<td data-label=\"역할\">판매자</td>")))
                .andExpect(content().string(not(containsString(">SELLER</td>"))));

        Account reloaded = accounts.findById(seller.getId()).orElseThrow();
        assertThat(reloaded.getRole()).isEqualTo(Role.SELLER);
        assertThat(reloaded.getCompanyId()).isEqualTo(seller.getCompanyId());
        assertThat(auditOf("ACCOUNT", seller.getId())).extracting(AuditLogEntry::getDetail)
                .anySatisfy(d -> assertThat(d).endsWith("SELLER->ADMIN"))
                .anySatisfy(d -> assertThat(d).endsWith("ADMIN->SELLER"));
        // the log says it in words, the stored text kept in the title
        mvc.perform(get("/admin/audit").with(user(principal(admin()))))
                .andExpect(content().string(containsString(
                        "<td title=\"" + seller.getEmail() + " ADMIN-&gt;SELLER\" data-label=\"내용\">" + seller.getEmail() + ": 관리자 → 판매자</td>")))
                // and whom it was done to by name, not only by id
                .andExpect(content().string(containsString(
                        "<td data-label=\"대상\">계정 #" + seller.getId() + "<br><small class=\"muted\">" + seller.getEmail() + "</small></td>")));
    }

    @Test
    void anAdminWithoutACompanyWhoLosesTheRoleIsAShopperWithNoConsoleAccess() {
        Account shopper = newShopper("correct-horse-1");
        long adminId = admin().getId();

        assertThat(administration.grantAdmin(adminId, shopper.getId()).getRole()).isEqualTo(Role.ADMIN);
        assertThat(administration.revokeAdmin(adminId, shopper.getId()).getRole()).isEqualTo(Role.SHOPPER);
        assertThat(auditOf("ACCOUNT", shopper.getId())).extracting(AuditLogEntry::getDetail)
                .anySatisfy(d -> assertThat(d).endsWith("SHOPPER->ADMIN"))
                .anySatisfy(d -> assertThat(d).endsWith("ADMIN->SHOPPER"));
    }

    @Test
    void onlyAnAdminMayCallTheServices() {
        Account seller = newSeller("correct-horse-1");
        Account shopper = newShopper("correct-horse-1");
        assertThatThrownBy(() -> administration.disable(seller.getId(), shopper.getId())).isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.findById(shopper.getId()).orElseThrow().isDisabled()).isFalse();
    }

    @Test
    void theDashboardAndAuditLogRender() throws Exception {
        mvc.perform(get("/admin").with(user(principal(admin()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"count-pending\"")))
                // a signed-in page gives htmx the token for its actions (forms.js)
                .andExpect(content().string(containsString("<meta name=\"_csrf\" content=\"")));
        mvc.perform(get("/admin/audit").with(user(principal(admin()))))
                .andExpect(status().isOk())
                // in the reader's language, the stored code kept in the title
                .andExpect(content().string(containsString("<td title=\"COMPANY_APPROVED\" data-label=\"작업\">회사 승인</td>")))
                .andExpect(content().string(containsString("<td data-label=\"대상\">회사 #")))
                .andExpect(content().string(not(containsString(">COMPANY_APPROVED<"))));
        // a search that finds nobody says so, instead of an empty table
        mvc.perform(get("/admin/users").param("q", "nobody-at-all-" + unique("x")).with(user(principal(admin()))))
                .andExpect(content().string(containsString("에 해당하는 사용자가 없습니다.")))
                .andExpect(content().string(not(containsString("<table class=\"grid"))));
        mvc.perform(post("/admin/users/999999999/enable").with(user(principal(admin()))).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void onAPhoneTheAdminsTablesAreCardsWithLabelledCellsAndNothingToScrollSidewaysTo() {
        // a pending company with a long name and address, an account with a long address, and an entry in the log
        Account seller = newSeller("correct-horse-1");
        Account shopper = accounts.save(new Account(unique("a-rather-long-mailbox-name-for-a-phone") + "@subdomain.example.com",
                passwordEncoder.encode("correct-horse-1"), "구매자", Role.SHOPPER, null));
        administration.disable(admin().getId(), shopper.getId());
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR")
                .setViewportSize(390, 844))) {
            Page page = adminSignedIn(context, port);

            page.navigate("http://localhost:" + port + CONTEXT + "/admin/users?q=" + shopper.getEmail());
            Locator row = page.locator("#user-" + shopper.getId());
            assertFitsAPhone(page, row.locator("button"));
            assertThat(labelOf(page, row.locator("td").nth(1))).isEqualTo("\"이메일 \"");

            page.navigate("http://localhost:" + port + CONTEXT + "/admin/companies");
            Locator company = page.locator("#company-" + seller.getCompanyId());
            assertFitsAPhone(page, company.locator("button, input[name=reason]"));
            assertThat(labelOf(page, company.locator("td").nth(1))).isEqualTo("\"사업자등록번호 \"");

            page.navigate("http://localhost:" + port + CONTEXT + "/admin/audit");
            assertFitsAPhone(page, page.locator("table.cards td"));
            assertThat(labelOf(page, page.locator("table.cards td").first())).isEqualTo("\"시각 \"");
        }
    }
}
