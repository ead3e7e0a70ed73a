package dev.astraphe.db.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface AddressRepository extends JpaRepository<Address, Long> {

    List<Address> findByAccountIdOrderByDefaultAddressDescIdAsc(Long accountId);

    /** Owner-scoped lookup: an address id from a form is only ever resolved together with its owner. */
    Optional<Address> findByIdAndAccountId(Long id, Long accountId);

    long countByAccountId(Long accountId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Address a set a.defaultAddress = false where a.accountId = :accountId and a.defaultAddress = true")
    int clearDefault(Long accountId);
}
