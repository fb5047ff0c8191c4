package com.reportresumer;

import com.reportresumer.cli.ResumerCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * The report-resumer application. {@link #main} hands the command line to {@link ResumerCli}, which parses it
 * and boots this Spring context only for the commands that need it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class ReportResumerApplication {

    public static void main(String[] args) {
        System.exit(ResumerCli.standard().execute(args));
    }
}
