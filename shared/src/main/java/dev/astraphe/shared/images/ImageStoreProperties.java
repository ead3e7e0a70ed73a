package dev.astraphe.shared.images;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The S3 bucket that holds product images: the console writes them, the storefront serves them, so both bind this one
 * prefix. Without an {@code endpoint} there is no image store at all (tests, a console started on its own); on AWS
 * give the regional endpoint, e.g. {@code https://s3.ap-northeast-2.amazonaws.com}. MinIO and s3mock need
 * {@code path-style}. The access key and secret come only from configuration; without them the SDK's default chain
 * is used (an instance or task role).
 */
@Validated
@ConfigurationProperties("astraphe.images")
public record ImageStoreProperties(
        URI endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank @DefaultValue("astraphe-images") String bucket,
        @DefaultValue("false") boolean pathStyle,
        String accessKey,
        String secretKey,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout,
        @NotNull @DefaultValue("5s") Duration callTimeout) {

    public ImageStoreProperties {
        if (StringUtils.hasText(accessKey) != StringUtils.hasText(secretKey)) {
            throw new IllegalArgumentException("astraphe.images.access-key and .secret-key go together: set both or neither");
        }
    }

    boolean hasCredentials() {
        return StringUtils.hasText(accessKey);
    }

    /** Keeps the secret out of logs and failure messages. */
    @Override
    public String toString() {
        return "ImageStoreProperties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + ", secretKey=" + (hasCredentials() ? "***" : null)
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + "]";
    }
}
