package dev.astraphe.db.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.UsesPostgres;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

@DataJpaTest
@UsesPostgres
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class AccountSchemaTest {

    @Autowired AccountRepository accounts;
    @Autowired AddressRepository addresses;
    @Autowired CompanyRepository companies;
    @Autowired JdbcTemplate jdbc;

    @Test
    void emailIsStoredLowerCaseAndUnique() {
        accounts.saveAndFlush(new Account("Kim@Example.com", "h", "Kim", Role.SHOPPER, null));
        assertThat(accounts.findByEmail("kim@example.com")).isPresent();
        assertThatThrownBy(() -> accounts.saveAndFlush(new Account("kim@example.com", "h", "Other", Role.SHOPPER, null)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aSellerWithoutCompanyIsRefusedByTheSchema() {
        assertThatThrownBy(() -> accounts.saveAndFlush(new Account("s@example.com", "h", "S", Role.SELLER, null)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aSellerBelongsToACompany() {
        Company company = companies.saveAndFlush(new Company("Acme", "123-45-67890", "", ""));
        assertThat(accounts.saveAndFlush(new Account("s@example.com", "h", "S", Role.SELLER, company.getId())).getId()).isNotNull();
    }

    @Test
    void onlyARejectedCompanyHasARejectionReason() {
        Company company = companies.saveAndFlush(new Company("Acme", "123-45-67891", "", ""));
        company.decide(ApprovalStatus.REJECTED, null, Instant.now(), " 상호가 다릅니다 ");
        assertThat(companies.saveAndFlush(company).getRejectionReason()).isEqualTo("상호가 다릅니다");
        company.reapply("Acme Korea", "123-45-67891", "", "");
        assertThat(companies.saveAndFlush(company).getRejectionReason()).isNull();
        assertThat(company.getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        assertThatThrownBy(() -> company.reapply("Again", "123-45-67891", "", "")).isInstanceOf(IllegalStateException.class);
        // the schema holds it too, whatever writes the row
        assertThatThrownBy(() -> jdbc.update("UPDATE companies SET rejection_reason = 'x' WHERE id = ?", company.getId()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anAccountHasAtMostOneDefaultAddress() {
        Account kim = accounts.saveAndFlush(new Account("kim@example.com", "h", "Kim", Role.SHOPPER, null));
        Address home = new Address(kim.getId(), "집", "김", "010", "04524", "서울 중구", "");
        home.setDefaultAddress(true);
        addresses.saveAndFlush(home);
        Address work = new Address(kim.getId(), "회사", "김", "010", "04524", "서울 종로구", "");
        work.setDefaultAddress(true);
        assertThatThrownBy(() -> addresses.saveAndFlush(work)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void addressesAreFoundOnlyWithTheirOwner() {
        Account kim = accounts.saveAndFlush(new Account("kim@example.com", "h", "Kim", Role.SHOPPER, null));
        Account lee = accounts.saveAndFlush(new Account("lee@example.com", "h", "Lee", Role.SHOPPER, null));
        Address home = addresses.saveAndFlush(new Address(kim.getId(), "집", "김", "010", "04524", "서울 중구", ""));
        assertThat(addresses.findByIdAndAccountId(home.getId(), kim.getId())).isPresent();
        assertThat(addresses.findByIdAndAccountId(home.getId(), lee.getId())).isEmpty();
    }
}
