package com.reportresumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * The Spring Boot configuration of report-resumer: what the context holds. The process starts in
 * {@code com.reportresumer.cli.Main}, whose command line boots this context only for the commands that need it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class ReportResumerApplication {
}
