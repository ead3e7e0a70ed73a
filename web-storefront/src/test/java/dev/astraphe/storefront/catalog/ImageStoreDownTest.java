package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An image store that takes connections and never answers: a page that says so, not a 500, and within seconds (each
 * such request holds one of the storefront's request threads while it waits).
 */
@SpringBootTest(properties = {
        "management.server.port=0",
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

    private static final ServerSocket SILENT = silentStore();

    @AfterAll
    static void closeStore() throws java.io.IOException {
        SILENT.close();
    }

    /** Accepts every connection, reads nothing, answers nothing. */
    private static ServerSocket silentStore() {
        try {
            ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void admissionKeys(DynamicPropertyRegistry registry) {
        registry.add("astraphe.images.endpoint", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
        registry.add("astraphe.admission.public-jwks-file", TestAdmissionKeys::publicJwksFile);
        registry.add("astraphe.admission.public-jwks", TestAdmissionKeys::publicJwks);
    }

    @Test
    void anImageWhileTheStoreIsUnreachableIsAServiceUnavailablePage() throws Exception {
        Product p = new ProductFixtures(products, companies).product("원두", "", 5, Instant.now().plus(Duration.ofDays(1)), null);
        p.changeImages("products/1/main.png", null, null);
        products.save(p);
        long started = System.nanoTime();
        mvc.perform(get("/images/products/1/main.png"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("일시적인 오류가 발생했습니다")))
                .andExpect(content().string(not(containsString("Exception"))));
        // the call's limit (5 s), not the SDK's retries of a read timeout each (four of 3 s, and more)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
}
