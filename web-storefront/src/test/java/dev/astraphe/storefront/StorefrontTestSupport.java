package dev.astraphe.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.storefront.account.ShopperAccounts;
import dev.astraphe.testsupport.UsesPostgres;
import dev.astraphe.testsupport.UsesRedis;
import dev.astraphe.testsupport.UsesS3;
import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One application context for every storefront test class (same annotations, same properties), on
 * a real port so that a real HTTP client can be used next to MockMvc, with real PostgreSQL, Redis and S3.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "astraphe.links.storefront=http://localhost:8080",
        "astraphe.links.queue=http://localhost:8081/queue",
        "astraphe.links.console=http://localhost:8082/console",
        // each request reads the product as the test just left it (RecentProductViewsTest tests the keeping)
        "astraphe.catalog.view-cache=0s"})
@AutoConfigureMockMvc
@UsesPostgres
@UsesRedis
@UsesS3
public abstract class StorefrontTestSupport {

    protected static final String PASSWORD = "correct-horse-battery";

    @Autowired protected MockMvc mvc;
    @Autowired protected AccountRepository accounts;
    @Autowired protected ShopperAccounts shoppers;

    @DynamicPropertySource
    static void admissionKeys(DynamicPropertyRegistry registry) {
        registry.add("astraphe.admission.public-jwks-file", TestAdmissionKeys::publicJwksFile);
        registry.add("astraphe.admission.public-jwks", TestAdmissionKeys::publicJwks);
    }

    /** Every test uses its own e-mails: the database and the login throttle in Redis are shared. */
    protected static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected Account shopper(String email) throws Exception {
        return shoppers.register(email, PASSWORD, "김쇼퍼", null);
    }

    protected MockHttpServletResponse postLogin(String email, String password, String continueTo) throws Exception {
        var request = post("/login").with(csrf()).param("username", email).param("password", password);
        if (continueTo != null) {
            request.param("continue", continueTo);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** Logs in through the real form login and returns the SESSION cookie (the session lives in Redis). */
    protected Cookie login(String email, String password) throws Exception {
        MockHttpServletResponse response = postLogin(email, password, null);
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        Cookie session = response.getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }
}
