package dev.astraphe.console.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.images.ImageStoreProperties;
import dev.astraphe.testsupport.UsesS3;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.domain.Pageable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** With an image store, as on the local stack, the demo products come with pictures: a context of its own. */
@UsesS3
class DemoImagesTest extends ConsoleIntegrationTest {

    @Autowired DemoData demoData;
    @Autowired ProductRepository products;
    @Autowired S3Client s3;
    @Autowired ImageStoreProperties store;

    @Test
    void everyDemoProductShowsASquareMainPictureAndADescriptionPictureStoredAsSmallPngs() throws Exception {
        List<Product> demo = demoProducts();
        assertThat(demo).hasSize(10);
        for (Product product : demo) {
            BufferedImage main = stored(product.getMainImageKey());
            assertThat(main.getWidth()).as(product.getName()).isEqualTo(main.getHeight());
            BufferedImage description = stored(product.getDescriptionImageKey());
            assertThat(description.getWidth()).as(product.getName()).isGreaterThan(description.getHeight());
        }
    }

    @Test
    void runningTheDemoAgainKeepsThePictures() {
        Map<Long, String> before = demoProducts().stream().collect(Collectors.toMap(Product::getId, Product::getMainImageKey));

        demoData.run(new DefaultApplicationArguments());

        assertThat(demoProducts().stream().collect(Collectors.toMap(Product::getId, Product::getMainImageKey))).isEqualTo(before);
    }

    private List<Product> demoProducts() {
        return List.of("seller1@astraphe.local", "seller2@astraphe.local").stream()
                .map(email -> accounts.findByEmail(email).orElseThrow().getCompanyId())
                .flatMap(company -> products.findByCompanyId(company, Pageable.unpaged()).stream())
                .toList();
    }

    private BufferedImage stored(String key) throws Exception {
        assertThat(key).startsWith("products/");
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(store.bucket()).key(key));
        assertThat(object.response().contentType()).isEqualTo("image/png");
        assertThat(object.asByteArray().length).as("bytes of " + key).isLessThan(50_000);
        BufferedImage image = ImageIO.read(object.asInputStream());
        assertThat(image).as(key).isNotNull();
        return image;
    }
}
