package dev.astraphe.queue.web;

import dev.astraphe.shared.web.AppLinks;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The errors WebFlux raises itself (no such page, a product id that is not a number) as Spring Boot answers them:
 * JSON for programs, and for browsers the view {@code error/error} (templates/error/error.html) in the shopper's
 * language, with the layout's link back to the storefront. Boot renders that view with its error attributes alone,
 * without the controller advice that gives every other page its {@code links}, so they are added here; Boot's
 * handler is built as Boot builds it and steps back for this one.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPages {

    /** Boot's order for its own handler: before WebFlux's, which would answer with a status and no body. */
    @Bean
    @Order(-1)
    ErrorWebExceptionHandler errorWebExceptionHandler(ErrorAttributes errorAttributes, WebProperties web,
                                                      ObjectProvider<ViewResolver> viewResolvers, ServerCodecConfigurer codecs,
                                                      ApplicationContext context, AppLinks links) {
        WithLinks handler = new WithLinks(errorAttributes, web, context, links);
        handler.setViewResolvers(viewResolvers.orderedStream().toList());
        handler.setMessageWriters(codecs.getWriters());
        handler.setMessageReaders(codecs.getReaders());
        return handler;
    }

    /** Boot's handler, with the layout's links in the model of every error view it renders. */
    static final class WithLinks extends DefaultErrorWebExceptionHandler {

        private final AppLinks links;

        WithLinks(ErrorAttributes errorAttributes, WebProperties web, ApplicationContext context, AppLinks links) {
            super(errorAttributes, web.getResources(), web.getError(), context);
            this.links = links;
        }

        /**
         * Boot's attributes, and {@code staleForm} when the request was refused for its CSRF token: the page then
         * says to load the form again rather than that the shopper may not see it.
         */
        @Override
        protected Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
            Map<String, Object> attributes = super.getErrorAttributes(request, options);
            Throwable error = getError(request);
            if (error instanceof ResponseStatusException refused && refused.getCause() instanceof CsrfException) {
                attributes.put("staleForm", true);
            }
            return attributes;
        }

        /**
         * The error page's language switch ({@code ?lang=} on the failed address, which the page's links load): the
         * choice stored as every page here stores it ({@link LanguageChoice}), then the same address without the
         * parameter, whose error page is then in that language. Only for an address a GET loads again, on this host.
         */
        @Override
        protected Mono<ServerResponse> renderErrorView(ServerRequest request) {
            Optional<String> language = request.queryParam("lang");
            String path = request.uri().getRawPath();
            if (language.isEmpty() || !isGet(request) || !onThisHost(path)) {
                return super.renderErrorView(request);
            }
            String again = path + withoutLanguage(request.uri().getRawQuery());
            ServerResponse.BodyBuilder redirect = ServerResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, again);
            LanguageChoice.cookie(language.get()).ifPresent(cookie -> redirect.cookie(cookie));
            return redirect.build();
        }

        /** The view's model: Boot's attributes, the layout's links, and the language switch unless it was a form's POST. */
        @Override
        protected Mono<ServerResponse> renderErrorView(String viewName, ServerResponse.BodyBuilder response,
                                                       Map<String, Object> error) {
            Map<String, Object> model = new HashMap<>(error);
            model.put("links", links);
            model.put("languageSwitch", !error.containsKey("staleForm"));
            return super.renderErrorView(viewName, response, model);
        }

        /**
         * The query as sent without its {@code lang} parameters, however their name is escaped (one left behind would
         * send the browser round again), or nothing.
         */
        static String withoutLanguage(String rawQuery) {
            if (rawQuery == null) {
                return "";
            }
            StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
            for (String parameter : rawQuery.split("&")) {
                String name = parameter.substring(0, parameter.indexOf('=') < 0 ? parameter.length() : parameter.indexOf('='));
                if (!parameter.isEmpty() && !"lang".equals(decoded(name))) {
                    kept.add(parameter);
                }
            }
            return kept.toString();
        }

        private static String decoded(String name) {
            try {
                return URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return name;
            }
        }

        /** A path a Location can name without leaving the host: not {@code //host} nor {@code /\host}, which browsers follow. */
        private static boolean onThisHost(String path) {
            return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
        }

        private static boolean isGet(ServerRequest request) {
            return request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        }
    }
}
