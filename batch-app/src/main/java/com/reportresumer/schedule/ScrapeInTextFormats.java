package com.reportresumer.schedule;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} in the text formats only: the jar leaves out Prometheus's protobuf format (its
 * library is 2 MB, and Micrometer makes no native histogram, the one thing protobuf carries that text does not).
 * A scraper that accepts protobuf alone would make the endpoint fail with 500 on the missing library; with protobuf
 * taken out of its {@code Accept}, it is answered in the text format, which every Prometheus reads. A scraper that
 * accepts a text format too gets the best of those it names.
 */
@Component
@ConditionalOnWebApplication
class ScrapeInTextFormats extends OncePerRequestFilter {

    private static final String PROTOBUF = "application/vnd.google.protobuf";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept == null || !accept.contains(PROTOBUF) || !request.getRequestURI().equals("/actuator/prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String text = Arrays.stream(request.getHeader("Accept").split(",")).map(String::strip)
                .filter(type -> !type.startsWith(PROTOBUF)).collect(Collectors.joining(","));
        String accept = text.isEmpty() ? "text/plain" : text;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of(accept))
                        : super.getHeaders(name);
            }
        }, response);
    }
}
