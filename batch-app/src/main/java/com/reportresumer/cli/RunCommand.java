package com.reportresumer.cli;

import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeRuns;
import com.reportresumer.resume.RunReport;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one job execution: resumes every PENDING request now, then prints a summary.")
class RunCommand implements Callable<Integer> {

    @ParentCommand
    ReportResumerCommand parent;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = parent.cli.startContext()) {
            context.getBean(PartnerCenterProperties.class).requireCredentials();
            RunReport report = context.getBean(ResumeRuns.class).run();
            RunSummary.print(report, parent.cli.out());
            return report.exitCode();
        }
    }
}
