package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The admin user list: live accounts, optionally filtered by part of the e-mail, newest first. */
@Component
class AccountSearch {

    private final EntityManager entityManager;

    AccountSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(readOnly = true)
    Page<Account> search(String emailPart, Pageable pageable) {
        String pattern = "%" + escape(emailPart == null ? "" : emailPart.trim().toLowerCase(Locale.ROOT)) + "%";
        String where = " from Account a where a.deletedAt is null and a.email like :pattern escape '!'";
        List<Account> rows = entityManager.createQuery("select a" + where + " order by a.id desc", Account.class)
                .setParameter("pattern", pattern)
                .setFirstResult((int) pageable.getOffset())
                .setMaxResults(pageable.getPageSize())
                .getResultList();
        long total = entityManager.createQuery("select count(a)" + where, Long.class)
                .setParameter("pattern", pattern).getSingleResult();
        return new PageImpl<>(rows, pageable, total);
    }

    private static String escape(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
