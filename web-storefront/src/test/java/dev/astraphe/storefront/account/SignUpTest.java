package dev.astraphe.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.astraphe.db.account.Account;
import dev.astraphe.shared.session.Role;
import dev.astraphe.storefront.StorefrontTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class SignUpTest extends StorefrontTestSupport {

    private static MockHttpServletRequestBuilder signUp(String email) {
        return post("/signup").with(csrf())
                .param("email", email)
                .param("password", PASSWORD)
                .param("passwordConfirmation", PASSWORD)
                .param("displayName", "김쇼퍼")
                .param("phone", "010-1234-5678")
                .param("terms", "true");
    }

    private static MockHttpServletRequestBuilder signUpNamed(String email, String displayName) {
        return post("/signup").with(csrf())
                .param("email", email)
                .param("password", PASSWORD)
                .param("passwordConfirmation", PASSWORD)
                .param("displayName", displayName)
                .param("terms", "true");
    }

    @Test
    void signUpCreatesAShopperAndIgnoresCraftedRoleFields() throws Exception {
        String email = uniqueEmail("crafted");
        mvc.perform(signUp(email).param("role", "ADMIN", "SELLER").param("roles", "ADMIN").param("role[0]", "ADMIN"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"))
                .andExpect(flash().attribute("flash", "signup.done"));

        Account account = accounts.findByEmail(email).orElseThrow();
        assertThat(account.getRole()).isEqualTo(Role.SHOPPER);
        assertThat(account.getCompanyId()).isNull();
        assertThat(account.getPhone()).isEqualTo("010-1234-5678");
        assertThat(account.getPasswordHash()).startsWith("{bcrypt}").doesNotContain(PASSWORD);
    }

    @Test
    void controlCharactersAndDirectionOverridesInTextAreDroppedNotA500() throws Exception {
        String email = uniqueEmail("nul");
        // a NUL is refused by PostgreSQL (this was a 500); a right-to-left override makes a name read as another
        mvc.perform(signUpNamed(email, "김\u0000쇼\u202e퍼\u0007"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        assertThat(accounts.findByEmail(email).orElseThrow().getDisplayName()).isEqualTo("김쇼퍼");
        // a name of nothing but such characters is a name left empty, and said so
        mvc.perform(signUpNamed(uniqueEmail("nul"), "\u0000\u202e"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("필수 입력 항목입니다.")));
    }

    @Test
    void invisibleCharactersLeaveNamesAndAPasswordTypedWithOneStillLogsIn() throws Exception {
        String email = uniqueEmail("zwsp");
        // pasted from somewhere: a zero-width space in the name and in the password
        String password = "correct\u200B-horse-battery";
        mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", password)
                        .param("passwordConfirmation", password).param("displayName", "김\u200B쇼퍼\uFEFF").param("terms", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        assertThat(accounts.findByEmail(email).orElseThrow().getDisplayName()).isEqualTo("김쇼퍼");
        // the login form is read by Spring Security, not bound: the same password, typed the same way, works
        assertThat(login(email, password)).isNotNull();
        assertThat(postLogin(email, "correct-horse-battery-", null).getRedirectedUrl()).startsWith("/login?error");
    }

    @Test
    void signUpKeepsAValidContinueForTheLoginPage() throws Exception {
        mvc.perform(signUp(uniqueEmail("cont")).param("continue", "/account"))
                .andExpect(redirectedUrl("/login?continue=%2Faccount"));
        mvc.perform(signUp(uniqueEmail("cont")).param("continue", "https://evil.example/"))
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void invalidSignUpReRendersTheFormWithMessagesAndCreatesNothing() throws Exception {
        String email = uniqueEmail("invalid");
        mvc.perform(post("/signup").with(csrf())
                        .param("email", email)
                        .param("password", "short")
                        .param("passwordConfirmation", "different")
                        .param("displayName", "")
                        .param("phone", "not a phone"))
                .andExpect(status().isOk())
                .andExpect(view().name("account/signup"))
                .andExpect(model().attributeHasFieldErrors("signUpForm", "password", "passwordConfirmation", "displayName", "phone", "terms"))
                .andExpect(content().string(containsString("비밀번호는 10자 이상이어야 합니다.")))
                .andExpect(content().string(containsString("비밀번호가 일치하지 않습니다.")))
                .andExpect(content().string(containsString("이용약관에 동의해야 가입할 수 있습니다.")))
                .andExpect(content().string(containsString("value=\"" + email + "\"")));
        assertThat(accounts.findByEmail(email)).isEmpty();
        // an empty password is required, full stop: not also "at least 10 characters" under it
        String empty = mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(errorOf(empty, "signup-password")).isEqualTo("필수 입력 항목입니다.");
        assertThat(errorOf(empty, "signup-displayName")).isEqualTo("필수 입력 항목입니다.");
        // too long for bcrypt (72 bytes) says so, in ASCII as in Hangul: not "at least 10 characters"
        for (String tooLong : new String[] {"a".repeat(73), "가".repeat(25)}) {
            String page = mvc.perform(post("/signup").with(csrf()).param("email", email).param("password", tooLong)
                    .param("passwordConfirmation", tooLong)).andReturn().getResponse().getContentAsString();
            assertThat(errorOf(page, "signup-password")).isEqualTo("비밀번호가 너무 깁니다 (영문 기준 72자까지).");
        }
    }

    /** The text of a field's message on the page (two messages are joined by a line break). */
    static String errorOf(String page, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)id=\"" + id + "-error\"[^>]*>(.*?)</p>").matcher(page);
        assertThat(m.find()).as(id + "'s message").isTrue();
        return m.group(1).trim();
    }

    @Test
    void passwordEqualToTheEmailIsRefused() throws Exception {
        String email = uniqueEmail("same");
        mvc.perform(post("/signup").with(csrf())
                        .param("email", email).param("password", email).param("passwordConfirmation", email)
                        .param("displayName", "Kim").param("terms", "true"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("signUpForm", "password", "password.same-as-email"));
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void aDuplicateEmailGetsAClearMessage() throws Exception {
        String email = uniqueEmail("dup");
        shopper(email);
        mvc.perform(signUp(email.toUpperCase()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("signUpForm", "email", "duplicate"))
                .andExpect(content().string(containsString("This e-mail is already registered.")));
        mvc.perform(signUp(email))
                .andExpect(content().string(containsString("이미 가입된 이메일입니다.")));
        assertThat(accounts.findAll().stream().filter(a -> a.getEmail().equals(email))).hasSize(1);
    }

    @Test
    void twoConcurrentSignUpsWithOneEmailCreateOneAccountAndNo500() throws Exception {
        String email = uniqueEmail("race");
        CountDownLatch start = new CountDownLatch(1);
        Callable<MockHttpServletResponse> attempt = () -> {
            start.await();
            return mvc.perform(signUp(email)).andReturn().getResponse();
        };
        List<MockHttpServletResponse> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<MockHttpServletResponse>> futures = List.of(pool.submit(attempt), pool.submit(attempt));
            start.countDown();
            for (Future<MockHttpServletResponse> f : futures) {
                responses.add(f.get());
            }
        }
        assertThat(responses).extracting(MockHttpServletResponse::getStatus).containsExactlyInAnyOrder(302, 200);
        MockHttpServletResponse refused = responses.stream().filter(r -> r.getStatus() == 200).findFirst().orElseThrow();
        assertThat(refused.getContentAsString()).contains("이미 가입된 이메일입니다.");
        assertThat(accounts.findAll().stream().filter(a -> a.getEmail().equals(email))).hasSize(1);
    }

    @Test
    void theDatabaseIsTheFinalGuardWhenThePreCheckIsPassed() throws Exception {
        // both threads pass existsByEmail before either inserts: the unique index decides
        String email = uniqueEmail("guard");
        CountDownLatch start = new CountDownLatch(1);
        Callable<Object> register = () -> {
            start.await();
            try {
                return shoppers.register(email, PASSWORD, "Kim", null);
            } catch (DuplicateEmailException e) {
                return e;
            }
        };
        List<Object> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Object>> futures = List.of(pool.submit(register), pool.submit(register), pool.submit(register), pool.submit(register));
            start.countDown();
            for (Future<Object> f : futures) {
                results.add(f.get());
            }
        }
        assertThat(results).filteredOn(Account.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(DuplicateEmailException.class::isInstance).hasSize(3);
    }
}
