package dev.astraphe.storefront.account;

import dev.astraphe.db.account.Account;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Everything the account page shows. Forms already in the model (re-rendered with errors) are kept. */
@Component
class AccountPage {

    static final String VIEW = "account/account";
    static final String ADDRESSES_FRAGMENT = VIEW + " :: addresses";

    private final ShopperAccounts accounts;
    private final ShopperAddresses addresses;

    AccountPage(ShopperAccounts accounts, ShopperAddresses addresses) {
        this.accounts = accounts;
        this.addresses = addresses;
    }

    String render(long accountId, Model model) {
        Account account = accounts.get(accountId);
        model.addAttribute("account", account);
        putIfAbsent(model, "profileForm", new ProfileForm(account.getDisplayName(), account.getPhone()));
        putIfAbsent(model, "passwordForm", PasswordForm.empty());
        putIfAbsent(model, "deleteAccountForm", DeleteAccountForm.empty());
        addressSection(accountId, model);
        return VIEW;
    }

    /** The address list with its add form and, when one is being edited, its edit form. */
    String addressSection(long accountId, Model model) {
        model.addAttribute("addresses", addresses.list(accountId));
        putIfAbsent(model, "newAddress", AddressForm.empty());
        return ADDRESSES_FRAGMENT;
    }

    private static void putIfAbsent(Model model, String name, Object value) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, value);
        }
    }
}
