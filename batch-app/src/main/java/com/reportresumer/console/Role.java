package com.reportresumer.console;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person signed in to the console may do: a viewer reads every page, an operator may also act. */
public enum Role {
    VIEWER, OPERATOR;

    /** The authority Spring Security checks ({@code ROLE_VIEWER}, {@code ROLE_OPERATOR}). */
    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
