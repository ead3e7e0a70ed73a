package dev.astraphe.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} asked for directly (typed in, or a link to it) is not found. Boot's error controller would answer it
 * as an error with nothing to describe: a 500 titled "999". The error pages Tomcat dispatches to it are not requests
 * of their own, so they never pass here.
 */
public final class ErrorPathNotAPage extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // an error forwarded here by other means than an error dispatch carries its status
        return !"/error".equals(request.getRequestURI().substring(request.getContextPath().length()))
                || request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
