package dev.astraphe.queue.admission;

import dev.astraphe.queue.web.CookieProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AdmissionProperties.class, CookieProperties.class})
class AdmissionConfiguration {
}
