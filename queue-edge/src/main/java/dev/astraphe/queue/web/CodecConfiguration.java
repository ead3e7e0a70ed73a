package dev.astraphe.queue.web;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Requests see the application's codecs through {@link SettledCodecConfigurer}. */
@Configuration(proxyBeanMethods = false)
class CodecConfiguration {

    @Bean
    WebHttpHandlerBuilderCustomizer settledCodecs(ServerCodecConfigurer codecs) {
        return builder -> builder.codecConfigurer(new SettledCodecConfigurer(codecs));
    }
}
