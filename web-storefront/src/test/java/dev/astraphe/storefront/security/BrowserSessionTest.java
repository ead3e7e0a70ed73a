package dev.astraphe.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.session.SessionRevoker;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.StorefrontTestSupport;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A real browser-like client (cookie jar, no redirect following) against the running server, so
 * the session really lives in Redis between requests, as it does for shoppers.
 */
class BrowserSessionTest extends StorefrontTestSupport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired CompanyRepository companies;
    @Autowired ProductRepository products;
    @Autowired PasswordEncoder passwordEncoder;
    @Autowired SessionRevoker revoker;
    @Autowired StringRedisTemplate redis;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form's POST as a browser sends it from {@code referer}; {@code body} already encoded. */
    private HttpResponse<String> postFrom(String path, String referer, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                        .header("Referer", referer).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("CSRF field on the page").isTrue();
        return m.group(1);
    }

    private String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    @Test
    void signUpLogInThenRevokingAllSessionsLogsTheBrowserOut() throws Exception {
        String email = uniqueEmail("browser");
        Map<String, String> signUp = new LinkedHashMap<>();
        signUp.put("_csrf", csrf(get("/signup")));
        signUp.put("email", email);
        signUp.put("password", PASSWORD);
        signUp.put("passwordConfirmation", PASSWORD);
        signUp.put("displayName", "브라우저");
        signUp.put("terms", "true");
        signUp.put("role", "ADMIN");
        HttpResponse<String> signedUp = postForm("/signup", signUp);
        assertThat(signedUp.statusCode()).isEqualTo(302);
        assertThat(signedUp.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> loginPage = get("/login");
        assertThat(loginPage.body()).contains("가입이 완료되었습니다.").contains("value=\"" + email + "\"");

        HttpResponse<String> loggedIn = postForm("/login", Map.of("_csrf", csrf(loginPage), "username", email, "password", PASSWORD,
                "continue", "/account"));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        HttpResponse<String> accountPage = get("/account");
        assertThat(accountPage.statusCode()).isEqualTo(200);
        assertThat(accountPage.body()).contains(email).contains("브라우저님");

        assertSessionIsPortableJson(sessionId(), email);

        Account account = accounts.findByEmail(email).orElseThrow();
        assertThat(revoker.revokeAll(account.getId())).isGreaterThanOrEqualTo(1);

        HttpResponse<String> after = get("/account");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?continue=%2Faccount"));
    }

    /** Every attribute is JSON that queue-edge and the console can read: no Java serialisation, no servlet-only types. */
    private void assertSessionIsPortableJson(String sessionId, String email) {
        String key = "astraphe:session:sessions:" + sessionId;
        Map<String, String> hash = redis.<String, String>opsForHash().entries(key);
        assertThat(hash).containsKey("sessionAttr:SPRING_SECURITY_CONTEXT");
        assertThat(hash.get("sessionAttr:SPRING_SECURITY_CONTEXT"))
                .contains("dev.astraphe.shared.session.AstrapheUser")
                .contains("\"email\":\"" + email + "\"")
                .doesNotContain("WebAuthenticationDetails")
                .doesNotContain("password_hash").doesNotContain("{bcrypt}");
        assertThat(hash.keySet()).noneMatch(k -> k.contains("SAVED_REQUEST")).noneMatch(k -> k.contains("FLASH_MAPS"));
        List<byte[]> values = redis.execute((RedisCallback<List<byte[]>>) connection ->
                List.copyOf(connection.hashCommands().hGetAll(key.getBytes(StandardCharsets.UTF_8)).values()));
        assertThat(values).isNotEmpty().allSatisfy(v -> {
            // 0xACED is the Java serialisation stream magic
            assertThat(v.length >= 2 && v[0] == (byte) 0xAC && v[1] == (byte) 0xED).isFalse();
            // a removed attribute (a consumed flash message) is kept as an empty value
            assertThat(v.length == 0 ? '{' : new String(v, StandardCharsets.UTF_8).charAt(0)).isIn('{', '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n');
        });
    }

    @Test
    void browsingASaleAnonymouslyStoresNoSessionUntilAFormNeedsOne() throws Exception {
        // thousands look at a sale's page before its start: none of them should cost a session in Redis
        Product upcoming = new ProductFixtures(products, companies).product("곧 열리는 원두", "", 5,
                Instant.now().plus(Duration.ofHours(1)), null);
        for (String path : List.of("/", "/products/" + upcoming.getId(), "/?lang=en", "/no-such-page")) {
            HttpResponse<String> page = get(path);
            assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.startsWith("SESSION="));
            assertThat(page.body()).as(path).doesNotContain("name=\"_csrf\"");
        }
        assertThat(get("/products/" + upcoming.getId()).body()).contains("곧 열리는 원두");
        assertThat(cookies.getCookieStore().getCookies()).noneMatch(c -> c.getName().equals("SESSION"));

        // the login form carries its token, which lives in the session: that page starts one
        HttpResponse<String> login = get("/login");
        assertThat(csrf(login)).isNotBlank();
        assertThat(redis.hasKey("astraphe:session:sessions:" + sessionId())).isTrue();

        // signed in, every page gives htmx the token for its requests (forms.js)
        String email = uniqueEmail("browsing");
        shopper(email);
        assertThat(postForm("/login", Map.of("_csrf", csrf(login), "username", email, "password", PASSWORD)).statusCode())
                .isEqualTo(302);
        assertThat(get("/").body()).contains("<meta name=\"_csrf\"", "<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">");
    }

    @Test
    void aVisitorAtAnAddressWithNoPageIsToldItDoesNotExistNotAskedToLogIn() throws Exception {
        HttpResponse<String> missing = get("/no-such-page?x=1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("페이지를 찾을 수 없습니다").doesNotContain("Exception", "name=\"password\"");
        // a page that exists still asks for the login first, coming back to it
        HttpResponse<String> account = get("/account");
        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(account.headers().firstValue("Location").orElseThrow()).endsWith("/login?continue=%2Faccount");
    }

    @Test
    void aSellerOnTheShopperAccountPageGetsTheFriendlyForbiddenPage() throws Exception {
        Company company = companies.saveAndFlush(new Company("상점", "bn-" + UUID.randomUUID().toString().substring(0, 12), "", ""));
        String email = uniqueEmail("seller");
        accounts.saveAndFlush(new Account(email, passwordEncoder.encode(PASSWORD), "판매자", Role.SELLER, company.getId()));
        HttpResponse<String> loggedIn = postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email, "password", PASSWORD));
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> forbidden = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/account"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("접근 권한이 없습니다").contains("Astraphe").doesNotContain("Exception");
    }

    @Test
    void formsLeftOpenPastTheirSessionSayToReloadOrLogInAgainNotThatTheShopperMayNotSeeThePage() throws Exception {
        String email = uniqueEmail("stale");
        shopper(email);
        // the login page, then the browser's cookies gone (a restart without restoring them): its token with them
        String token = csrf(get("/login?continue=%2Fproducts%2F7"));
        cookies.getCookieStore().removeAll();
        HttpResponse<String> stale = postForm("/login", Map.of("_csrf", token, "username", email, "password", PASSWORD,
                "continue", "/products/7"));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=expired&continue=%2Fproducts%2F7");
        assertThat(get("/login?error=expired&continue=%2Fproducts%2F7").body())
                .contains("로그인 화면이 오래되어 로그인하지 못했습니다").contains("name=\"continue\" value=\"/products/7\"");
        // any other form: back to the page it was on, which says what happened, instead of a dead end
        String signUpPage = "http://localhost:" + port + "/signup";
        HttpResponse<String> signUp = postFrom("/signup", signUpPage, "email=x%40example.com&_csrf=" + token);
        assertThat(signUp.statusCode()).isEqualTo(302);
        assertThat(signUp.headers().firstValue("Location").orElseThrow()).endsWith(":" + port + "/signup?notice=expired");
        assertThat(get("/signup?notice=expired").body()).contains("페이지가 오래 열려 있어 보낸 내용을 처리하지 못했습니다")
                .contains("name=\"email\"").doesNotContain("다른 계정으로 로그인해 보세요", "Exception");
        // one from elsewhere, or without a Referer: the home page, saying the same
        HttpResponse<String> foreign = postFrom("/signup", "https://evil.example/x", "email=x%40example.com&_csrf=" + token);
        assertThat(foreign.headers().firstValue("Location").orElseThrow()).endsWith("/?notice=expired");

        // an account form sent after logging out in another tab: back to the account page, so to the login, and back
        String accountPage = "http://localhost:" + port + "/account";
        assertThat(postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email, "password", PASSWORD)).statusCode())
                .isEqualTo(302);
        String accountToken = csrf(get("/account"));
        cookies.getCookieStore().removeAll(); // logged out elsewhere: this browser's session is gone
        HttpResponse<String> profile = postFrom("/account/profile", accountPage, "displayName=x&_csrf=" + accountToken);
        assertThat(profile.headers().firstValue("Location").orElseThrow()).endsWith(":" + port + "/account?notice=expired");
        assertThat(get("/account?notice=expired").headers().firstValue("Location").orElseThrow())
                .endsWith("/login?continue=%2Faccount%3Fnotice%3Dexpired");

        // a logout sent after logging out in another tab: done already, nothing to type again, so the shop, no notice
        assertThat(postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email, "password", PASSWORD)).statusCode())
                .isEqualTo(302);
        String logoutToken = csrf(get("/logout"));
        cookies.getCookieStore().removeAll();
        HttpResponse<String> logout = postFrom("/logout", "http://localhost:" + port + "/logout", "_csrf=" + logoutToken);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/").doesNotContain("notice");
    }

    @Test
    void aFailedLoginKeepsTheEmailTypedAndASignedInShopperSkipsTheLoginAndSignUpForms() throws Exception {
        String email = uniqueEmail("typo");
        shopper(email);
        HttpResponse<String> failed = postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email,
                "password", "not-the-password", "continue", "/account"));
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=bad-credentials&continue=%2Faccount")
                .doesNotContain("typo"); // the e-mail is not in the address
        HttpResponse<String> again = get("/login?error=bad-credentials&continue=%2Faccount");
        assertThat(again.body()).contains("value=\"" + email + "\"");
        assertThat(get("/login?error=bad-credentials").body()).as("shown once").doesNotContain(email);

        assertThat(postForm("/login", Map.of("_csrf", csrf(again), "username", email, "password", PASSWORD)).statusCode())
                .isEqualTo(302);
        HttpResponse<String> loginAgain = get("/login?continue=%2Faccount");
        assertThat(loginAgain.statusCode()).isEqualTo(302);
        assertThat(loginAgain.headers().firstValue("Location").orElseThrow()).endsWith("/account");
        HttpResponse<String> signUp = get("/signup");
        assertThat(signUp.statusCode()).isEqualTo(302);
        assertThat(signUp.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void anHtmxActionOnAPageWhoseSessionEndedReloadsThePageInsteadOfDoingNothing() throws Exception {
        String email = uniqueEmail("htmx-stale");
        shopper(email);
        postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email, "password", PASSWORD));
        HttpResponse<String> account = get("/account");
        Matcher meta = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(account.body());
        assertThat(meta.find()).isTrue();
        // logged out in another tab: this tab's token went with the session
        revoker.revokeAll(accounts.findByEmail(email).orElseThrow().getId());
        HttpResponse<String> action = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/account/addresses"))
                .header("HX-Request", "true").header("X-CSRF-TOKEN", meta.group(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("recipient=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(action.statusCode()).isEqualTo(403);
        assertThat(action.headers().firstValue("HX-Refresh")).hasValue("true");
        // the reload it asks for goes to the login page, coming back to the account page
        HttpResponse<String> reload = get("/account");
        assertThat(reload.headers().firstValue("Location").orElseThrow()).endsWith("/login?continue=%2Faccount");
        // a browser's own form post goes back to its page, which says why (formsLeftOpenPastTheirSession...)
        HttpResponse<String> plain = postFrom("/account/addresses", "http://localhost:" + port + "/account",
                "recipient=x&_csrf=" + meta.group(1));
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("HX-Refresh")).isEmpty();
        assertThat(plain.headers().firstValue("Location").orElseThrow()).endsWith("/account?notice=expired");
    }

    @Test
    void addressesTomcatRefusesAndTheErrorPathItselfGetPagesOfOursNotTomcats() throws Exception {
        for (String path : new String[] {"/%2F%2Fevil.com", "/%2e%2e/", "/a/%2e%2e/%2e%2e/etc"}) {
            HttpResponse<String> refused = get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.body()).as(path).contains("Astraphe", "주소를 읽을 수 없습니다", "href=\"/\"")
                    .doesNotContain("HTTP Status", "Tomcat", "Exception");
        }
        // /error asked for itself is no page: not a 500 titled "999"
        HttpResponse<String> error = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.body()).contains("페이지를 찾을 수 없습니다").doesNotContain("999");
    }

    @Test
    void unknownPagesAndBadIdsGetFriendlyPagesFromTheRealServer() throws Exception {
        String email = uniqueEmail("lost");
        shopper(email);
        postForm("/login", Map.of("_csrf", csrf(get("/login")), "username", email, "password", PASSWORD));
        HttpResponse<String> missing = get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("페이지를 찾을 수 없습니다").doesNotContain("Exception")
                // the error page's language switch loads the address asked for (the one the browser shows) again
                .contains("href=\"?lang=en\"");
        HttpResponse<String> bad = get("/account/addresses/abc/edit");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("요청을 처리할 수 없습니다").doesNotContain("Exception");
    }
}
