package dev.astraphe.shared.session;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

/**
 * One Spring Session in Redis shared by the storefront (MVC), queue-edge (WebFlux) and the seller
 * console (MVC). Every app imports this so that all three read and write the same JSON.
 *
 * <p>JSON with an allow-list rather than Java serialisation: a class that one app lacks must not
 * make the session unreadable in another. Nothing servlet-specific may be stored (no
 * {@code WebAuthenticationDetails}, no saved request): queue-edge has no servlet API.
 */
@Configuration(proxyBeanMethods = false)
public class SharedSessionConfiguration implements BeanClassLoaderAware {

    private ClassLoader classLoader = getClass().getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The bean name is what Spring Session looks up. */
    @Bean
    RedisSerializer<Object> springSessionDefaultRedisSerializer() {
        return new GenericJacksonJsonRedisSerializer(sessionJsonMapper(classLoader));
    }

    public static JsonMapper sessionJsonMapper(ClassLoader classLoader) {
        BasicPolymorphicTypeValidator.Builder allow = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType(AstrapheUser.class)
                // the indexed repositories publish session deltas whose numbers are Longs
                .allowIfSubType(Long.class)
                .allowIfSubType(java.util.ArrayList.class);
        return JsonMapper.builder().addModules(SecurityJacksonModules.getModules(classLoader, allow))
                // a module set up after the security modules, so that this mixin replaces theirs for the login token
                .addModule(new SimpleModule("astraphe-session")
                        .setMixInAnnotation(UsernamePasswordAuthenticationToken.class, AuthenticationTokenMixin.class))
                // Jackson 3 refuses null for primitives by default; AstrapheUser's @JsonIgnore'd
                // `disabled` is absent from the JSON and must read back as false
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Spring Security's mixin for the token, written the same way, read by {@link AuthenticationTokenDeserializer}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonDeserialize(using = AuthenticationTokenDeserializer.class)
    abstract static class AuthenticationTokenMixin {
    }

    /** The storefront's and the console's sessions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletSessions {
        @Bean
        SessionRevoker sessionRevoker(org.springframework.session.FindByIndexNameSessionRepository<? extends org.springframework.session.Session> sessions) {
            return new SessionRevoker(sessions);
        }

        @Bean
        SessionRepositoryCustomizer<RedisIndexedSessionRepository> servletSessionRemnants() {
            return repository -> repository.setRedisSessionMapper(SessionRemnants::read);
        }

        /** Servlet Spring Session base64-encodes the cookie value by default; WebFlux writes the raw id. */
        @Bean
        DefaultCookieSerializerCustomizer rawSessionCookie() {
            return serializer -> {
                serializer.setUseBase64Encoding(false);
                serializer.setCookiePath("/");
            };
        }
    }

    /** queue-edge's session repository reads hashes the servlet apps write, remnants included. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class ReactiveSessions {
        @Bean
        ReactiveSessionRepositoryCustomizer<ReactiveRedisIndexedSessionRepository> reactiveSessionRemnants() {
            return repository -> repository.setRedisSessionMapper(SessionRemnants::readReactive);
        }
    }
}
