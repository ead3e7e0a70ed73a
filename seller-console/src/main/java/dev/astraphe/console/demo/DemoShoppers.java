package dev.astraphe.console.demo;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.account.Address;
import dev.astraphe.db.account.AddressRepository;
import dev.astraphe.shared.session.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo shoppers, made the way the storefront's sign-up makes them (normalised e-mail, encoded
 * password, SHOPPER role, one default address). The console cannot depend on the storefront module.
 */
@Component
class DemoShoppers {

    private final AccountRepository accounts;
    private final AddressRepository addresses;
    private final PasswordEncoder passwordEncoder;

    DemoShoppers(AccountRepository accounts, AddressRepository addresses, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    long create(String email, String rawPassword, String displayName, String phone) {
        Account account = new Account(email, passwordEncoder.encode(rawPassword), displayName, Role.SHOPPER, null);
        account.updateProfile(displayName, phone);
        long id = accounts.save(account).getId();
        Address home = new Address(id, "집", displayName, phone, "04524", "서울특별시 중구 세종대로 110", "101동 1001호");
        home.setDefaultAddress(true);
        addresses.save(home);
        return id;
    }
}
