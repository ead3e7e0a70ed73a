package dev.astraphe.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.Address;
import dev.astraphe.db.account.AddressRepository;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.storefront.StorefrontTestSupport;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class AccountPageTest extends StorefrontTestSupport {

    @Autowired AddressRepository addressRepository;
    @Autowired AuditLogRepository auditLog;

    private String email;
    private Account account;
    private Cookie session;

    @BeforeEach
    void loggedInShopper() throws Exception {
        email = uniqueEmail("account");
        account = shopper(email);
        session = login(email, PASSWORD);
    }

    private MockHttpServletRequestBuilder postAs(String url) {
        return post(url).with(csrf()).cookie(session);
    }

    private static MockHttpServletRequestBuilder address(MockHttpServletRequestBuilder request, String label) {
        return request.param("label", label).param("recipient", "김쇼퍼").param("phone", "010-1234-5678")
                .param("postalCode", "04524").param("line1", "서울특별시 중구 세종대로 110").param("line2", "3층");
    }

    private List<Address> addresses() {
        return addressRepository.findByAccountIdOrderByDefaultAddressDescIdAsc(account.getId());
    }

    @Test
    void theAccountPageShowsProfileAddressesAndForms() throws Exception {
        mvc.perform(get("/account").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(email)))
                .andExpect(content().string(containsString("id=\"addresses\"")))
                .andExpect(content().string(containsString("비밀번호 변경")))
                .andExpect(content().string(containsString("회원 탈퇴")));
    }

    @Test
    void profileEditIsSavedAndShownInTheHeaderAtOnce() throws Exception {
        mvc.perform(postAs("/account/profile").param("displayName", "이새이름").param("phone", "010-9999-8888"))
                .andExpect(redirectedUrl("/account"));
        Account saved = accounts.findById(account.getId()).orElseThrow();
        assertThat(saved.getDisplayName()).isEqualTo("이새이름");
        assertThat(saved.getPhone()).isEqualTo("010-9999-8888");
        mvc.perform(get("/").cookie(session)).andExpect(content().string(containsString("이새이름님")));
    }

    @Test
    void invalidProfileReRendersWithMessages() throws Exception {
        mvc.perform(postAs("/account/profile").param("displayName", " ").param("phone", "abc"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("profileForm", "displayName", "phone"))
                .andExpect(content().string(containsString("필수 입력 항목입니다.")));
        assertThat(accounts.findById(account.getId()).orElseThrow().getDisplayName()).isEqualTo("김쇼퍼");
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndTheNewPolicy() throws Exception {
        mvc.perform(postAs("/account/password").param("currentPassword", "wrong-password-x")
                        .param("newPassword", "a-new-long-password").param("newPasswordConfirmation", "a-new-long-password"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("passwordForm", "currentPassword", "wrong-password"));
        mvc.perform(postAs("/account/password").param("currentPassword", PASSWORD)
                        .param("newPassword", "short").param("newPasswordConfirmation", "short"))
                .andExpect(model().attributeHasFieldErrors("passwordForm", "newPassword"));
        mvc.perform(postAs("/account/password").param("currentPassword", PASSWORD)
                        .param("newPassword", email).param("newPasswordConfirmation", email))
                .andExpect(model().attributeHasFieldErrorCode("passwordForm", "newPassword", "password.same-as-email"));
        mvc.perform(postAs("/account/password").param("currentPassword", PASSWORD)
                        .param("newPassword", "a-new-long-password").param("newPasswordConfirmation", "another-long-password"))
                .andExpect(model().attributeHasFieldErrorCode("passwordForm", "newPasswordConfirmation", "mismatch"));
        // nothing changed: the old password still works
        login(email, PASSWORD);
    }

    @Test
    void passwordChangeEndsEverySessionAndTheNewPasswordWorks() throws Exception {
        Cookie otherDevice = login(email, PASSWORD);
        mvc.perform(postAs("/account/password").param("currentPassword", PASSWORD)
                        .param("newPassword", "a-new-long-password").param("newPasswordConfirmation", "a-new-long-password"))
                .andExpect(redirectedUrl("/login?notice=password-changed"));
        mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login?continue=%2Faccount"));
        mvc.perform(get("/account").cookie(otherDevice)).andExpect(redirectedUrl("/login?continue=%2Faccount"));
        mvc.perform(get("/login").param("notice", "password-changed"))
                .andExpect(content().string(containsString("비밀번호를 변경했습니다.")));
        assertThat(postLogin(email, PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        login(email, "a-new-long-password");
    }

    @Test
    void addressesCanBeAddedEditedMadeDefaultAndDeleted() throws Exception {
        mvc.perform(address(postAs("/account/addresses"), "집")).andExpect(redirectedUrl("/account#addresses"));
        mvc.perform(address(postAs("/account/addresses"), "회사")).andExpect(redirectedUrl("/account#addresses"));
        List<Address> list = addresses();
        assertThat(list).extracting(Address::getLabel).containsExactly("집", "회사");
        assertThat(list.get(0).isDefaultAddress()).as("the first address becomes the default").isTrue();
        Address home = list.get(0);
        Address office = list.get(1);

        mvc.perform(get("/account/addresses/" + office.getId() + "/edit").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"회사\"")));
        mvc.perform(address(postAs("/account/addresses/" + office.getId()), "본사").param("line1", "서울특별시 종로구 세종대로 175"))
                .andExpect(redirectedUrl("/account#addresses"));
        assertThat(addressRepository.findById(office.getId()).orElseThrow().getLabel()).isEqualTo("본사");

        mvc.perform(postAs("/account/addresses/" + office.getId() + "/default")).andExpect(redirectedUrl("/account#addresses"));
        assertThat(addresses()).filteredOn(Address::isDefaultAddress).extracting(Address::getId).containsExactly(office.getId());

        mvc.perform(postAs("/account/addresses/" + office.getId() + "/delete")).andExpect(redirectedUrl("/account#addresses"));
        assertThat(addresses()).extracting(Address::getId).containsExactly(home.getId());
        assertThat(addresses().get(0).isDefaultAddress()).as("deleting the default promotes the next one").isTrue();
    }

    @Test
    void invalidAddressReRendersTheFormWithMessages() throws Exception {
        mvc.perform(postAs("/account/addresses").param("label", "").param("postalCode", "12"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("newAddress", "label", "recipient", "postalCode", "line1"))
                .andExpect(content().string(containsString("우편번호는 숫자 5자리입니다.")));
        assertThat(addresses()).isEmpty();
    }

    @Test
    void anAccountKeepsAtMostTwentyAddressesAndTheFormSaysSo() throws Exception {
        for (int i = 0; i < ShopperAddresses.MAX_PER_ACCOUNT; i++) {
            addressRepository.save(new Address(account.getId(), "집" + i, "김", "010-0000-0000", "12345", "서울", ""));
        }
        mvc.perform(address(postAs("/account/addresses").header("HX-Request", "true"), "스물한 번째"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("배송지는 20개까지 저장할 수 있습니다.")))
                .andExpect(content().string(containsString("value=\"스물한 번째\"")));
        assertThat(addresses()).hasSize(ShopperAddresses.MAX_PER_ACCOUNT);
        // one deleted, the next is taken
        mvc.perform(postAs("/account/addresses/" + addresses().getLast().getId() + "/delete"));
        mvc.perform(address(postAs("/account/addresses"), "스물한 번째")).andExpect(status().is3xxRedirection());
        assertThat(addresses()).hasSize(ShopperAddresses.MAX_PER_ACCOUNT).anySatisfy(a -> assertThat(a.getLabel()).isEqualTo("스물한 번째"));
    }

    @Test
    void htmxRequestsGetTheAddressSectionOnly() throws Exception {
        mvc.perform(address(postAs("/account/addresses"), "집").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"addresses\"")))
                .andExpect(content().string(containsString("배송지를 추가했습니다.")))
                .andExpect(content().string(not(containsString("<html"))));
        Address home = addresses().get(0);
        mvc.perform(get("/account/addresses/" + home.getId() + "/edit").cookie(session).header("HX-Request", "true"))
                .andExpect(content().string(containsString("hx-post=\"/account/addresses/" + home.getId() + "\"")))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(postAs("/account/addresses/" + home.getId()).header("HX-Request", "true").param("label", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("addressForm", "label"))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void anotherShoppersAddressIsNotFound() throws Exception {
        Account other = shopper(uniqueEmail("other"));
        Address theirs = addressRepository.save(new Address(other.getId(), "남의 집", "이", "010-0000-0000", "12345", "부산", ""));
        String base = "/account/addresses/" + theirs.getId();
        mvc.perform(get(base + "/edit").cookie(session))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("페이지를 찾을 수 없습니다")))
                .andExpect(content().string(not(containsString("남의 집"))));
        mvc.perform(address(postAs(base), "내 것")).andExpect(status().isNotFound());
        mvc.perform(postAs(base).param("label", "")).andExpect(status().isNotFound());
        mvc.perform(postAs(base + "/default")).andExpect(status().isNotFound());
        mvc.perform(postAs(base + "/delete")).andExpect(status().isNotFound());
        mvc.perform(postAs(base + "/delete").header("HX-Request", "true"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("<html"))));
        assertThat(addressRepository.findById(theirs.getId())).get().extracting(Address::getLabel).isEqualTo("남의 집");
        mvc.perform(get("/account/addresses/not-a-number/edit").cookie(session)).andExpect(status().isBadRequest());
    }

    @Test
    void deletingTheAccountNeedsThePasswordThenEndsSessionsAndLogin() throws Exception {
        mvc.perform(address(postAs("/account/addresses"), "집")).andExpect(redirectedUrl("/account#addresses"));
        mvc.perform(postAs("/account/delete").param("password", "not-my-password"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("deleteAccountForm", "password", "wrong-password"));
        assertThat(accounts.findById(account.getId()).orElseThrow().getDeletedAt()).isNull();

        // an admin disabled and enabled it once: the entries stay, by id, without the owner's e-mail
        AuditLogEntry disabled = auditLog.save(new AuditLogEntry(null, "ACCOUNT_DISABLED", "ACCOUNT", account.getId().toString(),
                email, email + " 사유: 확인용"));
        mvc.perform(postAs("/account/delete").param("password", PASSWORD))
                .andExpect(redirectedUrl("/?notice=account-deleted"));
        AuditLogEntry kept = auditLog.findById(disabled.getId()).orElseThrow();
        String anonymised = "deleted-" + account.getId() + "@deleted.invalid";
        assertThat(kept.getTargetName()).isEqualTo(anonymised);
        assertThat(kept.getDetail()).isEqualTo(anonymised + " 사유: 확인용");
        Account deleted = accounts.findById(account.getId()).orElseThrow();
        assertThat(deleted.getDeletedAt()).isNotNull();
        assertThat(deleted.getEmail()).isNotEqualTo(email);
        assertThat(deleted.getDisplayName()).isNotEqualTo("김쇼퍼");
        assertThat(addresses()).isEmpty();
        mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/login?continue=%2Faccount"));
        assertThat(postLogin(email, PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        mvc.perform(get("/").param("notice", "account-deleted"))
                .andExpect(content().string(containsString("회원 탈퇴가 완료되었습니다.")));
    }
}
