package dev.astraphe.storefront.catalog;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.TestAdmissionKeys;
import dev.astraphe.testsupport.UsesPostgres;
import dev.astraphe.testsupport.UsesRedis;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** An image store nobody answers at (port 9 on this machine refuses connections): a page that says so, not a 500. */
@SpringBootTest(properties = {
        "management.server.port=0",
        "astraphe.images.endpoint=http://127.0.0.1:9",
        "astraphe.images.path-style=true",
        "astraphe.images.access-key=test",
        "astraphe.images.secret-key=test"})
@AutoConfigureMockMvc
@UsesPostgres
@UsesRedis
class ImageStoreDownTest {

    @Autowired MockMvc mvc;
    @Autowired ProductRepository products;
    @Autowired CompanyRepository companies;

    @DynamicPropertySource
    static void admissionKeys(DynamicPropertyRegistry registry) {
        registry.add("astraphe.admission.private-jwk", TestAdmissionKeys::privateJwk);
        registry.add("astraphe.admission.public-jwks", TestAdmissionKeys::publicJwks);
    }

    @Test
    void anImageWhileTheStoreIsUnreachableIsAServiceUnavailablePage() throws Exception {
        Product p = new ProductFixtures(products, companies).product("원두", "", 5, Instant.now().plus(Duration.ofDays(1)), null);
        p.changeImages("products/1/main.png", null, null);
        products.save(p);
        mvc.perform(get("/images/products/1/main.png"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("일시적인 오류가 발생했습니다")))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
