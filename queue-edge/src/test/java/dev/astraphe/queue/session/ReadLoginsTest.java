package dev.astraphe.queue.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

class ReadLoginsTest {

    private final AtomicInteger reads = new AtomicInteger();

    /** Stands in for the JSON reader: "user:roles" becomes a login of that user with those roles. */
    private final Function<String, SecurityContext> reader = json -> {
        reads.incrementAndGet();
        if (!json.contains(":")) {
            return null;
        }
        String[] parts = json.split(":");
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(parts[0], null,
                AuthorityUtils.commaSeparatedStringToAuthorityList(parts[1])));
    };

    @Test
    void theSameStoredLoginIsReadOnce() {
        ReadLogins logins = new ReadLogins(100);

        SecurityContext first = logins.get(new String("7:ROLE_SHOPPER"), reader);
        SecurityContext second = logins.get(new String("7:ROLE_SHOPPER"), reader);

        assertThat(reads).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(second.getAuthentication().getName()).isEqualTo("7");
    }

    @Test
    void aChangedStoredLoginIsReadAfresh() {
        ReadLogins logins = new ReadLogins(100);
        logins.get("7:ROLE_SHOPPER", reader);

        SecurityContext changed = logins.get("7:ROLE_SHOPPER,ROLE_SELLER", reader);
        SecurityContext other = logins.get("8:ROLE_SHOPPER", reader);

        assertThat(reads).hasValue(3);
        assertThat(AuthorityUtils.authorityListToSet(changed.getAuthentication().getAuthorities()))
                .containsExactlyInAnyOrder("ROLE_SHOPPER", "ROLE_SELLER");
        assertThat(other.getAuthentication().getName()).isEqualTo("8");
    }

    @Test
    void whatIsNoLoginIsNotKept() {
        ReadLogins logins = new ReadLogins(100);

        assertThat(logins.get("garbage", reader)).isNull();
        assertThat(logins.get("garbage", reader)).isNull();

        assertThat(reads).hasValue(2);
        assertThat(logins.size()).isZero();
    }

    @Test
    void staysWithinItsCapacityAndKeepsAnsweringRightly() {
        ReadLogins logins = new ReadLogins(10);
        List<String> stored = new ArrayList<>();
        for (int user = 0; user < 35; user++) {
            stored.add(user + ":ROLE_SHOPPER");
        }

        for (int round = 0; round < 3; round++) {
            for (String json : stored) {
                SecurityContext context = logins.get(json, reader);
                assertThat(context.getAuthentication().getName()).isEqualTo(json.substring(0, json.indexOf(':')));
                assertThat(logins.size()).isLessThanOrEqualTo(10);
            }
        }
    }
}
