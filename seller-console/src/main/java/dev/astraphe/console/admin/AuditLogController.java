package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import java.util.Map;
import java.util.Objects;
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

    AuditLogController(AuditLogRepository audit, AccountRepository accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        Page<AuditLogEntry> entries = audit.findAllByOrderByCreatedAtDesc(PageRequest.of(Math.max(page, 0), 50));
        Map<Long, String> actors = accounts.findAllById(entries.stream().map(AuditLogEntry::getActorId).filter(Objects::nonNull)
                        .collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Account::getId, Account::getEmail, (a, b) -> a));
        model.addAttribute("entries", entries);
        model.addAttribute("actors", actors);
        return "admin/audit";
    }
}
