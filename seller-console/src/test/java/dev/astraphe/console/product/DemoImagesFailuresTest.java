package dev.astraphe.console.product;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.astraphe.db.catalog.CategoryRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.shared.images.ImageStoreProperties;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Demo pictures that cannot be made or stored never keep the console from starting, nor the other products' pictures. */
class DemoImagesFailuresTest {

    private final SellerProducts sellerProducts = mock(SellerProducts.class);
    private final CategoryRepository categories = mock(CategoryRepository.class);
    private final S3Client s3 = mock(S3Client.class);

    @Test
    void aProductWhoseImagesCannotBeSetKeepsItsPlaceholderAndTheNextGetsItsPictures() {
        when(categories.findById(any())).thenReturn(Optional.empty());
        doThrow(new NotOwnerException(1L)).when(sellerProducts).changeImages(eq(5L), eq(1L), anyString(), anyString());

        assertThatCode(() -> images().addMissing(List.of(product(1), product(2)))).doesNotThrowAnyException();

        verify(sellerProducts).changeImages(eq(5L), eq(2L), anyString(), anyString());
    }

    @Test
    void aStoreThatFailsEndsTheRoundQuietly() {
        when(categories.findById(any())).thenReturn(Optional.empty());
        when(s3.putObject(any(Consumer.class), any(RequestBody.class))).thenThrow(SdkClientException.create("store away"));

        assertThatCode(() -> images().addMissing(List.of(product(1), product(2)))).doesNotThrowAnyException();

        verify(s3, times(1)).putObject(any(Consumer.class), any(RequestBody.class));
    }

    @Test
    void onlyAKeyOfTheProductsOwnFolderWithAPlainNameIsTaken() {
        SellerProducts.checkImageKey(7, "products/7/0b8e7a4e-1c2d-4f3a-9b1e-2f6c8d9e0a1b.png");
        SellerProducts.checkImageKey(7, null);
        for (String bad : List.of("products/8/a.png", "products/7/../8/a.png", "products/7/a%2Fb.png", "products/7/a;b.png",
                "products/7//a.png", "products/7/", "other/7/a.png", "products/7/" + "a".repeat(200) + ".png")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SellerProducts.checkImageKey(7, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private DemoImages images() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("s3", s3);
        return new DemoImages(sellerProducts, categories, beans.getBeanProvider(S3Client.class),
                new ImageStoreProperties(null, "us-east-1", "astraphe-images", true, null, null,
                        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    private static Product product(long id) {
        Product product = mock(Product.class);
        when(product.getId()).thenReturn(id);
        when(product.getCategoryId()).thenReturn(1000L);
        when(product.getCreatedBy()).thenReturn(5L);
        return product;
    }
}
