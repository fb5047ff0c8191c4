/**
 * How a failure is read: its chain of causes, each once ({@link com.reportresumer.failure.Causes}), shared by the
 * command line's exit codes, a run's end, the Feign translation and the secrets filter.
 */
package com.reportresumer.failure;
