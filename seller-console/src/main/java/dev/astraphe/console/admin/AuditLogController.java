package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.ProductRepository;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditLogController {

    private final AuditLogRepository audit;
    private final AccountRepository accounts;
    private final CompanyRepository companies;
    private final ProductRepository products;

    AuditLogController(AuditLogRepository audit, AccountRepository accounts, CompanyRepository companies,
                       ProductRepository products) {
        this.audit = audit;
        this.accounts = accounts;
        this.companies = companies;
        this.products = products;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        Page<AuditLogEntry> entries = audit.findAllByOrderByCreatedAtDesc(PageRequest.of(Math.max(page, 0), 50));
        // who acted and which accounts were acted on, in one query
        Set<Long> accountIds = ids(entries.getContent(), "ACCOUNT");
        entries.stream().map(AuditLogEntry::getActorId).filter(Objects::nonNull).forEach(accountIds::add);
        Map<Long, String> emails = accounts.findAllById(accountIds).stream()
                .collect(Collectors.toMap(Account::getId, Account::getEmail, (a, b) -> a));
        model.addAttribute("entries", entries);
        model.addAttribute("actors", emails);
        model.addAttribute("targets", targetNames(entries.getContent(), emails));
        return "admin/audit";
    }

    /**
     * What each entry acted on, by its name now ("TYPE:id" to the product's or company's name, the account's e-mail):
     * an id alone sent the reader to another page to learn which sale was stopped. One query per kind of target; a
     * target deleted since keeps only its id.
     */
    private Map<String, String> targetNames(List<AuditLogEntry> entries, Map<Long, String> emails) {
        Map<String, String> names = new HashMap<>();
        products.findAllById(ids(entries, "PRODUCT")).forEach(p -> names.put("PRODUCT:" + p.getId(), p.getName()));
        companies.findAllById(ids(entries, "COMPANY")).forEach(c -> names.put("COMPANY:" + c.getId(), c.getName()));
        emails.forEach((id, email) -> names.put("ACCOUNT:" + id, email));
        return names;
    }

    private static Set<Long> ids(List<AuditLogEntry> entries, String type) {
        Set<Long> ids = new HashSet<>();
        for (AuditLogEntry entry : entries) {
            if (type.equals(entry.getTargetType())) {
                try {
                    ids.add(Long.parseLong(entry.getTargetId()));
                } catch (NumberFormatException e) {
                    // not an id this page can look up: shown as it was stored
                }
            }
        }
        return ids;
    }
}
