package dev.astraphe.shared.images;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The image store's client, imported by the storefront and the console. There is a client only when
 * {@code astraphe.images.endpoint} is set; each app says what it does without one.
 *
 * <p>The JDK's URL connection client rather than the SDK's Apache or Netty one: a few requests at a time, and no
 * second HTTP stack in the apps. Its timeouts are short (a call at most {@code call-timeout}, 5 s) so that a store that
 * does not answer fails an image request in seconds instead of holding a request thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageStoreProperties.class)
public class ImageStoreConfiguration {

    @Bean
    @ConditionalOnProperty("astraphe.images.endpoint")
    S3Client imageStore(ImageStoreProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(properties.endpoint())
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(properties.connectTimeout())
                        .socketTimeout(properties.readTimeout()))
                // the whole call, retries included, up to the start of the image's bytes: a store that accepts and
                // never answers costs a request thread this long, not the SDK's retries of every read timeout
                .overrideConfiguration(c -> c.apiCallTimeout(properties.callTimeout())
                        .apiCallAttemptTimeout(properties.readTimeout()));
        if (properties.hasCredentials()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())));
        }
        return builder.build();
    }
}
