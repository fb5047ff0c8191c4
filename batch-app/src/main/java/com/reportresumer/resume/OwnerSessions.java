package com.reportresumer.resume;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Names every database session of this process after its owner ({@code application_name}
 * {@code report-resumer <pid>@<host>}, {@link RunLock.Owner#sessionName()}): the run lock's, and every connection of
 * the pool. A successor that takes over an execution whose owner has stopped renewing its lease ends all of that
 * owner's sessions by this name ({@link RunLock#cutSessionsOf}) before it starts: a frozen owner then wakes to find
 * its lock and any half-done chunk transaction gone, and can commit nothing. It also tells a DBA in
 * {@code pg_stat_activity} which instance holds what.
 */
@Component
class OwnerSessions implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            pool.addDataSourceProperty("ApplicationName", RunLock.Owner.THIS_PROCESS.sessionName());
        }
        return bean;
    }
}
