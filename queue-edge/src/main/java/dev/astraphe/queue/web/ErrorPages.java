package dev.astraphe.queue.web;

import dev.astraphe.shared.web.AppLinks;
import java.util.HashMap;
import java.util.Map;
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

        /** Set by {@link #renderErrorView(ServerRequest)}: the error is answered with a page, not Boot's JSON. */
        private static final String PAGE = ErrorPages.class.getName() + ".page";

        /**
         * Boot's attributes, and {@code staleForm} when the request was refused for its CSRF token: the page then
         * says to load the form again rather than that the shopper may not see it. A page also gets
         * {@code languageSwitch} when a GET can load its address again (not after a form's POST, whose address
         * answers no GET); programs' JSON does not.
         */
        @Override
        protected Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
            Map<String, Object> attributes = super.getErrorAttributes(request, options);
            Throwable error = getError(request);
            if (error instanceof ResponseStatusException refused && refused.getCause() instanceof CsrfException) {
                attributes.put("staleForm", true);
            }
            if (request.exchange().getAttributes().containsKey(PAGE)) {
                attributes.put("languageSwitch", isGet(request));
            }
            return attributes;
        }

        /**
         * The error page's language switch ({@code ?lang=xx}, which the page's links add to its address): the choice
         * stored as every page here stores it ({@link LanguageChoice}), then the same path again without a query (the
         * links replace the query anyway), whose error page is then in that language. Only for an address a GET
         * loads again, on this host.
         */
        @Override
        protected Mono<ServerResponse> renderErrorView(ServerRequest request) {
            String language = request.queryParams().getFirst("lang");
            String path = request.uri().getRawPath();
            if (language == null || !isGet(request) || !onThisHost(path)) {
                request.exchange().getAttributes().put(PAGE, Boolean.TRUE);
                return super.renderErrorView(request);
            }
            ServerResponse.BodyBuilder redirect = ServerResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, path);
            LanguageChoice.cookie(language).ifPresent(cookie -> redirect.cookie(cookie));
            return redirect.build();
        }

        /** The view's model: Boot's attributes and the layout's links. */
        @Override
        protected Mono<ServerResponse> renderErrorView(String viewName, ServerResponse.BodyBuilder response,
                                                       Map<String, Object> error) {
            Map<String, Object> model = new HashMap<>(error);
            model.put("links", links);
            return super.renderErrorView(viewName, response, model);
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
