package dev.astraphe.storefront.catalog;

import dev.astraphe.shared.images.ImageStoreProperties;
import dev.astraphe.storefront.web.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Product images, streamed from the image store to anyone, without a login or a session.
 *
 * <p>Only an image that a visible product shows is served: the bucket also holds the images of hidden products and
 * uploads never attached to one, and a guessed key must not reveal them. Only the four common image types go out,
 * with the stored type checked and sniffing off, so that an object stored as HTML or SVG can never run as a page of
 * the storefront's origin. A new image always gets a new key, so a browser or proxy may keep one, for ten minutes: a
 * product hidden meanwhile stops showing its images soon after.
 */
@Controller
class ProductImageController {

    private static final Logger log = LoggerFactory.getLogger(ProductImageController.class);
    private static final List<MediaType> SERVED = List.of(MediaType.IMAGE_JPEG, MediaType.IMAGE_PNG,
            MediaType.parseMediaType("image/webp"), MediaType.IMAGE_GIF);
    /** Keys never change their image, but a product may be hidden: a cache stops showing its images within minutes. */
    private static final CacheControl KEPT_A_WHILE = CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic();

    private final ProductViews views;
    private final ObjectProvider<S3Client> store;
    private final String bucket;

    ProductImageController(ProductViews views, ObjectProvider<S3Client> store, ImageStoreProperties properties) {
        this.views = views;
        this.store = store;
        this.bucket = properties.bucket();
        if (store.getIfAvailable() == null) {
            log.warn("No image store (astraphe.images.endpoint is not set): every product image answers 404");
        }
    }

    @GetMapping("/images/{*key}")
    ResponseEntity<InputStreamResource> image(@PathVariable String key) {
        String objectKey = shown(key);
        ResponseInputStream<GetObjectResponse> object = ask(objectKey, s3 -> s3.getObject(request -> request.bucket(bucket).key(objectKey)));
        ResponseEntity.BodyBuilder image = answer(object.response().contentType(), object.response().contentLength());
        if (image == null) {
            object.abort();
            throw new NotFoundException("image");
        }
        return image.body(new InputStreamResource(object));
    }

    /** A HEAD (a cache revalidating, a link checker) asks the store for the object's type and size, not its bytes. */
    @RequestMapping(path = "/images/{*key}", method = RequestMethod.HEAD)
    ResponseEntity<Void> imageHead(@PathVariable String key) {
        String objectKey = shown(key);
        HeadObjectResponse object = ask(objectKey, s3 -> s3.headObject(request -> request.bucket(bucket).key(objectKey)));
        ResponseEntity.BodyBuilder image = answer(object.contentType(), object.contentLength());
        if (image == null) {
            throw new NotFoundException("image");
        }
        return image.build();
    }

    /** The object key of an image a visible product shows; anything else is not found. */
    private String shown(String key) {
        String objectKey = key.startsWith("/") ? key.substring(1) : key;
        if (store.getIfAvailable() == null || objectKey.isEmpty() || !views.showsImage(objectKey)) {
            throw new NotFoundException("image");
        }
        return objectKey;
    }

    private <T> T ask(String key, Function<S3Client, T> call) {
        S3Client s3 = store.getIfAvailable();
        if (s3 == null) {
            throw new NotFoundException("image");
        }
        try {
            return call.apply(s3);
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("image");
        } catch (S3Exception e) {
            // a HEAD's miss has no body, so no error code to name it; a missing bucket is the store's fault, not a miss
            boolean noBucket = e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
            if (e.statusCode() == 404 && !noBucket) {
                throw new NotFoundException("image");
            }
            throw new ImageStoreUnavailableException(key, e);
        } catch (SdkException e) {
            throw new ImageStoreUnavailableException(key, e);
        }
    }

    /** The headers of an image of a type we serve; null for any other object. */
    private static ResponseEntity.@Nullable BodyBuilder answer(@Nullable String storedType, @Nullable Long length) {
        MediaType type = servedType(storedType);
        if (type == null) {
            return null;
        }
        ResponseEntity.BodyBuilder image = ResponseEntity.ok().contentType(type).cacheControl(KEPT_A_WHILE)
                .header("X-Content-Type-Options", "nosniff");
        if (length != null) {
            image.contentLength(length);
        }
        return image;
    }

    /** The stored type, if it is one we serve, without parameters; anything else is not an image to us. */
    private static @Nullable MediaType servedType(@Nullable String stored) {
        if (stored == null) {
            return null;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(stored);
            return SERVED.stream().filter(parsed::equalsTypeAndSubtype).findFirst().orElse(null);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
