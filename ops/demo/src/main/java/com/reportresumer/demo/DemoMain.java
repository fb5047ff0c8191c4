package com.reportresumer.demo;

import com.reportresumer.cli.Main;

/**
 * The demo jar's main class ({@code ops/demo/target/report-resumer-demo.jar}): every command of the production jar,
 * plus {@code demo} and {@code --demo} (see {@link DemoCli}).
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        Main.launch(args, new DemoCli());
    }
}
