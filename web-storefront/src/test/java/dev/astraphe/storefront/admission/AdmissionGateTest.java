package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.ProductFixtures.token;
import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static dev.astraphe.storefront.TestAdmissionKeys.K2;
import static dev.astraphe.storefront.TestAdmissionKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.StorefrontTestSupport;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.ResultActions;

/** The live product page through the real gate: every kind of bad admission cookie leads back to the waiting room. */
class AdmissionGateTest extends StorefrontTestSupport {

    @Autowired ProductRepository productRepository;
    @Autowired CompanyRepository companyRepository;
    @Autowired PasswordEncoder passwordEncoder;

    private Account shopper;
    private Cookie session;
    private Product product;
    private String room;

    @BeforeEach
    void liveProductAndLoggedInShopper() throws Exception {
        String email = uniqueEmail("gate");
        shopper = shopper(email);
        session = login(email, PASSWORD);
        product = new ProductFixtures(productRepository, companyRepository).live("한정판 원두");
        room = "http://localhost:8081/queue/p/" + product.getId();
    }

    private ResultActions open(String token) throws Exception {
        var request = get("/products/" + product.getId()).cookie(session);
        if (token != null) {
            request.cookie(new Cookie("ASTRAPHE_ADM_" + product.getId(), token));
        }
        return mvc.perform(request);
    }

    private void refused(String token) throws Exception {
        open(token).andExpect(status().isFound()).andExpect(redirectedUrl(room));
    }

    @Test
    void withoutAnAdmissionTheShopperIsSentToTheWaitingRoom() throws Exception {
        refused(null);
    }

    @Test
    void signedOutVisitorsLogInFirstAndComeBack() throws Exception {
        mvc.perform(get("/products/" + product.getId()))
                .andExpect(redirectedUrl("/login?continue=%2Fproducts%2F" + product.getId()));
    }

    @Test
    void aValidAdmissionForThisShopperAndProductOpensThePage() throws Exception {
        open(token(K1, shopper.getId(), product.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("한정판 원두")))
                .andExpect(content().string(containsString("입장 완료")))
                .andExpect(content().string(containsString("data-countdown-to=")))
                // the time left of its ten minutes, not a clock time (in whatever zone the server runs)
                .andExpect(content().string(matchesPattern("(?s).*data-countdown-reload=\"true\">00:(09:[0-5]\\d|10:00)</span>.*")));
    }

    @Test
    void sellersAndAdminsWhoCannotBuySeeTheLivePageAsAPreviewWithoutTheWaitingRoom() throws Exception {
        for (Role role : List.of(Role.SELLER, Role.ADMIN)) {
            String email = uniqueEmail(role.name().toLowerCase(Locale.ROOT));
            Long company = role == Role.SELLER ? companyRepository.save(new Company("상점",
                    UUID.randomUUID().toString().substring(0, 12), "", "")).getId() : null;
            accounts.saveAndFlush(new Account(email, passwordEncoder.encode(PASSWORD), "직원", role, company));
            Cookie staff = postLogin(email, PASSWORD, null).getCookie("SESSION");
            mvc.perform(get("/products/" + product.getId()).cookie(staff))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("한정판 원두")))
                    .andExpect(content().string(containsString("판매자·관리자 미리보기")))
                    // nothing to enter or order with, and no admission claimed
                    .andExpect(content().string(not(containsString("href=\"" + room + "\""))))
                    .andExpect(content().string(not(containsString("입장 완료"))))
                    // the shopper's account page is not theirs (it refuses them): the way back to the console instead
                    .andExpect(content().string(containsString("href=\"http://localhost:8082/console/\">판매자 콘솔</a>")))
                    .andExpect(content().string(not(containsString("href=\"/account\""))));
            // before the start too: the countdown reloads the page at the opening instead of going to the waiting room
            Product upcoming = new ProductFixtures(productRepository, companyRepository)
                    .product("예정 원두", "", 10, Instant.now().plus(Duration.ofHours(1)), null);
            mvc.perform(get("/products/" + upcoming.getId()).cookie(staff))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("판매자·관리자 미리보기")))
                    .andExpect(content().string(containsString("data-countdown-reload=\"true\"")))
                    .andExpect(content().string(not(containsString("data-countdown-go"))));
        }
        // a shopper still needs an admission: the preview is by role, not by the missing cookie
        refused(null);
        mvc.perform(get("/").cookie(session))
                .andExpect(content().string(containsString("href=\"/account\"")))
                .andExpect(content().string(not(containsString("판매자 콘솔"))));
    }

    @Test
    void bothKeysOfARotationAreAccepted() throws Exception {
        open(token(K1, shopper.getId(), product.getId())).andExpect(status().isOk());
        open(token(K2, shopper.getId(), product.getId())).andExpect(status().isOk());
    }

    @Test
    void anExpiredAdmissionIsRefused() throws Exception {
        // a genuine admission of this sale, issued after its start, whose ten minutes ended five seconds ago (within
        // the decoder's clock skew: refused for its expiry, not for an issue time after its expiry)
        Instant issued = product.getSaleStartsAt().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        Instant expired = Instant.now().minus(Duration.ofSeconds(5)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(issued).isBefore(expired);
        refused(token(K1, "k1", shopper.getId(), product.getId(), issued, expired));
        open(token(K1, "k1", shopper.getId(), product.getId(), issued, Instant.now().plus(Duration.ofMinutes(5))))
                .andExpect(status().isOk());
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        refused(token(K3, "k1", shopper.getId(), product.getId(), Instant.now().plus(Duration.ofMinutes(10))));
        String genuine = token(K1, shopper.getId(), product.getId());
        String[] parts = genuine.split("\\.");
        String otherClaims = Base64URL.encode(("{\"sub\":\"" + shopper.getId() + "\",\"pid\":" + product.getId()
                + ",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + ",\"jti\":\"x\"}").getBytes(StandardCharsets.UTF_8)).toString();
        refused(parts[0] + "." + otherClaims + "." + parts[2]);
    }

    @Test
    void aKeyOutsideTheAcceptedSetIsRefused() throws Exception {
        refused(token(K3, shopper.getId(), product.getId()));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() throws Exception {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String claims = Base64URL.encode(("{\"sub\":\"" + shopper.getId() + "\",\"pid\":" + product.getId()
                + ",\"exp\":" + (Instant.now().getEpochSecond() + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8)).toString();
        refused(header + "." + claims + ".");
    }

    @Test
    void anHs256TokenIsRefusedEvenWithTheKeyIdOfAnAcceptedKey() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(shopper.getId())).claim("pid", product.getId())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        // the public key's x coordinate as the HMAC secret: the classic algorithm-confusion attempt
        jwt.sign(new MACSigner(K1.getX().decode().length >= 32 ? K1.getX().decode() : new byte[32]));
        refused(jwt.serialize());
    }

    @Test
    void anAdmissionOfTheProductsSaleBeforeIsRefused() throws Exception {
        // the product went on sale five minutes ago; this admission, still unexpired, was made in its sale before
        Instant before = product.getSaleStartsAt().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        refused(token(K1, "k1", shopper.getId(), product.getId(), before, Instant.now().plus(Duration.ofMinutes(5))));
        open(token(K1, "k1", shopper.getId(), product.getId(), product.getSaleStartsAt().plusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)))).andExpect(status().isOk());
    }

    @Test
    void anAdmissionForAnotherProductIsRefused() throws Exception {
        refused(token(K1, shopper.getId(), product.getId() + 1000));
    }

    @Test
    void anAdmissionOfAnotherShopperIsRefused() throws Exception {
        Account other = shopper(uniqueEmail("other"));
        refused(token(K1, other.getId(), product.getId()));
    }

    @Test
    void htmxRefreshesWithoutAnAdmissionNavigateToTheWaitingRoom() throws Exception {
        mvc.perform(get("/products/" + product.getId()).cookie(session).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", room));
    }
}
