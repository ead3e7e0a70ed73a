package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mockingDetails;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.images.ImageStoreProperties;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.StorefrontTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class ProductImagesTest extends StorefrontTestSupport {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 5, 6, 7, 8};

    @Autowired ProductRepository productRepository;
    @Autowired CompanyRepository companyRepository;
    @MockitoSpyBean S3Client s3;
    @Autowired ImageStoreProperties store;
    @LocalServerPort int port;

    private ProductFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ProductFixtures(productRepository, companyRepository);
    }

    @Test
    void anImageAVisibleProductShowsIsServedToAnyoneWithItsTypeNosniffAndADaysCache() throws Exception {
        String key = stored("image/png", PNG);
        showing("원두", key, null);

        HttpResponse<byte[]> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/images/" + key)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("image/png");
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=600, public");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(PNG.length));
        assertThat(response.headers().map()).doesNotContainKey("set-cookie");

        // a HEAD (a cache or a link checker) is answered alike, without the login page
        HttpResponse<Void> head;
        try (HttpClient http = HttpClient.newHttpClient()) {
            head = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/images/" + key))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().allValues("Content-Type")).containsExactly("image/png");
        assertThat(head.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(PNG.length));
    }

    @Test
    void aHeadAsksTheStoreForTheTypeAndSizeNotTheBytes() throws Exception {
        String key = stored("image/png", PNG);
        showing("원두", key, null);
        String missing = "products/test/" + UUID.randomUUID() + ".png";
        showing("원두", missing, null);
        clearInvocations(s3);

        mvc.perform(head("/images/" + key))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(header().longValue("Content-Length", PNG.length));
        mvc.perform(head("/images/" + missing)).andExpect(status().isNotFound());

        assertThat(mockingDetails(s3).getInvocations()).extracting(invocation -> invocation.getMethod().getName())
                .contains("headObject").doesNotContain("getObject");
    }

    @Test
    void theDescriptionImageIsServedToo() throws Exception {
        String key = stored("image/jpeg", JPEG);
        showing("원두", null, key);
        mvc.perform(get("/images/" + key))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg"))
                .andExpect(content().bytes(JPEG));
    }

    @Test
    void webpAndGifAreServedToo() throws Exception {
        for (String type : new String[] {"image/webp", "image/gif"}) {
            String key = stored(type, PNG);
            showing("원두", key, null);
            mvc.perform(get("/images/" + key))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(type));
        }
    }

    @Test
    void anImageNoProductShowsIsNotFound() throws Exception {
        String key = stored("image/png", PNG);
        mvc.perform(get("/images/" + key))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("페이지를 찾을 수 없습니다")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void aHiddenProductsImageIsNotFound() throws Exception {
        String key = stored("image/png", PNG);
        Product hidden = showing("숨은 원두", key, null);
        hidden.hide(null);
        productRepository.save(hidden);
        mvc.perform(get("/images/" + key)).andExpect(status().isNotFound());
    }

    @Test
    void anObjectThatIsNotOneOfTheFourImageTypesIsNotServed() throws Exception {
        for (String type : new String[] {"text/html", "image/svg+xml", "application/octet-stream"}) {
            String key = stored(type, "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
            showing("원두", key, null);
            mvc.perform(get("/images/" + key))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("<script>alert(1)"))));
        }
    }

    @Test
    void anImageMissingFromTheStoreIsNotFound() throws Exception {
        String key = "products/test/" + UUID.randomUUID() + ".png";
        showing("원두", key, null);
        mvc.perform(get("/images/" + key))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("페이지를 찾을 수 없습니다")));
    }

    @Test
    void theProductPageShowsBothImagesNamedAfterTheProduct() throws Exception {
        String main = stored("image/png", PNG);
        String description = stored("image/jpeg", JPEG);
        Product p = showing("겨울 원두", main, description);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("src=\"/images/" + main + "\" alt=\"겨울 원두\"")))
                .andExpect(content().string(containsString("src=\"/images/" + description + "\" alt=\"겨울 원두 상세 이미지\"")))
                .andExpect(content().string(not(containsString("image-placeholder"))));
    }

    @Test
    void aKeyWithSpacesAndHangulGetsALinkThatServesIt() throws Exception {
        String key = "products/test/" + UUID.randomUUID() + " 겨울 원두.png";
        s3.putObject(r -> r.bucket(store.bucket()).key(key).contentType("image/png"), RequestBody.fromBytes(PNG));
        Product p = showing("원두", key, null);
        String page = mvc.perform(get("/products/" + p.getId())).andReturn().getResponse().getContentAsString();
        Matcher src = Pattern.compile("<img class=\"product-image large\"\\s+src=\"([^\"]+)\"").matcher(page);
        assertThat(src.find()).as(page).isTrue();
        assertThat(src.group(1)).doesNotContain(" ").contains("%20");
        mvc.perform(get(URI.create(src.group(1))))
                .andExpect(status().isOk())
                .andExpect(content().bytes(PNG));
    }

    @Test
    void withoutImagesTheProductPageKeepsItsPlaceholders() throws Exception {
        Product p = showing("그림 없는 원두", null, null);
        mvc.perform(get("/products/" + p.getId()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"image-placeholder large\"")))
                .andExpect(content().string(containsString("class=\"image-placeholder\"")))
                .andExpect(content().string(not(containsString("/images/"))));
    }

    @Test
    void aProductCardOnTheHomePageShowsTheMainImage() throws Exception {
        String main = stored("image/png", PNG);
        showing("카드 원두", main, null);
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                // decorative beside the card's own name, which a screen reader would otherwise hear twice
                .andExpect(content().string(containsString("src=\"/images/" + main + "\" alt=\"\"")));
    }

    /** Stored as the console stores them: a key never used before, under the product's prefix. */
    private String stored(String contentType, byte[] body) {
        String key = "products/test/" + UUID.randomUUID() + ".img";
        s3.putObject(r -> r.bucket(store.bucket()).key(key).contentType(contentType), RequestBody.fromBytes(body));
        return key;
    }

    private Product showing(String name, String mainImageKey, String descriptionImageKey) {
        Product p = fixtures.product(name, "", 5, Instant.now().plus(Duration.ofDays(1)), null);
        p.changeImages(mainImageKey, descriptionImageKey, null);
        return productRepository.save(p);
    }
}
