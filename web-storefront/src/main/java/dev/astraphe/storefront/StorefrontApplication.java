package dev.astraphe.storefront;

import dev.astraphe.db.PersistenceConfiguration;
import dev.astraphe.shared.images.ImageStoreConfiguration;
import dev.astraphe.shared.session.SharedSessionConfiguration;
import dev.astraphe.shared.security.LoginProperties;
import dev.astraphe.shared.web.AppLinks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import({SharedSessionConfiguration.class, PersistenceConfiguration.class, ImageStoreConfiguration.class})
@EnableConfigurationProperties({AppLinks.class, LoginProperties.class})
@ConfigurationPropertiesScan
public class StorefrontApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorefrontApplication.class, args);
    }
}
