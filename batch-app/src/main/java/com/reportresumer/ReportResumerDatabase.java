package com.reportresumer;

import com.reportresumer.audit.AuditTrail;
import com.reportresumer.flag.ReportFlagger;
import com.reportresumer.flag.RequestQueue;
import com.reportresumer.resume.ResumeJobProperties;
import com.reportresumer.resume.StopRequests;
import com.reportresumer.schema.DatabaseSchema;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring configuration of the commands that need the database only ({@code runs}, {@code audit},
 * {@code pending}, {@code flag} of given IDs, {@code unflag}, {@code stop}, {@code migrate}): the datasource, its
 * transactions, and the same query classes the whole application holds ({@link AuditTrail}, {@link RequestQueue},
 * {@link ReportFlagger}, {@link DatabaseSchema}, {@link StopRequests}). No job repository, no Partner Center client,
 * no thread pool, no metrics, no auto-configuration beyond these four: such a command starts in a fraction of the
 * time {@link ReportResumerApplication} takes.
 * <p>
 * Deliberately not a {@code @Configuration}: the whole application's component scan must not pick it up.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class })
@EnableConfigurationProperties(ResumeJobProperties.class)
@Import({ AuditTrail.class, RequestQueue.class, ReportFlagger.class, DatabaseSchema.class, StopRequests.class })
public class ReportResumerDatabase {
}
