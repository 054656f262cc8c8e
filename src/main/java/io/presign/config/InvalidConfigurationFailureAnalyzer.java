package io.presign.config;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a configuration the service cannot start with: each property, its value unless
 * secret, what is wrong and the fix, instead of a stack trace.
 */
final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		String description = cause.problems()
			.stream()
			.map((problem) -> "  " + problem)
			.collect(Collectors.joining("\n", "The configuration is not valid:\n", ""));
		String action = cause.problems()
			.stream()
			.map((problem) -> "  " + problem.property() + ": " + problem.fix())
			.distinct()
			.collect(Collectors.joining("\n", "Change the configuration:\n", ""));
		return new FailureAnalysis(description, action, cause);
	}

}
