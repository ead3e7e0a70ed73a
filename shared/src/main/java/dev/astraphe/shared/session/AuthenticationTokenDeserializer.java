package dev.astraphe.shared.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the login token of the shared session; it replaces Spring Security's deserializer for
 * {@link UsernamePasswordAuthenticationToken} (see {@link SharedSessionConfiguration}).
 *
 * <p>Spring Security's own one reads the authorities through a typed collection deserializer that Jackson
 * cannot cache, so every session load introspected {@code Collections$UnmodifiableRandomAccessList} and its
 * creators again: a fifth of a waiting-room join's CPU. The JSON is the same; this one builds the types every
 * Astraphe login stores ({@link AstrapheUser}, {@link SimpleGrantedAuthority}, {@link FactorGrantedAuthority})
 * directly and hands anything else to Jackson, where the allow-list still applies.
 */
final class AuthenticationTokenDeserializer extends ValueDeserializer<UsernamePasswordAuthenticationToken> {

    private static final String TYPE = "@class";

    @Override
    public UsernamePasswordAuthenticationToken deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode node = context.readTree(parser);
        Object principal = principal(node.path("principal"), context);
        JsonNode credentialsNode = node.path("credentials");
        Object credentials = credentialsNode.isString() ? credentialsNode.stringValue() : null;
        UsernamePasswordAuthenticationToken token = node.path("authenticated").asBoolean()
                ? UsernamePasswordAuthenticationToken.authenticated(principal, credentials, authorities(node.path("authorities"), context))
                : UsernamePasswordAuthenticationToken.unauthenticated(principal, credentials);
        JsonNode details = node.path("details");
        if (!details.isMissingNode() && !details.isNull()) {
            token.setDetails(context.readTreeAsValue(details, Object.class));
        }
        return token;
    }

    private static Object principal(JsonNode node, DeserializationContext context) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (AstrapheUser.class.getName().equals(node.path(TYPE).asString(null))) {
            JsonNode companyId = node.path("companyId");
            return new AstrapheUser(node.path("id").asLong(), text(node, "email"), text(node, "displayName"),
                    strings(node.path("roles")), companyId.isNumber() ? companyId.asLong() : null, null, false);
        }
        return node.isMissingNode() || node.isNull() ? null : context.readTreeAsValue(node, Object.class);
    }

    /** Default typing writes a list as {@code ["java.util.SomeList", [ ... ]]}. */
    private static List<GrantedAuthority> authorities(JsonNode node, DeserializationContext context) {
        JsonNode elements = typedArray(node);
        List<GrantedAuthority> authorities = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            String type = element.path(TYPE).asString(null);
            String authority = text(element, "authority");
            if (SimpleGrantedAuthority.class.getName().equals(type) && authority != null) {
                authorities.add(new SimpleGrantedAuthority(authority));
            } else if (FactorGrantedAuthority.class.getName().equals(type) && authority != null) {
                FactorGrantedAuthority.Builder factor = FactorGrantedAuthority.withAuthority(authority);
                Instant issuedAt = instant(element.path("issuedAt"));
                if (issuedAt != null) {
                    factor.issuedAt(issuedAt);
                }
                authorities.add(factor.build());
            } else {
                authorities.add(context.readTreeAsValue(element, GrantedAuthority.class));
            }
        }
        return authorities;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : typedArray(node)) {
            values.add(value.asString());
        }
        return values;
    }

    private static JsonNode typedArray(JsonNode node) {
        if (node.isArray() && node.size() == 2 && node.get(0).isString() && node.get(1).isArray()) {
            return node.get(1);
        }
        return node.isArray() ? node : JsonNodeFactory.instance.arrayNode();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    /** java.time writes an Instant as decimal epoch seconds by default; an ISO string is read too. */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        return node.isString() ? Instant.parse(node.stringValue()) : null;
    }
}
