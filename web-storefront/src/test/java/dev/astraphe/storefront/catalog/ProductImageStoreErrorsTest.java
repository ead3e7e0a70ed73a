package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.astraphe.shared.images.ImageStoreProperties;
import dev.astraphe.storefront.web.NotFoundException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the store's 404s mean: an image that is not there, or a store set up wrong (which is not the shopper's miss). */
class ProductImageStoreErrorsTest {

    private static final String KEY = "products/7/front.png";

    private final S3Client s3 = mock(S3Client.class);
    private final ProductImageController images;

    @SuppressWarnings("unchecked")
    ProductImageStoreErrorsTest() {
        ProductViews views = mock(ProductViews.class);
        when(views.showsImage(KEY)).thenReturn(true);
        ObjectProvider<S3Client> store = mock(ObjectProvider.class);
        when(store.getIfAvailable()).thenReturn(s3);
        images = new ProductImageController(views, store, new ImageStoreProperties(null, "us-east-1", "astraphe-images",
                false, null, null, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingBucketIsTheStoreBeingUnavailableNotAMissingImage() {
        S3Exception noBucket = (S3Exception) S3Exception.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build()).build();
        when(s3.getObject(any(Consumer.class))).thenThrow(noBucket);
        when(s3.headObject(any(Consumer.class))).thenThrow(noBucket);

        assertThatThrownBy(() -> images.image(KEY)).isInstanceOf(ImageStoreUnavailableException.class);
        assertThatThrownBy(() -> images.imageHead(KEY)).isInstanceOf(ImageStoreUnavailableException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHeadsBodilessNotFoundIsAMissingImage() {
        when(s3.headObject(any(Consumer.class))).thenThrow(S3Exception.builder().statusCode(404).build());

        assertThatThrownBy(() -> images.imageHead(KEY)).isInstanceOf(NotFoundException.class);
    }
}
