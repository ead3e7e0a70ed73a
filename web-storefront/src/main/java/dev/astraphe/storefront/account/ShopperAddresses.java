package dev.astraphe.storefront.account;

import dev.astraphe.db.account.Address;
import dev.astraphe.db.account.AddressRepository;
import dev.astraphe.storefront.web.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shopper's delivery addresses. Every lookup by id goes through the owner, so an id taken from
 * someone else's page is simply not found. The first address becomes the default, and deleting the
 * default promotes the oldest remaining one.
 */
@Service
@Transactional
class ShopperAddresses {

    private final AddressRepository addresses;

    ShopperAddresses(AddressRepository addresses) {
        this.addresses = addresses;
    }

    @Transactional(readOnly = true)
    List<Address> list(long accountId) {
        return addresses.findByAccountIdOrderByDefaultAddressDescIdAsc(accountId);
    }

    @Transactional(readOnly = true)
    Address get(long accountId, long addressId) {
        return owned(accountId, addressId);
    }

    /** A shopper keeps at most this many addresses (the form says so past it; the page lists them all). */
    static final int MAX_PER_ACCOUNT = 20;

    @Transactional(readOnly = true)
    long count(long accountId) {
        return addresses.countByAccountId(accountId);
    }

    Address add(long accountId, AddressForm form) {
        Address address = new Address(accountId, form.label().trim(), form.recipient().trim(), form.phone().trim(),
                form.postalCode().trim(), form.line1().trim(), form.line2() == null ? "" : form.line2().trim());
        address.setDefaultAddress(addresses.countByAccountId(accountId) == 0);
        return addresses.save(address);
    }

    void update(long accountId, long addressId, AddressForm form) {
        owned(accountId, addressId).update(form.label().trim(), form.recipient().trim(), form.phone().trim(),
                form.postalCode().trim(), form.line1().trim(), form.line2() == null ? "" : form.line2().trim());
    }

    void delete(long accountId, long addressId) {
        Address address = owned(accountId, addressId);
        boolean wasDefault = address.isDefaultAddress();
        addresses.delete(address);
        addresses.flush();
        if (wasDefault) {
            list(accountId).stream().findFirst().ifPresent(next -> next.setDefaultAddress(true));
        }
    }

    void makeDefault(long accountId, long addressId) {
        owned(accountId, addressId);
        // clear first and flush, or the partial unique index sees two defaults for a moment
        addresses.clearDefault(accountId);
        owned(accountId, addressId).setDefaultAddress(true);
    }

    private Address owned(long accountId, long addressId) {
        return addresses.findByIdAndAccountId(addressId, accountId).orElseThrow(() -> new NotFoundException("address"));
    }
}
