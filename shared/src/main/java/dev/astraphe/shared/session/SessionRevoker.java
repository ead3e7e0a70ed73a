package dev.astraphe.shared.session;

import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Ends every session of an account at once, in every app: used when an account is disabled,
 * deleted or its role changes. Logins happen in the servlet apps, so the servlet principal index
 * holds every authenticated session; deleting a session there also makes queue-edge treat it as gone.
 */
public class SessionRevoker {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    public SessionRevoker(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Returns how many sessions were ended. */
    public int revokeAll(long accountId) {
        Set<String> ids = sessions.findByPrincipalName(Long.toString(accountId)).keySet();
        ids.forEach(sessions::deleteById);
        return ids.size();
    }
}
